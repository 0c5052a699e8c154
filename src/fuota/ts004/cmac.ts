/**
 * AES-CMAC (RFC 4493) over node:crypto's AES-128. Written for the TS004 v2.0.0 data-block MIC; tested
 * against the RFC 4493 section 4 examples.
 */
import { createCipheriv } from 'node:crypto';
import { Ts004Error } from './errors.js';

const BLOCK = 16;
/** RFC 4493 2.3: the constant R_b for 128-bit blocks */
const RB = 0x87;

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== BLOCK) throw new Ts004Error('an AES-128 key must be 16 bytes');
}

/** AES-128 encryption of one 16-byte block. */
export function aes128EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  checkKey(key);
  if (block.length !== BLOCK) throw new Ts004Error('an AES block must be 16 bytes');
  const cipher = createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(cipher.update(block));
}

/** RFC 4493 2.3: doubling in GF(2^128) (shift left one bit, XOR R_b when the top bit falls out). */
function doubleBlock(x: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = ((x[i] << 1) | (i + 1 < BLOCK ? x[i + 1] >>> 7 : 0)) & 0xff;
  if ((x[0] & 0x80) !== 0) out[BLOCK - 1] ^= RB;
  return out;
}

/** The 16-byte AES-CMAC of `message` under `key` (RFC 4493 2.4). */
export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  checkKey(key);
  const k1 = doubleBlock(aes128EncryptBlock(key, new Uint8Array(BLOCK)));
  const k2 = doubleBlock(k1);
  const blocks = Math.max(1, Math.ceil(message.length / BLOCK));
  const complete = message.length > 0 && message.length % BLOCK === 0;
  const input = new Uint8Array(blocks * BLOCK);
  input.set(message);
  const last = (blocks - 1) * BLOCK;
  if (!complete) input[message.length] = 0x80; // padding 10^i
  const subkey = complete ? k1 : k2;
  for (let i = 0; i < BLOCK; i++) input[last + i] ^= subkey[i];
  const cbc = createCipheriv('aes-128-cbc', key, new Uint8Array(BLOCK));
  cbc.setAutoPadding(false);
  const out = cbc.update(input);
  return new Uint8Array(out.subarray(out.length - BLOCK));
}
