import { describe, expect, it } from 'vitest';
import {
  FragDecoder,
  ParityRowCache,
  Ts004Error,
  encodeFragments,
  fromHex,
  toHex,
  type FeedResult,
  type FragDecoderOptions,
} from '../../../src/fuota/ts004/index.js';
import { describeShared } from '../../helpers/shared.js';
import { fixtureCases, sha256Hex, sharedCases, testData, type DecoderCase, type DecoderOutcome } from './cases.js';

interface Replay extends DecoderOutcome {
  decoder: FragDecoder;
  results: FeedResult[];
}

const OUTCOME = { decoded: 'decoded', failed: 'failed_too_many_lost' } as const;

/** Feeds the case's arrivals in order, like the reference harness, and records what happened. */
function replay(c: DecoderCase, options: Partial<FragDecoderOptions>, payloads?: Map<number, Uint8Array>): Replay {
  const payload = options.payload ?? false;
  const frags = payloads ?? new Map(encodeFragments(testData(c.dataLength), c.fragSize, c.redundancySent, c.variant).map((f) => [f.n, f.data]));
  const decoder = new FragDecoder({
    nbFrag: c.nbFrag,
    fragSizeBytes: c.fragSize,
    variant: c.variant,
    maxLost: c.maxLost,
    paddingBytes: c.padding,
    payload,
    ...options,
  });
  const results: FeedResult[] = [];
  let done: { at: number; n: number; status: 'decoded' | 'failed' } | null = null;
  c.arrivals.forEach((n, k) => {
    const r = decoder.feed(n, payload ? frags.get(n) : undefined);
    results.push(r);
    if (done === null && (r.status === 'decoded' || r.status === 'failed')) done = { at: k + 1, n, status: r.status };
  });
  const finished = done as { at: number; n: number; status: 'decoded' | 'failed' } | null;
  return {
    decoder,
    results,
    outcome: finished ? OUTCOME[finished.status] : 'incomplete',
    completedAtArrival: finished?.at ?? null,
    completingN: finished?.n ?? null,
    lostUncodedCount: decoder.lostCount,
    reconstructedSha256: payload && decoder.status === 'decoded' ? sha256Hex(decoder.result()) : null,
  };
}

function checkReference(c: DecoderCase, payloads?: Map<number, Uint8Array>): void {
  const rows = replay(c, { payload: false });
  const full = replay(c, { payload: true }, payloads);
  const expected: DecoderOutcome = {
    outcome: c.outcome,
    completedAtArrival: c.completedAtArrival,
    completingN: c.completingN,
    lostUncodedCount: c.lostUncodedCount,
    reconstructedSha256: c.reconstructedSha256,
  };
  expect({ ...rows, decoder: undefined, results: undefined, reconstructedSha256: c.reconstructedSha256 }).toMatchObject(expected);
  expect({ ...full, decoder: undefined, results: undefined }).toMatchObject(expected);
  expect(full.results).toEqual(rows.results);
  if (c.outcome === 'decoded') expect(sha256Hex(full.decoder.paddedResult())).toBe(c.reconstructedPaddedSha256);
  // the reference dropped exactly the late uncoded fragments (duplicates equal to the last N are re-stored)
  const late = full.results.flatMap((r, k) => (r.status === 'ignored' && r.reason === 'late-uncoded' ? [k + 1] : []));
  expect(late).toEqual(c.droppedArrivalPositions);
  // every arrival after completion is ignored
  const after = full.results.slice(c.completedAtArrival ?? full.results.length);
  expect(after.every((r) => r.status === 'ignored' && r.reason === 'after-completion')).toBe(true);
  if (c.missingFragAtEnd !== null) {
    // LBM's MissingFrag once coding started is lost - independent rows (in these cases the last
    // uncoded fragment arrived or coding started, so it equals lostCount - rank)
    expect(rows.decoder.lostCount - rows.decoder.rank).toBe(c.missingFragAtEnd);
  }
}

function checkZephyr(c: DecoderCase): void {
  if (c.zephyr === null) return;
  for (const payload of [false, true]) {
    const r = replay(c, { payload, acceptLateUncoded: true });
    expect({ ...r, decoder: undefined, results: undefined, reconstructedSha256: payload ? r.reconstructedSha256 : c.zephyr.reconstructedSha256 }).toMatchObject(c.zephyr);
  }
}

describe('FragDecoder on the known-answer cases', () => {
  const cases = fixtureCases().decoder;
  it.each(cases.map((c) => [c.id, c] as const))('%s completes on the reference fragment in rows-only and payload mode', (_id, c) => {
    checkReference(c);
  });
  it.each(cases.filter((c) => c.zephyr).map((c) => [c.id, c] as const))(
    '%s with acceptLateUncoded behaves like the JiapengLi/Zephyr decoder',
    (_id, c) => checkZephyr(c),
  );
});

describeShared('FragDecoder against the shared decoder vectors', () => {
  const cases = sharedCases()?.decoder ?? [];
  it.each(cases.map((c) => [c.id, c] as const))('%s matches the reference with the listed payloads', (_id, c) => {
    const listed = c.fragmentPayloadsHex;
    const payloads = listed ? new Map(Object.entries(listed).map(([n, hex]) => [Number(n), fromHex(hex)])) : undefined;
    if (payloads) {
      const encoded = encodeFragments(testData(c.dataLength), c.fragSize, c.redundancySent, c.variant);
      for (const [n, p] of payloads) expect(toHex(p)).toBe(toHex(encoded[n - 1].data));
    }
    checkReference(c, payloads);
    checkZephyr(c);
  });
});

function decoder(extra: Partial<FragDecoderOptions> = {}): FragDecoder {
  return new FragDecoder({ nbFrag: 20, fragSizeBytes: 10, variant: 'v1', maxLost: null, payload: false, ...extra });
}

describe('FragDecoder acceptance rules', () => {
  it('ignores N = 0, N > 16383 and non-integer N as out of range, without counting them', () => {
    const d = decoder();
    for (const n of [0, -1, 16384, 1.5, Number.NaN]) expect(d.feed(n)).toEqual({ status: 'ignored', reason: 'out-of-range' });
    expect(d.nbFragReceived).toBe(0);
  });

  it('ignores a payload whose length is not FragSize, and a missing payload in payload mode', () => {
    expect(decoder({ payload: true }).feed(1, new Uint8Array(9))).toEqual({ status: 'ignored', reason: 'wrong-length' });
    expect(decoder({ payload: true }).feed(1)).toEqual({ status: 'ignored', reason: 'wrong-length' });
    expect(decoder().feed(1, new Uint8Array(11))).toEqual({ status: 'ignored', reason: 'wrong-length' });
  });

  it('treats a repeat of the last uncoded N as a duplicate and an older missing one as late', () => {
    const d = decoder();
    d.feed(1);
    d.feed(3);
    expect(d.feed(3)).toEqual({ status: 'ignored', reason: 'duplicate' });
    expect(d.feed(1)).toEqual({ status: 'ignored', reason: 'duplicate' });
    expect(d.feed(2)).toEqual({ status: 'ignored', reason: 'late-uncoded' });
    expect(d.lostCount).toBe(1);
  });

  it('freezes the lost set at the first coded fragment: later uncoded fragments are late', () => {
    const d = decoder();
    for (let n = 1; n <= 18; n++) d.feed(n);
    expect(d.lostCount).toBe(0);
    d.feed(21);
    expect(d.lostCount).toBe(2);
    expect(d.feed(19)).toEqual({ status: 'ignored', reason: 'late-uncoded' });
    expect(d.feed(5)).toEqual({ status: 'ignored', reason: 'duplicate' });
  });

  it('with acceptLateUncoded fills gaps in any order until the first coded fragment', () => {
    const d = decoder({ acceptLateUncoded: true, payload: true });
    const frags = encodeFragments(testData(200), 10, 4);
    for (const n of [20, 19, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]) d.feed(n, frags[n - 1].data);
    expect(d.lostCount).toBe(1);
    expect(d.feed(17, frags[16].data)).toEqual({ status: 'ignored', reason: 'duplicate' });
    expect(d.feed(18, frags[17].data)).toEqual({ status: 'decoded' });
    expect(d.result()).toEqual(testData(200));
  });

  it('reports every fragment after completion as ignored', () => {
    const d = decoder();
    for (let n = 1; n <= 20; n++) d.feed(n);
    expect(d.status).toBe('decoded');
    expect(d.feed(21)).toEqual({ status: 'ignored', reason: 'after-completion' });
    expect(d.feed(3)).toEqual({ status: 'ignored', reason: 'after-completion' });
  });
});

describe('FragDecoder status counters', () => {
  it('counts every valid fragment in NbFragReceived, repeats and ignored ones included', () => {
    const d = decoder();
    for (const n of [1, 1, 3, 2, 21, 21, 0]) d.feed(n);
    expect(d.nbFragReceived).toBe(6);
  });

  it('reports MissingFrag as the uncoded fragments neither received nor rebuilt', () => {
    const d = decoder({ payload: true });
    const frags = encodeFragments(testData(200), 10, 10);
    expect(d.missingFrag).toBe(20);
    for (const f of frags.slice(0, 17)) if (f.n !== 4) d.feed(f.n, f.data);
    expect(d.missingFrag).toBe(4); // 4, 18, 19, 20
    let k = 20;
    while (d.status === 'ongoing') d.feed(frags[k].n, frags[k++].data);
    expect(d.status).toBe('decoded');
    expect(d.missingFrag).toBe(0);
    expect(d.result()).toEqual(testData(200));
  });
});

describe('FragDecoder memory', () => {
  it('in rows-only mode allocates nothing while no fragment is lost and no data store at all', () => {
    const d = decoder();
    for (let n = 1; n <= 19; n++) d.feed(n);
    expect(d.stateBytes()).toBe(0);
  });

  it('sizes the matrix to the lost count, not to M, and allocates it only once L coded rows came', () => {
    const m = 4096;
    const rows = new ParityRowCache('v1', m);
    const d = new FragDecoder({ nbFrag: m, fragSizeBytes: 50, variant: 'v1', maxLost: null, payload: false, rows });
    for (let n = 1; n <= m; n++) if (n % 10 !== 0) d.feed(n); // 409 lost
    expect(d.stateBytes()).toBe(2 * 512); // the growing lost list only
    d.feed(m + 1);
    const lost = 409;
    expect(d.lostCount).toBe(lost);
    // lost list, the 4-word bitset of coded fragments processed, 16 waiting rows: no matrix yet
    expect(d.stateBytes()).toBe(2 * lost + 16 + 2 * 16);
    for (let n = m + 2; n < m + lost; n++) d.feed(n);
    expect(d.stateBytes()).toBe(2 * lost + 64 + 2 * 512); // L - 1 rows waiting (bitset grown to 16 words)
    d.feed(m + lost);
    const words = Math.ceil(lost / 32);
    let triangle = 0;
    for (let p = 0; p < lost; p++) triangle += words - (p >>> 5);
    // the L-th row: lost list, triangle, scratch and pivot flags, the bitset; the waiting rows are eliminated
    expect(d.stateBytes()).toBe(2 * lost + 4 * (triangle + 2 * words) + 64);
    expect(d.stateBytes()).toBeLessThan(64 * 1024);
    expect(d.rank).toBeGreaterThan(lost - 10);
  });

  it('releases its state when it finishes, keeping only the rebuilt data in payload mode', () => {
    for (const payload of [false, true]) {
      const d = decoder({ payload });
      const frags = encodeFragments(testData(200), 10, 30);
      for (const f of frags) if (f.n % 4 !== 0) d.feed(f.n, payload ? f.data : undefined);
      expect(d.status).toBe('decoded');
      // payload mode keeps the data store: 20 slots of 12 bytes (10-byte fragments rounded up to words)
      expect(d.stateBytes()).toBe(payload ? 240 : 0);
      expect(d.peakStateBytes()).toBeGreaterThan(d.stateBytes());
    }
  });

  it('fails with too-many-lost on the first coded fragment when the gaps already exceed maxLost', () => {
    const d = decoder({ maxLost: 2 });
    for (const n of [1, 5, 6]) d.feed(n);
    expect(d.feed(21)).toEqual({ status: 'failed', reason: 'too-many-lost' });
    expect(d.status).toBe('failed');
    expect(d.stateBytes()).toBe(0);
  });
});

describe('FragDecoder options', () => {
  it('rejects invalid sizes, bounds, padding and a row cache for another M', () => {
    expect(() => decoder({ nbFrag: 0 })).toThrow(Ts004Error);
    expect(() => decoder({ fragSizeBytes: 256 })).toThrow(Ts004Error);
    expect(() => decoder({ maxLost: -1 })).toThrow(/maxLost/);
    expect(() => decoder({ paddingBytes: 200 })).toThrow(/padding/);
    expect(() => decoder({ rows: new ParityRowCache('v2', 20) })).toThrow(/row cache/);
  });

  it('refuses result() in rows-only mode and before decoding', () => {
    expect(() => decoder().result()).toThrow(/payload mode/);
    expect(() => decoder({ payload: true }).result()).toThrow(/ongoing/);
  });
});
