/**
 * Class B beacon frame (lorawan-facts 3.3; RP002 beacon layout as LoRaMac-node reads it in
 * `LoRaMacClassB.c` RxBeacon with the region's RFU sizes, RP002 region headers):
 *
 *   RFU1 | Param(1) | Time(4 LE) | CRC1(2 LE) | GwSpecific(7) | RFU2 | CRC2(2 LE)
 *
 * Time is the GPS second of the beacon start mod 2^32. CRC1 covers RFU1 + Param + Time, CRC2 covers
 * GwSpecific + RFU2; both are CRC-16/CCITT with polynomial 0x1021, initial value 0, no reflection
 * (LoRaMac-node `BeaconCrc`). RFU bytes and Param are 0 (Param's Prec = 0: the gateway's timing is
 * within 1 µs). GwSpecific = InfoDesc(1) | Info(6): the simulator has no geographic coordinates, so
 * it uses InfoDesc 128 (network-specific) with Info = the gateway index, 6 bytes big-endian.
 */

/** RFU1 / RFU2 sizes by beacon length (RP002: EU868, AS923 17 B; IN865 19 B; US915, AU915 23 B). */
const LAYOUT: Readonly<Record<number, { rfu1: number; rfu2: number }>> = {
  17: { rfu1: 1, rfu2: 0 },
  19: { rfu1: 0, rfu2: 3 },
  23: { rfu1: 4, rfu2: 3 },
};

/** GwSpecific InfoDesc for network-specific information (128..255). */
export const INFODESC_NETWORK_SPECIFIC = 128;

/** CRC-16/CCITT (poly 0x1021, init 0, not reflected, no final XOR) over `bytes`. */
export function beaconCrc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let j = 0; j < 8; j++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The beacon frame of `sizeBytes` bytes (17, 19 or 23) sent at GPS second `gpsS` by gateway `gateway`. */
export function encodeBeacon(sizeBytes: number, gpsS: number, gateway: number): Uint8Array {
  const layout = LAYOUT[sizeBytes];
  if (!layout) throw new RangeError(`no beacon layout of ${sizeBytes} bytes (17, 19 or 23)`);
  const out = new Uint8Array(sizeBytes);
  const v = new DataView(out.buffer);
  const timeAt = layout.rfu1 + 1; // after RFU1 and Param
  v.setUint32(timeAt, Math.floor(gpsS) >>> 0, true);
  const crc1At = timeAt + 4;
  v.setUint16(crc1At, beaconCrc16(out.subarray(0, crc1At)), true);
  const gwAt = crc1At + 2;
  out[gwAt] = INFODESC_NETWORK_SPECIFIC;
  v.setUint16(gwAt + 1, Math.floor(gateway / 2 ** 32) & 0xffff);
  v.setUint32(gwAt + 3, gateway >>> 0);
  const crc2At = gwAt + 7 + layout.rfu2;
  v.setUint16(crc2At, beaconCrc16(out.subarray(gwAt, crc2At)), true);
  return out;
}

/** Reads a beacon back: its GPS time, gateway field and whether both CRCs check. */
export function decodeBeacon(frame: Uint8Array): { gpsS: number; infoDesc: number; info: Uint8Array; crcOk: boolean } {
  const layout = LAYOUT[frame.length];
  if (!layout) throw new RangeError(`no beacon layout of ${frame.length} bytes (17, 19 or 23)`);
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const timeAt = layout.rfu1 + 1;
  const crc1At = timeAt + 4;
  const gwAt = crc1At + 2;
  const crc2At = gwAt + 7 + layout.rfu2;
  const crcOk = v.getUint16(crc1At, true) === beaconCrc16(frame.subarray(0, crc1At)) && v.getUint16(crc2At, true) === beaconCrc16(frame.subarray(gwAt, crc2At));
  return { gpsS: v.getUint32(timeAt, true), infoDesc: frame[gwAt], info: frame.slice(gwAt + 1, gwAt + 7), crcOk };
}
