import { describe, expect, it } from 'vitest';
import { beaconCrc16, decodeBeacon, encodeBeacon, INFODESC_NETWORK_SPECIFIC } from '../../src/lorawan/beacon-frame.js';
import { toHex } from '../../src/fuota/ts004/hex.js';

describe('class B beacon frame', () => {
  it('uses CRC-16/CCITT with init 0 (the catalogue check value of "123456789" is 0x31C3)', () => {
    // CRC-16/XMODEM: poly 0x1021, init 0, no reflection, no final XOR (Greg Cook's CRC catalogue)
    expect(beaconCrc16(new TextEncoder().encode('123456789'))).toBe(0x31c3);
    expect(beaconCrc16(new Uint8Array(0))).toBe(0);
  });

  it('lays out an EU868 beacon: RFU, Param, Time LE, CRC1 LE, GwSpecific, CRC2 LE', () => {
    const gps = 1388102400; // a multiple of 128 s
    const b = encodeBeacon(17, gps, 2);
    expect(b.length).toBe(17);
    expect(toHex(b.subarray(0, 2))).toBe('0000');
    expect(new DataView(b.buffer).getUint32(2, true)).toBe(gps);
    expect(new DataView(b.buffer).getUint16(6, true)).toBe(beaconCrc16(b.subarray(0, 6)));
    expect(b[8]).toBe(INFODESC_NETWORK_SPECIFIC);
    expect(toHex(b.subarray(9, 15))).toBe('000000000002');
    expect(new DataView(b.buffer).getUint16(15, true)).toBe(beaconCrc16(b.subarray(8, 15)));
  });

  it('round-trips the 17, 19 and 23 byte layouts, and a corrupted byte fails a CRC', () => {
    for (const size of [17, 19, 23]) {
      const b = encodeBeacon(size, 0xfedcba98, 7);
      const d = decodeBeacon(b);
      expect(d).toMatchObject({ gpsS: 0xfedcba98, infoDesc: INFODESC_NETWORK_SPECIFIC, crcOk: true });
      expect(d.info[5]).toBe(7);
      for (let i = 0; i < size; i++) {
        const bad = b.slice();
        bad[i] ^= 0x10;
        expect(decodeBeacon(bad).crcOk, `size ${size}, byte ${i}`).toBe(false);
      }
    }
  });

  it('has no layout for other sizes', () => {
    expect(() => encodeBeacon(18, 0, 0)).toThrow(/17, 19 or 23/);
  });
});
