/**
 * Serialises one target window's instructions as a VCDIFF window (RFC 3284 §4.2, §4.3) with the
 * default code table: sizes 1..17 (ADD) and 4..18 (COPY) inside the opcode, ADD+COPY and COPY+ADD
 * pairs merged into one opcode where the table has one (§5.6), COPY addresses in the cheapest mode.
 */
import type { Instructions } from './delta-match.js';
import { ByteWriter } from './vcdiff-int.js';
import { ADD, AddressCache, COPY, pairOpcode, RUN, singleOpcode } from './vcdiff-table.js';

/** Win_Indicator bit: the window copies from a segment of the source (the base). */
export const VCD_SOURCE = 0x01;

/**
 * One window: target[start, end) encoded against the whole base (source segment [0, sourceLen))
 * when sourceLen > 0, else against itself only.
 */
export function encodeWindow(out: ByteWriter, ins: Instructions, target: Uint8Array, start: number, end: number, sourceLen: number): void {
  const data = new ByteWriter(1024);
  const inst = new ByteWriter(1024);
  const addr = new ByteWriter(1024);
  const cache = new AddressCache();
  let pend = -1; // an instruction that may still merge with the next one
  let pendMode = 0;
  let here = sourceLen; // address of the next target byte in U = source | target window

  const flush = (k: number, mode: number): void => {
    const op = singleOpcode(ins.inst[k], ins.size[k], mode);
    inst.byte(op.opcode);
    if (!op.inline) inst.int(ins.size[k]);
  };

  for (let k = 0; k < ins.inst.length; k++) {
    const kind = ins.inst[k];
    const size = ins.size[k];
    let mode = 0;
    if (kind === ADD) data.bytes(target, ins.arg[k], ins.arg[k] + size);
    else if (kind === RUN) data.byte(ins.arg[k]);
    else {
      mode = cache.encode(ins.arg[k], here);
      if (AddressCache.isSameMode(mode)) addr.byte(cache.encoded);
      else addr.int(cache.encoded);
    }
    here += size;
    if (pend >= 0) {
      const op = pairOpcode(ins.inst[pend], ins.size[pend], pendMode, kind, size, mode);
      if (op >= 0) {
        inst.byte(op);
        pend = -1;
        continue;
      }
      flush(pend, pendMode);
      pend = -1;
    }
    const mayPair = (kind === ADD && size <= 4) || (kind === COPY && size === 4);
    if (mayPair) {
      pend = k;
      pendMode = mode;
    } else flush(k, mode);
  }
  if (pend >= 0) flush(pend, pendMode);

  const targetLen = end - start;
  const body = new ByteWriter(16);
  body.int(targetLen);
  body.byte(0); // Delta_Indicator: no secondary compression
  body.int(data.length);
  body.int(inst.length);
  body.int(addr.length);
  out.byte(sourceLen > 0 ? VCD_SOURCE : 0);
  if (sourceLen > 0) {
    out.int(sourceLen);
    out.int(0);
  }
  out.int(body.length + data.length + inst.length + addr.length);
  out.bytes(body.view());
  out.bytes(data.view());
  out.bytes(inst.view());
  out.bytes(addr.view());
}
