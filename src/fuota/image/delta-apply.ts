/**
 * The VCDIFF decoder (RFC 3284 §4, §6): rebuilds the target from the base and a delta. Handles the
 * default code table, VCD_SOURCE and VCD_TARGET windows, and two xdelta3 extensions (an application
 * header, Hdr_Indicator bit 2; an Adler-32 per window, Win_Indicator bit 2, which it checks).
 * Refuses secondary compression and application-defined code tables. Every length and address is
 * bounds-checked, so a corrupted delta gives a DeltaError, never a wrong read.
 */
import { adler32 } from './adler32.js';
import { DeltaError } from './errors.js';
import { ByteReader, ByteWriter } from './vcdiff-int.js';
import { ADD, AddressCache, COPY, DEFAULT_TABLE, NOOP, RUN } from './vcdiff-table.js';

/** The four header bytes: 'V', 'C', 'D' with bit 7 set, then version 0 (RFC 3284 §4.1). */
export const VCDIFF_MAGIC: readonly number[] = [0xd6, 0xc3, 0xc4, 0x00];

const HDR_DECOMPRESS = 0x01;
const HDR_CODETABLE = 0x02;
const HDR_APPHEADER = 0x04; // xdelta3
const WIN_SOURCE = 0x01;
const WIN_TARGET = 0x02;
const WIN_ADLER32 = 0x04; // xdelta3

export interface ApplyOptions {
  /** refuse a delta whose target would be larger than this (default 64 MiB) */
  maxTargetBytes?: number;
}

/** True when `bytes` start with the VCDIFF magic. */
export function isVcdiff(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && VCDIFF_MAGIC.every((b, i) => bytes[i] === b);
}

/** Decodes one window's instructions into `win` (length = target window length). */
function decodeWindow(delta: Uint8Array, r: ByteReader, win: Uint8Array, seg: Uint8Array, dataLen: number, instLen: number, addrLen: number): void {
  const data = new ByteReader(delta, r.skip(dataLen), r.pos, 'data section');
  const inst = new ByteReader(delta, r.skip(instLen), r.pos, 'instruction section');
  const addr = new ByteReader(delta, r.skip(addrLen), r.pos, 'address section');
  const cache = new AddressCache();
  const s = seg.length;
  const t = DEFAULT_TABLE;
  let at = 0;
  while (!inst.done) {
    const op = inst.byte();
    for (let half = 0; half < 2; half++) {
      const kind = half === 0 ? t.inst1[op] : t.inst2[op];
      if (kind === NOOP) continue;
      const tableSize = half === 0 ? t.size1[op] : t.size2[op];
      const size = tableSize === 0 ? inst.int() : tableSize;
      if (size > win.length - at) throw new DeltaError(`an instruction writes past the ${win.length}-byte target window`);
      if (kind === ADD) {
        const from = data.skip(size);
        win.set(delta.subarray(from, from + size), at);
      } else if (kind === RUN) {
        win.fill(data.byte(), at, at + size);
      } else if (kind === COPY) {
        const mode = half === 0 ? t.mode1[op] : t.mode2[op];
        const here = s + at;
        const value = AddressCache.isSameMode(mode) ? addr.byte() : addr.int();
        const a = cache.decode(mode, value, here);
        if (!(a >= 0 && a < here)) throw new DeltaError(`COPY address ${a} is not before the current position ${here}`);
        if (a < s) {
          if (a + size > s) throw new DeltaError(`COPY of ${size} bytes at ${a} crosses the end of the ${s}-byte source segment`);
          win.set(seg.subarray(a, a + size), at);
        } else {
          // from the window itself; may overlap what it writes (RFC 3284 §3), so byte by byte
          for (let k = 0, q = a - s; k < size; k++) win[at + k] = win[q + k];
        }
      }
      at += size;
    }
  }
  if (at !== win.length) throw new DeltaError(`the instructions rebuild ${at} bytes of a ${win.length}-byte target window`);
  if (!data.done || !addr.done) throw new DeltaError('unused bytes in the data or address section');
}

/** Applies a VCDIFF delta to `base`: the target, byte for byte. Throws DeltaError on a bad delta. */
export function applyDelta(base: Uint8Array, delta: Uint8Array, opts: ApplyOptions = {}): Uint8Array {
  const maxTarget = opts.maxTargetBytes ?? 64 * 1_048_576;
  if (!isVcdiff(delta)) throw new DeltaError('not a VCDIFF delta (the header bytes are not D6 C3 C4 00)');
  const r = new ByteReader(delta, 4, delta.length, 'delta');
  const hdr = r.byte();
  if (hdr & HDR_DECOMPRESS) throw new DeltaError('the delta uses a secondary compressor, which is not supported (xdelta3: encode with -S none)');
  if (hdr & HDR_CODETABLE) throw new DeltaError('the delta uses an application-defined code table, which is not supported');
  if (hdr & ~(HDR_DECOMPRESS | HDR_CODETABLE | HDR_APPHEADER)) throw new DeltaError(`unknown Hdr_Indicator bits 0x${hdr.toString(16)}`);
  if (hdr & HDR_APPHEADER) r.skip(r.int());
  const out = new ByteWriter(Math.min(maxTarget, Math.max(256, base.length)));
  while (!r.done) {
    const ind = r.byte();
    if (ind & ~(WIN_SOURCE | WIN_TARGET | WIN_ADLER32)) throw new DeltaError(`unknown Win_Indicator bits 0x${ind.toString(16)}`);
    if ((ind & WIN_SOURCE) && (ind & WIN_TARGET)) throw new DeltaError('a window sets both VCD_SOURCE and VCD_TARGET');
    let seg = new Uint8Array(0);
    if (ind & (WIN_SOURCE | WIN_TARGET)) {
      const segLen = r.int();
      const segPos = r.int();
      const from = ind & WIN_SOURCE ? base : out.view();
      if (segPos + segLen > from.length) {
        throw new DeltaError(`source segment [${segPos}, ${segPos + segLen}) lies outside the ${from.length}-byte ${ind & WIN_SOURCE ? 'base' : 'target so far'}`);
      }
      seg = from.slice(segPos, segPos + segLen);
    }
    const encLen = r.int();
    const encEnd = r.pos + encLen;
    if (encEnd > delta.length) throw new DeltaError('a window is longer than the delta');
    const targetLen = r.int();
    if (targetLen > maxTarget - out.length) throw new DeltaError(`the target would be larger than ${maxTarget} bytes`);
    if (r.byte() !== 0) throw new DeltaError('the window uses secondary compression, which is not supported');
    const dataLen = r.int();
    const instLen = r.int();
    const addrLen = r.int();
    let checksum = -1;
    if (ind & WIN_ADLER32) checksum = ((r.byte() << 24) | (r.byte() << 16) | (r.byte() << 8) | r.byte()) >>> 0;
    if (r.pos + dataLen + instLen + addrLen !== encEnd) throw new DeltaError('the section lengths do not add up to the window length');
    const win = new Uint8Array(targetLen);
    decodeWindow(delta, r, win, seg, dataLen, instLen, addrLen);
    if (checksum >= 0 && adler32(win) !== checksum) throw new DeltaError('a window fails its Adler-32 check');
    out.bytes(win);
  }
  return out.view().slice();
}
