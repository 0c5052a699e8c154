/**
 * IEEE CRC-32 (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF), carried by
 * the non-normative interop "DataBlockAuthReq" uplink (reference ts004-algorithm.md 6.3). Node's
 * zlib computes exactly this CRC (zlib.crc32, Node ≥ 20.15), natively and faster than a table in
 * JavaScript, so the codec uses it rather than a copy of its own.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32 of `data` as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  return zlibCrc32(data) >>> 0;
}
