/**
 * The VCDIFF default instruction code table and address cache (RFC 3284 §5.1–§5.6): s_near = 4,
 * s_same = 3, so COPY has 9 address modes (0 SELF, 1 HERE, 2..5 near, 6..8 same).
 */

export const NOOP = 0;
export const ADD = 1;
export const RUN = 2;
export const COPY = 3;

const S_NEAR = 4;
const S_SAME = 3;
export const MODE_COUNT = 2 + S_NEAR + S_SAME;
const FIRST_SAME_MODE = 2 + S_NEAR;

/** The 256 entries as six parallel columns (inst, size, mode for each half). */
export interface CodeTable {
  inst1: Uint8Array;
  size1: Uint8Array;
  mode1: Uint8Array;
  inst2: Uint8Array;
  size2: Uint8Array;
  mode2: Uint8Array;
}

/** Builds the default table line by line as RFC 3284 §5.6 depicts it (first range = outer loop). */
function buildDefaultTable(): CodeTable {
  const t: CodeTable = {
    inst1: new Uint8Array(256), size1: new Uint8Array(256), mode1: new Uint8Array(256),
    inst2: new Uint8Array(256), size2: new Uint8Array(256), mode2: new Uint8Array(256),
  };
  let i = 0;
  const put = (i1: number, s1: number, m1: number, i2 = NOOP, s2 = 0, m2 = 0): void => {
    t.inst1[i] = i1; t.size1[i] = s1; t.mode1[i] = m1;
    t.inst2[i] = i2; t.size2[i] = s2; t.mode2[i] = m2;
    i++;
  };
  put(RUN, 0, 0); // line 1
  put(ADD, 0, 0); // line 2
  for (let s = 1; s <= 17; s++) put(ADD, s, 0);
  for (let m = 0; m < MODE_COUNT; m++) { // lines 3–11
    put(COPY, 0, m);
    for (let s = 4; s <= 18; s++) put(COPY, s, m);
  }
  for (let m = 0; m < FIRST_SAME_MODE; m++) { // lines 12–17
    for (let a = 1; a <= 4; a++) for (let c = 4; c <= 6; c++) put(ADD, a, 0, COPY, c, m);
  }
  for (let m = FIRST_SAME_MODE; m < MODE_COUNT; m++) { // lines 18–20
    for (let a = 1; a <= 4; a++) put(ADD, a, 0, COPY, 4, m);
  }
  for (let m = 0; m < MODE_COUNT; m++) put(COPY, 4, m, ADD, 1, 0); // line 21
  return t;
}

/** The default code table (constant; never written after construction). */
export const DEFAULT_TABLE: Readonly<CodeTable> = buildDefaultTable();

/** Opcode of one instruction alone; `inline` is false when its size follows as an integer. */
export function singleOpcode(inst: number, size: number, mode: number): { opcode: number; inline: boolean } {
  if (inst === RUN) return { opcode: 0, inline: false };
  if (inst === ADD) return size >= 1 && size <= 17 ? { opcode: 1 + size, inline: true } : { opcode: 1, inline: false };
  const base = 19 + mode * 16;
  return size >= 4 && size <= 18 ? { opcode: base + size - 3, inline: true } : { opcode: base, inline: false };
}

/** Opcode that encodes two instructions at once, or -1 when the table has none for them. */
export function pairOpcode(inst1: number, size1: number, mode1: number, inst2: number, size2: number, mode2: number): number {
  if (inst1 === ADD && inst2 === COPY && size1 >= 1 && size1 <= 4) {
    if (mode2 < FIRST_SAME_MODE && size2 >= 4 && size2 <= 6) return 163 + mode2 * 12 + (size1 - 1) * 3 + (size2 - 4);
    if (mode2 >= FIRST_SAME_MODE && size2 === 4) return 235 + (mode2 - FIRST_SAME_MODE) * 4 + (size1 - 1);
  }
  if (inst1 === COPY && size1 === 4 && inst2 === ADD && size2 === 1) return 247 + mode1;
  return -1;
}

/** The near and same address caches of one target window (RFC 3284 §5.1, §5.3). */
export class AddressCache {
  private readonly near = new Float64Array(S_NEAR);
  private nextSlot = 0;
  private readonly same = new Float64Array(S_SAME * 256);
  /** value written by the last `encode` (an integer, or one byte in a same mode) */
  encoded = 0;

  private update(addr: number): void {
    this.near[this.nextSlot] = addr;
    this.nextSlot = (this.nextSlot + 1) % S_NEAR;
    this.same[addr % (S_SAME * 256)] = addr;
  }

  /** Chooses the mode giving the smallest value (RFC 3284 §5.4); sets `encoded`, returns the mode. */
  encode(addr: number, here: number): number {
    let best = addr;
    let mode = 0;
    if (here - addr < best) { best = here - addr; mode = 1; }
    for (let i = 0; i < S_NEAR; i++) {
      const d = addr - this.near[i];
      if (d >= 0 && d < best) { best = d; mode = 2 + i; }
    }
    const slot = addr % (S_SAME * 256);
    if (this.same[slot] === addr) { best = slot % 256; mode = FIRST_SAME_MODE + Math.floor(slot / 256); }
    this.update(addr);
    this.encoded = best;
    return mode;
  }

  /** Address from a mode and its value (an integer, or the byte of a same mode). */
  decode(mode: number, value: number, here: number): number {
    let addr: number;
    if (mode === 0) addr = value;
    else if (mode === 1) addr = here - value;
    else if (mode < FIRST_SAME_MODE) addr = this.near[mode - 2] + value;
    else addr = this.same[(mode - FIRST_SAME_MODE) * 256 + value];
    this.update(addr);
    return addr;
  }

  /** True when `mode` stores its address as one byte rather than an integer. */
  static isSameMode(mode: number): boolean {
    return mode >= FIRST_SAME_MODE;
  }
}
