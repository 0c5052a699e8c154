/** Test helpers: firmware-like byte arrays and edit scripts (insert, delete, flip, move) for delta tests. */
import fc from 'fast-check';

/** Deterministic bytes that look like code: a pseudo-random stream with repeated blocks and zero padding. */
export function firmwareLike(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = i % 4096 >= 3840 ? 0 : x & 0xff; // a zero-padded tail in every 4 KiB page
  }
  return out;
}

export type Edit =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'move'; from: number; length: number; to: number };

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Applies one edit; positions are taken modulo the current length so any script is valid. */
export function applyEdit(bytes: Uint8Array, e: Edit): Uint8Array {
  const n = bytes.length;
  if (e.kind === 'insert') {
    const at = n === 0 ? 0 : e.at % (n + 1);
    return concat(bytes.subarray(0, at), e.bytes, bytes.subarray(at));
  }
  if (n === 0) return bytes;
  if (e.kind === 'flip') {
    const out = bytes.slice();
    out[e.at % n] ^= e.mask;
    return out;
  }
  if (e.kind === 'delete') {
    const at = e.at % n;
    return concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + e.length)));
  }
  const from = e.from % n;
  const block = bytes.subarray(from, Math.min(n, from + e.length));
  const rest = concat(bytes.subarray(0, from), bytes.subarray(from + block.length));
  const to = e.to % (rest.length + 1);
  return concat(rest.subarray(0, to), block, rest.subarray(to));
}

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 200 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 600 }), to: fc.nat() }),
);

/** A base and a target made from it by a few edits. */
export const editedPairArb = fc
  .record({
    base: fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.record({ n: fc.integer({ min: 0, max: 6000 }), seed: fc.nat() }).map(({ n, seed }) => firmwareLike(n, seed)),
    ),
    edits: fc.array(editArb, { maxLength: 8 }),
  })
  .map(({ base, edits }) => ({ base, target: edits.reduce(applyEdit, base) }));

/** Byte-for-byte equality without vitest's element-wise deep compare (slow on megabytes). */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return actual.length === expected.length && Buffer.compare(actual, expected) === 0;
}
