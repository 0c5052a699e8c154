/**
 * The pcap file format with LoRaTap encapsulation.
 *
 * - pcap (libpcap "classic" format): a 24-byte global header (magic 0xA1B2C3D4 written little-endian,
 *   version 2.4, zone 0, sigfigs 0, snaplen, link type), then per packet a 16-byte record header
 *   (seconds, microseconds, captured length, original length) and the bytes. Link type 270 is
 *   LINKTYPE_LORATAP (tcpdump.org link-layer header types).
 * - LoRaTap version 0 (github.com/eriknl/LoRaTap, loratap.h; all fields big-endian), 15 bytes:
 *   version 0 | padding | header length 15 (2) | frequency Hz (4) | bandwidth in 125 kHz steps |
 *   SF | packet RSSI | max RSSI | current RSSI | SNR (two's complement, quarter dB) | sync word.
 *   RSSI bytes read as −139 + value dBm (as Wireshark's LoRaTap dissector shows them); sync word
 *   0x34 is LoRaWAN's public network.
 */

export const LINKTYPE_LORATAP = 270;
export const LORATAP_V0_BYTES = 15;
export const LORAWAN_SYNC_WORD = 0x34;
const PCAP_MAGIC_US = 0xa1b2c3d4;
const SNAPLEN = 65535;
/** RSSI byte offset of LoRaTap: dBm = −139 + value. */
const RSSI_OFFSET_DB = 139;

/** The pcap global header for LoRaTap packets. */
export function pcapGlobalHeader(): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, PCAP_MAGIC_US, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setInt32(8, 0, true);
  v.setUint32(12, 0, true);
  v.setUint32(16, SNAPLEN, true);
  v.setUint32(20, LINKTYPE_LORATAP, true);
  return b;
}

export interface RadioMeta {
  /** microseconds since the Unix epoch (an integer) */
  unixUs: number;
  frequencyHz: number;
  bwHz: number;
  sf: number;
  rssiDbm: number;
  /** background (noise) level on the channel, dBm */
  noiseDbm: number;
  snrDb: number;
}

const clampByte = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(x)));

/** LoRaTap v0 header of a frame. */
export function loraTapHeader(m: RadioMeta): Uint8Array {
  const b = new Uint8Array(LORATAP_V0_BYTES);
  const v = new DataView(b.buffer);
  b[0] = 0; // version
  b[1] = 0; // padding
  v.setUint16(2, LORATAP_V0_BYTES);
  v.setUint32(4, Math.round(m.frequencyHz) >>> 0);
  b[8] = Math.round(m.bwHz / 125_000);
  b[9] = m.sf;
  const rssi = clampByte(m.rssiDbm + RSSI_OFFSET_DB, 0, 255);
  b[10] = rssi; // packet RSSI
  b[11] = rssi; // max RSSI during the packet
  b[12] = clampByte(m.noiseDbm + RSSI_OFFSET_DB, 0, 255); // current RSSI: the channel without the packet
  v.setInt8(13, clampByte(m.snrDb * 4, -128, 127));
  b[14] = LORAWAN_SYNC_WORD;
  return b;
}

/** One pcap record: record header, LoRaTap header, PHYPayload. */
export function pcapRecord(m: RadioMeta, phyPayload: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(m.unixUs) || m.unixUs < 0) throw new RangeError(`timestamp ${m.unixUs} µs is not a non-negative integer`);
  const len = LORATAP_V0_BYTES + phyPayload.length;
  const out = new Uint8Array(16 + len);
  const v = new DataView(out.buffer);
  v.setUint32(0, Math.floor(m.unixUs / 1e6), true);
  v.setUint32(4, m.unixUs % 1e6, true);
  v.setUint32(8, len, true);
  v.setUint32(12, len, true);
  out.set(loraTapHeader(m), 16);
  out.set(phyPayload, 16 + LORATAP_V0_BYTES);
  return out;
}

/** One packet read back from a pcap file written here. */
export interface PcapPacket {
  unixUs: number;
  frequencyHz: number;
  bandwidthCode: number;
  sf: number;
  packetRssiByte: number;
  snrQuarterDb: number;
  syncWord: number;
  phyPayload: Uint8Array;
}

/** Reads a little-endian microsecond pcap of LoRaTap v0 packets (tests, tools). */
export function readPcap(bytes: Uint8Array): PcapPacket[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || v.getUint32(0, true) !== PCAP_MAGIC_US) throw new Error('not a little-endian microsecond pcap file');
  if (v.getUint32(20, true) !== LINKTYPE_LORATAP) throw new Error(`link type ${v.getUint32(20, true)} is not LoRaTap (${LINKTYPE_LORATAP})`);
  const out: PcapPacket[] = [];
  for (let o = 24; o < bytes.length; ) {
    const len = v.getUint32(o + 8, true);
    const p = o + 16;
    const hdr = v.getUint16(p + 2);
    out.push({
      unixUs: v.getUint32(o, true) * 1e6 + v.getUint32(o + 4, true),
      frequencyHz: v.getUint32(p + 4),
      bandwidthCode: bytes[p + 8],
      sf: bytes[p + 9],
      packetRssiByte: bytes[p + 10],
      snrQuarterDb: v.getInt8(p + 13),
      syncWord: bytes[p + 14],
      phyPayload: bytes.slice(p + hdr, p + len),
    });
    o = p + len;
  }
  return out;
}
