/**
 * TS004 v2.0.0 data-block integrity (TS004-2.0.0 section 3.3, FragSessionSetupReq MIC; reference
 * ts004-algorithm.md 7): DataBlockIntKey = AES-128(root key, 0x30 | 0^15);
 * B0 = 0x49 | SessionCnt (2 LE) | FragIndex | Descriptor (4, wire order) | 0^4 | data length (4 LE);
 * MIC = the first 4 bytes of AES-CMAC(DataBlockIntKey, B0 | unpadded data block).
 */
import { aes128EncryptBlock, aesCmac } from './cmac.js';
import { Ts004Error } from './errors.js';

/** Derives DataBlockIntKey from the root key (GenAppKey for LoRaWAN 1.0.x devices, AppKey for 1.1). */
export function deriveDataBlockIntKey(rootKey: Uint8Array): Uint8Array {
  const block = new Uint8Array(16);
  block[0] = 0x30;
  return aes128EncryptBlock(rootKey, block);
}

export interface DataBlockMicInput {
  dataBlockIntKey: Uint8Array;
  sessionCnt: number;
  fragIndex: number;
  /** 4 bytes in transmission order */
  descriptor: Uint8Array;
  /** the unpadded data block */
  data: Uint8Array;
}

/** The 4-byte MIC carried in a v2 FragSessionSetupReq, in transmission order. */
export function dataBlockMic(input: DataBlockMicInput): Uint8Array {
  const { sessionCnt, fragIndex, descriptor, data } = input;
  if (!Number.isInteger(sessionCnt) || sessionCnt < 0 || sessionCnt > 0xffff) {
    throw new Ts004Error(`SessionCnt ${sessionCnt} is not a 16-bit value`);
  }
  if (!Number.isInteger(fragIndex) || fragIndex < 0 || fragIndex > 3) throw new Ts004Error(`FragIndex ${fragIndex} is not 0..3`);
  if (descriptor.length !== 4) throw new Ts004Error('the descriptor must be 4 bytes');
  const message = new Uint8Array(16 + data.length);
  const view = new DataView(message.buffer);
  message[0] = 0x49;
  view.setUint16(1, sessionCnt, true);
  message[3] = fragIndex;
  message.set(descriptor, 4);
  view.setUint32(12, data.length, true);
  message.set(data, 16);
  return aesCmac(input.dataBlockIntKey, message).slice(0, 4);
}
