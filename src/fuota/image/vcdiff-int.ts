/**
 * Byte buffers for the VCDIFF codec: a growable writer and a bounds-checked reader, both with the
 * RFC 3284 §2 unsigned integer (base 128, most significant digit first, bit 7 set on every byte
 * but the last).
 */
import { DeltaError } from './errors.js';

/** Largest integer the reader accepts (JS numbers stay exact below 2^53). */
const MAX_INT = Number.MAX_SAFE_INTEGER;

export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buf[this.length++] = value;
  }

  bytes(src: Uint8Array, start = 0, end = src.length): void {
    this.reserve(end - start);
    this.buf.set(src.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** `count` copies of `value`. */
  fill(value: number, count: number): void {
    this.reserve(count);
    this.buf.fill(value, this.length, this.length + count);
    this.length += count;
  }

  /** RFC 3284 §2 integer. */
  int(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new DeltaError(`cannot encode ${value} as a VCDIFF integer`);
    let digits = 1;
    for (let v = value; v >= 128; v = Math.floor(v / 128)) digits++;
    this.reserve(digits);
    let v = value;
    for (let i = digits - 1; i >= 0; i--) {
      this.buf[this.length + i] = (v % 128) | (i === digits - 1 ? 0 : 0x80);
      v = Math.floor(v / 128);
    }
    this.length += digits;
  }

  /** The bytes written (a view; copy it before writing more). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Encoded length of an RFC 3284 §2 integer, bytes. */
export function intLength(value: number): number {
  let digits = 1;
  for (let v = value; v >= 128; v = Math.floor(v / 128)) digits++;
  return digits;
}

export class ByteReader {
  pos: number;

  constructor(private readonly src: Uint8Array, start: number, readonly end: number, private readonly what: string) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new DeltaError(`${this.what} ends early`);
    return this.src[this.pos++];
  }

  int(): number {
    let value = 0;
    for (;;) {
      const b = this.byte();
      value = value * 128 + (b & 0x7f);
      if (value > MAX_INT) throw new DeltaError(`${this.what}: integer too large`);
      if ((b & 0x80) === 0) return value;
    }
  }

  /** Advances over `count` bytes and returns the start of them. */
  skip(count: number): number {
    if (count > this.end - this.pos) throw new DeltaError(`${this.what} ends early`);
    const at = this.pos;
    this.pos += count;
    return at;
  }
}
