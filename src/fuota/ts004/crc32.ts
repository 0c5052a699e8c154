/**
 * IEEE CRC-32 (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF; zlib's crc32).
 * Carried by the non-normative interop "DataBlockAuthReq" uplink (reference ts004-algorithm.md 6.3).
 */

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** Read-only lookup table, built once. */
const TABLE = makeTable();

/** CRC-32 of `data` as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
