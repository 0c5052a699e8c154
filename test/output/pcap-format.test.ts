import { describe, expect, it } from 'vitest';
import { LINKTYPE_LORATAP, loraTapHeader, LORATAP_V0_BYTES, pcapGlobalHeader, pcapRecord, readPcap } from '../../src/output/pcap-format.js';
import { toHex } from '../../src/fuota/ts004/hex.js';

const meta = { unixUs: 1_767_571_425_038_134, frequencyHz: 868_100_000, bwHz: 125_000, sf: 12, rssiDbm: -120.4, noiseDbm: -117.03, snrDb: -3.37 };

describe('pcap with LoRaTap v0', () => {
  it('writes the classic little-endian microsecond pcap header with link type 270', () => {
    expect(toHex(pcapGlobalHeader())).toBe('d4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + 'ffff0000' + '0e010000');
    expect(LINKTYPE_LORATAP).toBe(270);
  });

  it('lays out the 15-byte LoRaTap v0 header big-endian (eriknl/LoRaTap loratap.h)', () => {
    const h = loraTapHeader(meta);
    expect(h.length).toBe(LORATAP_V0_BYTES);
    // version 0, padding, length 15, 868.1 MHz, BW 125 kHz (1), SF12, RSSI −120 dBm (19), max, noise −117 (22), SNR −3.37 dB (−13 quarter dB), sync 0x34
    expect(toHex(h)).toBe('0000000f' + '33be27a0' + '01' + '0c' + '13' + '13' + '16' + 'f3' + '34');
  });

  it('clamps RSSI and SNR to their bytes', () => {
    const h = loraTapHeader({ ...meta, rssiDbm: -200, noiseDbm: 200, snrDb: 80 });
    expect([h[10], h[12], h[13]]).toEqual([0, 255, 127]);
  });

  it('reads back what it writes: time, radio fields and the frame', () => {
    const phy = Uint8Array.of(0x40, 1, 2, 3, 4, 0, 0, 0, 9, 9, 9, 9);
    const file = Buffer.concat([pcapGlobalHeader(), pcapRecord(meta, phy), pcapRecord({ ...meta, unixUs: meta.unixUs + 1_500_000, sf: 7 }, phy.subarray(0, 5))]);
    const p = readPcap(file);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatchObject({ unixUs: meta.unixUs, frequencyHz: 868_100_000, bandwidthCode: 1, sf: 12, packetRssiByte: 19, snrQuarterDb: -13, syncWord: 0x34 });
    expect(Array.from(p[0].phyPayload)).toEqual(Array.from(phy));
    expect(p[1].unixUs).toBe(meta.unixUs + 1_500_000);
    expect(p[1].phyPayload.length).toBe(5);
    // record header: seconds and microseconds, captured = original length = 15 + frame
    const rec = pcapRecord(meta, phy);
    const v = new DataView(rec.buffer);
    expect([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)]).toEqual([1_767_571_425, 38_134, 27, 27]);
  });

  it('refuses a timestamp that is not a whole microsecond', () => {
    expect(() => pcapRecord({ ...meta, unixUs: 1.5 }, new Uint8Array(1))).toThrow(/integer/);
  });
});
