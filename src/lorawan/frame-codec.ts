/**
 * LoRaWAN 1.0.x data frames, byte for byte (LoRaWAN 1.0.4 §4; lorawan-facts 1.2):
 *
 *   PHYPayload = MHDR | FHDR | [FPort | FRMPayload] | MIC,   FHDR = DevAddr(4 LE) | FCtrl | FCnt(2 LE) | FOpts
 *
 * - FRMPayload encryption (§4.3.3): S = AES-128(K, A_1) | AES-128(K, A_2) | …, with
 *   A_i = 0x01 | 0x00×4 | Dir | DevAddr(4 LE) | FCnt(4 LE) | 0x00 | i, and the payload XORed with S.
 *   K is AppSKey when FPort > 0, NwkSKey when FPort = 0. Dir: 0 uplink, 1 downlink. A_i is a
 *   big-endian counter in its last byte, so the keystream is AES-CTR started at A_1.
 * - MIC (§4.4): the first 4 bytes of AES-CMAC(NwkSKey, B_0 | MHDR…FRMPayload), with
 *   B_0 = 0x49 | 0x00×4 | Dir | DevAddr(4 LE) | FCnt(4 LE) | 0x00 | len(MHDR…FRMPayload).
 *
 * The full 32-bit FCnt enters A_i and B_0; the frame carries its 16 low bits. Multicast frames are
 * the same with McAddr, McAppSKey, McNwkSKey and the group's McFCnt (TS005 §3.3).
 */
import { createCipheriv } from 'node:crypto';
import { aesCmac } from '../fuota/ts004/cmac.js';

/** MHDR MType values (LoRaWAN 1.0.4 §4.2.1), in bits 7..5; Major 0 (LoRaWAN R1) in bits 1..0. */
export const MTYPE = {
  unconfirmedDataUp: 2,
  unconfirmedDataDown: 3,
  confirmedDataUp: 4,
  confirmedDataDown: 5,
} as const;

/** FCtrl bits (§4.3.1): ADR 7, ADRACKReq 6 (uplink), ACK 5, FPending 4 (downlink) / ClassB 4 (uplink). */
export const FCTRL = { adr: 0x80, adrAckReq: 0x40, ack: 0x20, fPending: 0x10, classB: 0x10 } as const;

export interface DataFrame {
  mtype: number;
  /** DevAddr or McAddr, as the 32-bit number */
  devAddr: number;
  /** FCtrl without FOptsLen (filled from fOpts) */
  fCtrl: number;
  /** full 32-bit frame counter */
  fCnt: number;
  /** FOpts bytes (MAC commands, sent in clear in 1.0.x), at most 15 */
  fOpts?: Uint8Array;
  /** null: no FPort and no FRMPayload */
  fPort: number | null;
  /** FRMPayload in clear */
  payload: Uint8Array;
  nwkSKey: Uint8Array;
  appSKey: Uint8Array;
}

const isUplink = (mtype: number): boolean => mtype === MTYPE.unconfirmedDataUp || mtype === MTYPE.confirmedDataUp;

/** FRMPayload encryption and decryption (the same XOR), §4.3.3. */
export function cryptFrmPayload(key: Uint8Array, uplink: boolean, devAddr: number, fCnt: number, data: Uint8Array): Uint8Array {
  if (data.length === 0) return new Uint8Array(0);
  const a1 = new Uint8Array(16);
  const v = new DataView(a1.buffer);
  a1[0] = 0x01;
  a1[5] = uplink ? 0 : 1;
  v.setUint32(6, devAddr >>> 0, true);
  v.setUint32(10, fCnt >>> 0, true);
  a1[15] = 1;
  const ctr = createCipheriv('aes-128-ctr', key, a1);
  return new Uint8Array(ctr.update(data));
}

/** The 4-byte MIC of `msg` (MHDR up to the end of FRMPayload), §4.4. */
export function dataFrameMic(nwkSKey: Uint8Array, uplink: boolean, devAddr: number, fCnt: number, msg: Uint8Array): Uint8Array {
  if (msg.length > 255) throw new RangeError(`a LoRaWAN frame is at most 255 bytes before its MIC, got ${msg.length}`);
  const b = new Uint8Array(16 + msg.length);
  const v = new DataView(b.buffer);
  b[0] = 0x49;
  b[5] = uplink ? 0 : 1;
  v.setUint32(6, devAddr >>> 0, true);
  v.setUint32(10, fCnt >>> 0, true);
  b[15] = msg.length;
  b.set(msg, 16);
  return aesCmac(nwkSKey, b).subarray(0, 4);
}

/** PHYPayload length of a frame: MHDR 1 + FHDR 7 + FOpts + [FPort 1 + FRMPayload] + MIC 4. */
export function dataFrameLength(fOptsBytes: number, fPort: number | null, payloadBytes: number): number {
  return 12 + fOptsBytes + (fPort === null ? 0 : 1 + payloadBytes);
}

/** The PHYPayload of a data frame: FRMPayload encrypted, MIC appended. */
export function encodeDataFrame(f: DataFrame): Uint8Array {
  const fOpts = f.fOpts ?? new Uint8Array(0);
  if (fOpts.length > 15) throw new RangeError(`FOpts is at most 15 bytes, got ${fOpts.length}`);
  if (f.fPort === null && f.payload.length > 0) throw new RangeError('a FRMPayload needs an FPort');
  if (f.fPort !== null && (!Number.isInteger(f.fPort) || f.fPort < 0 || f.fPort > 255)) throw new RangeError(`FPort ${f.fPort} is not 0..255`);
  const uplink = isUplink(f.mtype);
  const len = dataFrameLength(fOpts.length, f.fPort, f.payload.length);
  const out = new Uint8Array(len);
  const v = new DataView(out.buffer);
  out[0] = (f.mtype << 5) & 0xe0; // Major 0: LoRaWAN R1
  v.setUint32(1, f.devAddr >>> 0, true);
  out[5] = (f.fCtrl & 0xf0) | fOpts.length;
  v.setUint16(6, f.fCnt & 0xffff, true);
  out.set(fOpts, 8);
  let o = 8 + fOpts.length;
  if (f.fPort !== null) {
    out[o++] = f.fPort;
    const key = f.fPort === 0 ? f.nwkSKey : f.appSKey;
    out.set(cryptFrmPayload(key, uplink, f.devAddr, f.fCnt, f.payload), o);
    o += f.payload.length;
  }
  out.set(dataFrameMic(f.nwkSKey, uplink, f.devAddr, f.fCnt, out.subarray(0, o)), o);
  return out;
}

/** A data frame read back: header fields, FRMPayload decrypted, whether the MIC checks. */
export interface DecodedDataFrame {
  mtype: number;
  devAddr: number;
  fCtrl: number;
  fCnt16: number;
  fOpts: Uint8Array;
  fPort: number | null;
  payload: Uint8Array;
  micOk: boolean;
}

/** Reads a PHYPayload with the given keys; `fCnt` is the full counter (its 16 low bits must match). */
export function decodeDataFrame(phy: Uint8Array, keys: { nwkSKey: Uint8Array; appSKey: Uint8Array }, fCnt: number): DecodedDataFrame {
  if (phy.length < 12) throw new RangeError(`a data frame is at least 12 bytes, got ${phy.length}`);
  const v = new DataView(phy.buffer, phy.byteOffset, phy.byteLength);
  const mtype = phy[0] >>> 5;
  const devAddr = v.getUint32(1, true);
  const fCtrl = phy[5] & 0xf0;
  const fOptsLen = phy[5] & 0x0f;
  const fCnt16 = v.getUint16(6, true);
  if ((fCnt & 0xffff) !== fCnt16) throw new RangeError(`FCnt ${fCnt} does not match the frame's ${fCnt16}`);
  const micAt = phy.length - 4;
  const fOpts = phy.slice(8, 8 + fOptsLen);
  const portAt = 8 + fOptsLen;
  const fPort = portAt < micAt ? phy[portAt] : null;
  const uplink = isUplink(mtype);
  const enc = fPort === null ? new Uint8Array(0) : phy.subarray(portAt + 1, micAt);
  const payload = fPort === null ? enc : cryptFrmPayload(fPort === 0 ? keys.nwkSKey : keys.appSKey, uplink, devAddr, fCnt, enc);
  const mic = dataFrameMic(keys.nwkSKey, uplink, devAddr, fCnt, phy.subarray(0, micAt));
  const micOk = mic.every((b, i) => b === phy[micAt + i]);
  return { mtype, devAddr, fCtrl, fCnt16, fOpts, fPort, payload, micOk };
}
