/**
 * The fast decoder (bit-packed rows reduced to the lost columns, repeats skipped, reasons worked out
 * lazily) against a plain reference (full-row Gaussian elimination over GF(2), reference-decoder.ts)
 * on the same fragment sequences: every answer, the counters and the rebuilt bytes must be equal,
 * for random loss patterns, bursts, copies from several gateways, repeats, reordered coded
 * fragments, invalid N, both lineages, both FEC variants and memory bounds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stream } from '../../../src/engine/rng.js';
import {
  FragDecoder,
  ParityRowCache,
  encodeFragments,
  type FecVariant,
  type FeedResult,
} from '../../../src/fuota/ts004/index.js';
import { CODE_DECODED, CODE_FAILED, CODE_IGNORED, CODE_ONGOING } from '../../../src/fuota/ts004/feed-result.js';
import { ReferenceDecoder, type ReferenceAnswer } from './reference-decoder.js';

interface Transfer {
  m: number;
  fragSize: number;
  variant: FecVariant;
  acceptLateUncoded: boolean;
  maxLost: number | null;
  data: Uint8Array;
  payloads: Map<number, Uint8Array>;
  arrivals: number[];
}

interface TransferParams {
  m: number;
  fragSize: number;
  variant: FecVariant;
  acceptLateUncoded: boolean;
  maxLostShare: number | null;
  lossPercent: number;
  /** Gilbert-Elliott style: once a loss happens the next fragment is lost with this probability */
  burstPercent: number;
  /** copies of every fragment (gateways), each lost on its own */
  copies: number;
  /** a copy from gateway g is sent this many fragments late (copies interleave when > 0) */
  lag: number;
  repeatPercent: number;
  shuffleCoded: boolean;
  codedShare: number;
  invalid: boolean;
  seed: number;
}

function makeTransfer(p: TransferParams): Transfer {
  const random = stream(p.seed, 0);
  const length = p.m * p.fragSize - Math.floor(random() * Math.min(p.fragSize, 4));
  const data = Uint8Array.from({ length: Math.max(1, length) }, () => Math.floor(random() * 256));
  const coded = Math.min(16383 - p.m, Math.ceil(p.m * p.codedShare) + 2);
  const frags = encodeFragments(data, p.fragSize, coded, p.variant);
  const payloads = new Map(frags.map((f) => [f.n, f.data]));
  const order = frags.map((f) => f.n);
  if (p.shuffleCoded) {
    const codedPart = order.splice(p.m);
    for (let i = codedPart.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [codedPart[i], codedPart[j]] = [codedPart[j], codedPart[i]];
    }
    order.push(...codedPart);
  }
  // copy g of the k-th fragment in sending order goes out at slot k + g * lag (ties: lower g first)
  const slots: { at: number; n: number }[] = [];
  order.forEach((n, k) => {
    for (let g = 0; g < p.copies; g++) slots.push({ at: k + g * p.lag + g / (p.copies + 1), n });
  });
  slots.sort((a, b) => a.at - b.at);
  const arrivals: number[] = [];
  let bad = false;
  for (const { n } of slots) {
    bad = random() * 100 < (bad ? p.burstPercent : p.lossPercent);
    if (bad) continue;
    arrivals.push(n);
    if (random() * 100 < p.repeatPercent) arrivals.push(n);
    if (p.invalid && random() < 0.02) arrivals.push(random() < 0.5 ? 0 : 16384);
  }
  const maxLost = p.maxLostShare === null ? null : Math.floor(p.m * p.maxLostShare);
  return { m: p.m, fragSize: p.fragSize, variant: p.variant, acceptLateUncoded: p.acceptLateUncoded, maxLost, data, payloads, arrivals };
}

const paramsArb: fc.Arbitrary<TransferParams> = fc.record({
  m: fc.integer({ min: 1, max: 200 }),
  fragSize: fc.integer({ min: 1, max: 9 }),
  variant: fc.constantFrom<FecVariant>('v1', 'v2'),
  acceptLateUncoded: fc.boolean(),
  maxLostShare: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { freq: 3 }),
  lossPercent: fc.integer({ min: 0, max: 60 }),
  burstPercent: fc.integer({ min: 0, max: 90 }),
  copies: fc.integer({ min: 1, max: 4 }),
  lag: fc.integer({ min: 0, max: 3 }),
  repeatPercent: fc.integer({ min: 0, max: 15 }),
  shuffleCoded: fc.boolean(),
  codedShare: fc.double({ min: 0, max: 1.5, noNaN: true }),
  invalid: fc.boolean(),
  seed: fc.integer(),
});

function reason(r: FeedResult): string {
  return r.status === 'ignored' ? r.reason : r.status;
}

const CODE_OF: Record<ReferenceAnswer, number> = {
  ongoing: CODE_ONGOING,
  decoded: CODE_DECODED,
  failed: CODE_FAILED,
  duplicate: CODE_IGNORED,
  'late-uncoded': CODE_IGNORED,
  'out-of-range': CODE_IGNORED,
  'after-completion': CODE_IGNORED,
};

/** Feeds the transfer to the reference and to three fast decoders (feed, feedCode, payload) and compares. */
function compare(t: Transfer): { answers: ReferenceAnswer[] } {
  const options = { nbFrag: t.m, fragSizeBytes: t.fragSize, variant: t.variant, maxLost: t.maxLost, acceptLateUncoded: t.acceptLateUncoded };
  const rows = new ParityRowCache(t.variant, t.m);
  const padding = t.m * t.fragSize - t.data.length;
  const reference = new ReferenceDecoder(options);
  const fast = new FragDecoder({ ...options, payload: false, rows, paddingBytes: padding });
  const coded = new FragDecoder({ ...options, payload: false, rows, paddingBytes: padding });
  const full = new FragDecoder({ ...options, payload: true, rows, paddingBytes: padding });
  const zero = new Uint8Array(t.fragSize);
  const answers: ReferenceAnswer[] = [];
  t.arrivals.forEach((n, k) => {
    const payload = t.payloads.get(n) ?? zero;
    const want = reference.feed(n, payload);
    answers.push(want);
    const at = `arrival ${k} (N = ${n})`;
    expect(reason(fast.feed(n)), at).toBe(want);
    expect(coded.feedCode(n), at).toBe(CODE_OF[want]);
    expect(reason(full.feed(n, payload)), at).toBe(want);
  });
  for (const d of [fast, coded, full]) {
    expect([d.status, d.nbFragReceived, d.missingFrag]).toEqual([
      reference.state === 'decoded' || reference.state === 'failed' ? reference.state : 'ongoing',
      reference.nbFragReceived,
      reference.missingFrag,
    ]);
  }
  if (reference.state === 'coded') expect(fast.rank).toBe(reference.codedRank);
  if (reference.state === 'decoded') {
    const solved = reference.solution()!;
    expect(full.paddedResult()).toEqual(solved);
    expect(full.result()).toEqual(t.data);
  }
  return { answers };
}

describe('FragDecoder against a full-row Gaussian-elimination reference', () => {
  it('gives the same answer to every fragment, the same counters and the same bytes, for random transfers', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        compare(makeTransfer(p));
      }),
      { numRuns: 200 },
    );
  });

  it('covers every outcome and reason in those transfers (the comparison is not vacuous)', () => {
    const seen = new Set<ReferenceAnswer>();
    fc.assert(
      fc.property(paramsArb, (p) => {
        for (const a of compare(makeTransfer(p)).answers) seen.add(a);
      }),
      { numRuns: 100, seed: 12 },
    );
    expect([...seen].sort()).toEqual(['after-completion', 'decoded', 'duplicate', 'failed', 'late-uncoded', 'ongoing', 'out-of-range']);
  });

  it('agrees on large blocks with many lost columns (multi-word rows, 25 gateways of copies)', () => {
    const cases: Partial<TransferParams>[] = [
      { m: 1200, lossPercent: 12, copies: 1, variant: 'v1' },
      { m: 800, lossPercent: 40, burstPercent: 85, copies: 25, lag: 1, variant: 'v2', codedShare: 1 },
      { m: 900, lossPercent: 30, copies: 3, lag: 2, acceptLateUncoded: true, variant: 'v1' },
      { m: 700, lossPercent: 30, copies: 2, lag: 0, burstPercent: 70, maxLostShare: 0.1, variant: 'v1' },
    ];
    for (const [i, c] of cases.entries()) {
      const t = makeTransfer({
        m: 1000, fragSize: 3, variant: 'v1', acceptLateUncoded: false, maxLostShare: null, lossPercent: 10, burstPercent: 0,
        copies: 1, lag: 0, repeatPercent: 2, shuffleCoded: false, codedShare: 0.5, invalid: false, seed: 100 + i, ...c,
      });
      const { answers } = compare(t);
      expect(answers.includes(c.maxLostShare === undefined ? 'decoded' : 'failed'), `case ${i}`).toBe(true);
    }
  });
});
