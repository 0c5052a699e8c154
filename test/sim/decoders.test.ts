/**
 * FleetDecoders (the uncoded phase of each rows-only decoder in typed arrays, then its coded rows
 * while fewer than L have come, an object after that, a payload sample) against one plain FragDecoder
 * per device fed every fragment through feed(): the same answer to every fragment and the same
 * FragSessionStatusAns counters at every step, over reordered copies, repeats and fragment counters
 * out of range; and against the same fleet making each object at the first coded fragment: the same
 * answers and the same peak decoder state.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stream } from '../../src/engine/rng.js';
import { FragDecoder, ParityRowCache, encodeFragments, type FecVariant } from '../../src/fuota/ts004/index.js';
import { FEED_CONTINUE, FEED_DONE, FEED_MEMORY_FAILURE, FleetDecoders } from '../../src/sim/decoders.js';

interface Fleet {
  count: number;
  m: number;
  fragSize: number;
  variant: FecVariant;
  maxLost: number | null;
  sample: number[];
  data: Uint8Array;
  payloads: Map<number, Uint8Array>;
  /** (device, N) in delivery order: frames from several gateways, each heard or not by each device */
  feeds: [number, number][];
  codedCount: number;
}

const fleetArb = fc
  .record({
    count: fc.integer({ min: 1, max: 8 }),
    m: fc.integer({ min: 1, max: 120 }),
    fragSize: fc.integer({ min: 1, max: 7 }),
    variant: fc.constantFrom<FecVariant>('v1', 'v2'),
    maxLost: fc.option(fc.integer({ min: 0, max: 30 })),
    gateways: fc.integer({ min: 1, max: 5 }),
    lag: fc.integer({ min: 0, max: 2 }),
    lossPercent: fc.integer({ min: 0, max: 70 }),
    sampleEvery: fc.integer({ min: 1, max: 5 }),
    // coded rows that wait in typed arrays: none, some of the session's, all of them
    codedShare: fc.constantFrom(0, 0.5, 1, 1),
    invalidPercent: fc.constantFrom(0, 0, 2),
    seed: fc.integer(),
  })
  .map((p): Fleet => {
    const random = stream(p.seed, 1);
    const data = Uint8Array.from({ length: p.m * p.fragSize }, () => Math.floor(random() * 256));
    const coded = Math.ceil(p.m * 0.8) + 3;
    const frags = encodeFragments(data, p.fragSize, coded, p.variant);
    const frames: { at: number; n: number }[] = [];
    frags.forEach((f, k) => {
      for (let g = 0; g < p.gateways; g++) frames.push({ at: k + g * p.lag + g / (p.gateways + 1), n: f.n });
    });
    frames.sort((a, b) => a.at - b.at);
    const feeds: [number, number][] = [];
    for (const { n } of frames) {
      for (let d = 0; d < p.count; d++) {
        if (random() * 100 >= p.lossPercent) feeds.push([d, n]);
        // now and then a counter no decoder accepts (0, beyond the 14-bit range)
        if (random() < p.invalidPercent / 100) feeds.push([d, random() < 0.5 ? 0 : 16384]);
      }
    }
    return {
      count: p.count,
      m: p.m,
      fragSize: p.fragSize,
      variant: p.variant,
      maxLost: p.maxLost,
      sample: Array.from({ length: p.count }, (_, d) => d).filter((d) => d % p.sampleEvery === 0),
      data,
      payloads: new Map(frags.map((f) => [f.n, f.data])),
      feeds,
      codedCount: Math.round(coded * p.codedShare),
    };
  });

/**
 * Feeds t.feeds, compared with the plain decoders. With `again`, every rows-only device that finished
 * is then fed again, with every third feed left out (other columns lost than the first time): its
 * decoder was released, so it must answer as a new one.
 */
function run(t: Fleet, again = false): { outcomes: number[]; restarted: number } {
  const options = {
    count: t.count,
    nbFrag: t.m,
    fragSizeBytes: t.fragSize,
    paddingBytes: 0,
    variant: t.variant,
    maxLost: t.maxLost,
    sample: t.sample,
    payloadOf: (n: number) => t.payloads.get(n)!,
  };
  const fleet = new FleetDecoders({ ...options, codedCount: t.codedCount });
  // the same fleet with an object from each device's first coded fragment (no coded rows in typed arrays)
  const objectsFirst = new FleetDecoders(options);
  // the same fleet taking uncoded fragments through a small ring, drained only by what reads it (decoder-pipe.ts)
  const piped = new FleetDecoders({ ...options, codedCount: t.codedCount, pipe: 'ring', pipeRingEntries: 8 });
  const rows = new ParityRowCache(t.variant, t.m);
  const plain = Array.from(
    { length: t.count },
    () => new FragDecoder({ nbFrag: t.m, fragSizeBytes: t.fragSize, variant: t.variant, maxLost: t.maxLost, payload: false, rows }),
  );
  const outcomes = new Array<number>(t.count).fill(FEED_CONTINUE);
  const feedAll = (skipEvery: number): void => {
    for (let i = 0; i < t.feeds.length; i++) {
      const [d, n] = t.feeds[i];
      if (outcomes[d] !== FEED_CONTINUE || i % skipEvery === skipEvery - 1) continue; // the simulator stops feeding a finished device
      const want = plain[d].feed(n).status;
      const got = fleet.feed(d, n);
      expect(objectsFirst.feed(d, n), `device ${d}, N = ${n}`).toBe(got);
      expect(piped.feed(d, n), `device ${d}, N = ${n}, through the ring`).toBe(got);
      expect(got, `device ${d}, N = ${n}`).toBe(want === 'decoded' ? FEED_DONE : want === 'failed' ? FEED_MEMORY_FAILURE : FEED_CONTINUE);
      outcomes[d] = got;
      const status = fleet.status(d);
      // now and then, so that the ring holds fragments of several devices when it is read
      if (i % 5 === 0) expect(piped.status(d), `device ${d}, N = ${n}, through the ring`).toEqual(status);
      if (got === FEED_CONTINUE || fleet.isSampled(d)) {
        expect(status, `device ${d}, N = ${n}`).toEqual({ nbFragReceived: plain[d].nbFragReceived, missingFrag: plain[d].missingFrag });
      } else {
        expect(status).toBeNull(); // a finished rows-only decoder is released
      }
    }
  };
  feedAll(Infinity);
  // the objects made from typed coded rows hold what objects fed from the first coded fragment held
  expect(fleet.peakStateBytes).toBe(objectsFirst.peakStateBytes);
  expect(piped.peakStateBytes).toBe(fleet.peakStateBytes);
  for (let d = 0; d < t.count; d++) expect(piped.status(d)).toEqual(fleet.status(d));
  for (const d of t.sample) {
    expect(fleet.rebuilt(d)).toEqual(outcomes[d] === FEED_DONE ? t.data : null);
  }
  const first = outcomes.slice();
  let restarted = 0;
  if (again) {
    for (let d = 0; d < t.count; d++) {
      if (fleet.isSampled(d) || outcomes[d] === FEED_CONTINUE) {
        outcomes[d] = -1; // not fed again
        continue;
      }
      plain[d] = new FragDecoder({ nbFrag: t.m, fragSizeBytes: t.fragSize, variant: t.variant, maxLost: t.maxLost, payload: false, rows });
      outcomes[d] = FEED_CONTINUE;
      restarted++;
    }
    feedAll(3);
  }
  return { outcomes: first, restarted };
}

describe('FleetDecoders', () => {
  it('answers every fragment and reports the same counters as one plain decoder per device', () => {
    fc.assert(
      fc.property(fleetArb, (t) => {
        run(t);
      }),
      { numRuns: 100 },
    );
  });

  it('answers as a new decoder once a finished rows-only decoder was released (no lost column left over)', () => {
    let restarted = 0;
    fc.assert(
      fc.property(fleetArb, (t) => {
        restarted += run(t, true).restarted;
      }),
      { numRuns: 100, seed: 11 },
    );
    expect(restarted).toBeGreaterThan(20);
  });

  it('reaches every outcome over those fleets (decoded, memory failure, still ongoing)', () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(fleetArb, (t) => {
        for (const o of run(t).outcomes) seen.add(o);
      }),
      { numRuns: 50, seed: 7 },
    );
    expect([...seen].sort()).toEqual([FEED_CONTINUE, FEED_DONE, FEED_MEMORY_FAILURE]);
  });

  it('counts repeated copies in NbFragReceived (three gateways, one device)', () => {
    const frags = encodeFragments(Uint8Array.from({ length: 40 }, (_, i) => i), 4, 2, 'v1');
    const fleet = new FleetDecoders({
      count: 1, nbFrag: 10, fragSizeBytes: 4, paddingBytes: 0, variant: 'v1', maxLost: null, sample: [], payloadOf: null,
    });
    for (const f of frags.slice(0, 5)) for (let copy = 0; copy < 3; copy++) expect(fleet.feed(0, f.n)).toBe(FEED_CONTINUE);
    expect(fleet.status(0)).toEqual({ nbFragReceived: 15, missingFrag: 5 });
  });
});
