import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FragDecoder,
  ParityRowCache,
  encodeFragments,
  type FecVariant,
  type FeedResult,
  type Fragment,
} from '../../../src/fuota/ts004/index.js';
import { stream } from '../../../src/engine/rng.js';
import { sha256Hex } from './cases.js';

interface Transfer {
  m: number;
  fragSize: number;
  variant: FecVariant;
  data: Uint8Array;
  frags: Fragment[];
  arrivals: number[];
}

const transferArb = (opts: { reorderUncoded: boolean }) =>
  fc
    .record({
      m: fc.integer({ min: 1, max: 150 }),
      fragSize: fc.integer({ min: 1, max: 12 }),
      variant: fc.constantFrom<FecVariant>('v1', 'v2'),
      lossPercent: fc.integer({ min: 0, max: 85 }),
      duplicatePercent: fc.integer({ min: 0, max: 20 }),
      extraCoded: fc.integer({ min: 0, max: 60 }),
      seed: fc.integer(),
      padding: fc.integer({ min: 0, max: 11 }),
    })
    .map((p): Transfer => {
      const random = stream(p.seed, 0);
      const length = Math.max(1, p.m * p.fragSize - Math.min(p.padding, p.fragSize - 1));
      const data = Uint8Array.from({ length }, () => Math.floor(random() * 256));
      const coded = Math.ceil(p.m * (p.lossPercent / 100) * 1.5) + p.extraCoded;
      const frags = encodeFragments(data, p.fragSize, coded, p.variant);
      const kept = (n: number): number[] => (random() * 100 < p.lossPercent ? [] : random() * 100 < p.duplicatePercent ? [n, n] : [n]);
      const uncoded = frags.slice(0, p.m).flatMap((f) => kept(f.n));
      const codedArrivals = frags.slice(p.m).flatMap((f) => kept(f.n));
      const shuffle = (xs: number[]): number[] => {
        for (let i = xs.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [xs[i], xs[j]] = [xs[j], xs[i]];
        }
        return xs;
      };
      const arrivals = opts.reorderUncoded ? shuffle([...uncoded, ...codedArrivals]) : [...uncoded, ...shuffle(codedArrivals)];
      return { m: p.m, fragSize: p.fragSize, variant: p.variant, data, frags, arrivals };
    });

function feedAll(t: Transfer, payload: boolean, extra: { acceptLateUncoded?: boolean; maxLost?: number | null } = {}) {
  const d = new FragDecoder({
    nbFrag: t.m,
    fragSizeBytes: t.fragSize,
    variant: t.variant,
    maxLost: extra.maxLost ?? null,
    payload,
    acceptLateUncoded: extra.acceptLateUncoded,
    paddingBytes: t.m * t.fragSize - t.data.length,
    rows: new ParityRowCache(t.variant, t.m),
  });
  const results: FeedResult[] = t.arrivals.map((n) => d.feed(n, payload ? t.frags[n - 1].data : undefined));
  const doneAt = results.findIndex((r) => r.status === 'decoded' || r.status === 'failed');
  return { d, results, doneAt };
}

/**
 * Independent model (reference ts004-algorithm.md 4): with uncoded fragments in order, the lost set is
 * the uncoded fragments missing when the first coded one arrives; decoding completes on the first
 * arrival after which the coded rows restricted to the lost columns reach rank L. BigInt XOR basis.
 */
function modelCompletion(t: Transfer): number {
  const rows = new ParityRowCache(t.variant, t.m);
  const received = new Set<number>();
  const basis = new Map<number, bigint>();
  let lostMask: bigint | null = null;
  let lost = 0;
  for (let k = 0; k < t.arrivals.length; k++) {
    const n = t.arrivals[k];
    if (n <= t.m) {
      if (lostMask !== null) continue;
      received.add(n);
      if (received.size === t.m) return k;
      continue;
    }
    if (lostMask === null) {
      lostMask = 0n;
      for (let c = 0; c < t.m; c++) if (!received.has(c + 1)) lostMask |= 1n << BigInt(c);
      lost = t.m - received.size;
    }
    let v = 0n;
    for (const c of rows.columns(n - t.m)) v |= 1n << BigInt(c);
    v &= lostMask;
    while (v !== 0n) {
      const top = v.toString(2).length - 1;
      const b = basis.get(top);
      if (b === undefined) {
        basis.set(top, v);
        break;
      }
      v ^= b;
    }
    if (basis.size === lost) return k;
  }
  return -1;
}

describe('FragDecoder properties', () => {
  it('rows-only and payload mode give the same answer to every fragment, for any loss and order', () => {
    fc.assert(
      fc.property(transferArb({ reorderUncoded: true }), fc.boolean(), fc.option(fc.integer({ min: 0, max: 40 })), (t, late, maxLost) => {
        const rows = feedAll(t, false, { acceptLateUncoded: late, maxLost });
        const full = feedAll(t, true, { acceptLateUncoded: late, maxLost });
        expect(full.results).toEqual(rows.results);
        expect([full.d.lostCount, full.d.rank, full.d.missingFrag]).toEqual([rows.d.lostCount, rows.d.rank, rows.d.missingFrag]);
      }),
      { numRuns: 200 },
    );
  });

  it('rebuilds bytes equal to the original whenever it reports decoded', () => {
    fc.assert(
      fc.property(transferArb({ reorderUncoded: true }), fc.boolean(), (t, late) => {
        const { d } = feedAll(t, true, { acceptLateUncoded: late });
        if (d.status === 'decoded') expect(sha256Hex(d.result())).toBe(sha256Hex(t.data));
      }),
      { numRuns: 200 },
    );
  });

  it('never decodes before it holds M distinct fragments', () => {
    fc.assert(
      fc.property(transferArb({ reorderUncoded: true }), fc.boolean(), (t, late) => {
        const { results, doneAt } = feedAll(t, false, { acceptLateUncoded: late });
        if (doneAt < 0 || results[doneAt].status !== 'decoded') return;
        const held = new Set(t.arrivals.slice(0, doneAt + 1).filter((_, k) => results[k].status !== 'ignored'));
        expect(held.size).toBeGreaterThanOrEqual(t.m);
      }),
      { numRuns: 200 },
    );
  });

  it('completes exactly where an independent GF(2) rank model says the block becomes decodable', () => {
    fc.assert(
      fc.property(transferArb({ reorderUncoded: false }), (t) => {
        expect(feedAll(t, false).doneAt).toBe(modelCompletion(t));
      }),
      { numRuns: 200 },
    );
  });

  it('finishes on the same fragment in both lineages when uncoded fragments arrive in order', () => {
    fc.assert(
      fc.property(transferArb({ reorderUncoded: false }), (t) => {
        expect(feedAll(t, false, { acceptLateUncoded: true }).doneAt).toBe(feedAll(t, false).doneAt);
      }),
      { numRuns: 150 },
    );
  });
});
