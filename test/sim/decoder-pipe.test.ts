/**
 * The ring of uncoded fragments (sim/decoder-pipe.ts): whoever applies its entries and whenever the
 * run's thread drains it, the records end as if every fragment had been taken at once, in order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecoderPipe, decoderThreadOnRun, newPipeShared } from '../../src/sim/decoder-pipe.js';
import { LAST, LOST, RECEIVED, STRIDE, takeUncoded } from '../../src/sim/uncoded-record.js';
import { expectSameOutputs, outputFiles } from '../helpers/outputs.js';
import { LOSSY, nearFleet } from './campaign/fleet.js';

/** Records fed at once: the reference. */
function direct(count: number, nbFrag: number, feeds: readonly [number, number][]): { rec: Int32Array; lostBits: Uint32Array } {
  const rec = new Int32Array(count * STRIDE);
  const lostBits = new Uint32Array(count * ((nbFrag + 31) >>> 5));
  for (const [i, n] of feeds) takeUncoded(rec, lostBits, count, i, n);
  return { rec, lostBits };
}

describe('takeUncoded', () => {
  it('counts every fragment, takes those above the last, and marks the columns skipped', () => {
    const count = 2;
    const rec = new Int32Array(count * STRIDE);
    const lostBits = new Uint32Array(count * 2); // 64 columns
    expect(takeUncoded(rec, lostBits, count, 1, 1)).toBe(true);
    expect(takeUncoded(rec, lostBits, count, 1, 4)).toBe(true); // 2 and 3 lost: columns 1 and 2
    expect(takeUncoded(rec, lostBits, count, 1, 3)).toBe(false); // older: counted only
    expect(takeUncoded(rec, lostBits, count, 1, 40)).toBe(true); // 5 .. 39 lost: columns 4 .. 38
    expect([rec[STRIDE + LAST], rec[STRIDE + LOST], rec[STRIDE + RECEIVED]]).toEqual([40, 2 + 35, 4]);
    // column-major: word w of slot 1 at w * count + 1
    expect(lostBits[1]).toBe((0b110 | 0xfffffff0) >>> 0);
    expect(lostBits[3]).toBe(0b1111111);
    expect([lostBits[0], lostBits[2], rec[LAST], rec[RECEIVED]]).toEqual([0, 0, 0, 0]);
  });
});

describe('DecoderPipe', () => {
  it('leaves the records of fragments taken at once, whatever the drains and however small the ring (fast-check)', () => {
    const op = fc.oneof(
      { weight: 8, arbitrary: fc.record({ i: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 1, max: 70 }) }) },
      { weight: 1, arbitrary: fc.constant('drain' as const) },
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), fc.constantFrom(4, 8, 64), (ops, ringEntries) => {
      const count = 6;
      const nbFrag = 71;
      const shared = newPipeShared(count, count * STRIDE, count * 3, ringEntries);
      const pipe = new DecoderPipe(shared, false);
      const fed: [number, number][] = [];
      for (const o of ops) {
        if (o === 'drain') {
          pipe.drain();
          // drained: the records are those of the fragments so far, taken at once
          const want = direct(count, nbFrag, fed);
          expect(shared.rec).toEqual(want.rec);
          expect(shared.lostBits).toEqual(want.lostBits);
          continue;
        }
        pipe.push(o.i, o.n);
        fed.push([o.i, o.n]);
      }
      pipe.stop();
      const want = direct(count, nbFrag, fed);
      expect(shared.rec).toEqual(want.rec);
      expect(shared.lostBits).toEqual(want.lostBits);
      // without a thread the run's thread applied every entry: the slots and a marker per change of N
      let markers = 0;
      for (let k = 0; k < fed.length; k++) if (k === 0 || fed[k][1] !== fed[k - 1][1]) markers++;
      expect(pipe.appliedHere).toBe(fed.length + markers);
      expect(pipe.appliedByThread).toBe(0);
    }), { numRuns: 300 });
  });

  it('on its own thread: applies entries as they come, and a drain leaves the records of fragments taken at once', async () => {
    const count = 3000;
    const nbFrag = 400;
    const lostWords = count * ((nbFrag + 31) >>> 5);
    // a ring smaller than a session's fragments, so that it wraps many times
    const shared = newPipeShared(count, count * STRIDE, lostWords, 1 << 14);
    const pipe = new DecoderPipe(shared, true);
    const fed: [number, number][] = [];
    let x = 12345;
    const lost = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % 10 < 3; // three in ten lost
    };
    try {
      for (let n = 1; n < nbFrag; n++) {
        for (let i = 0; i < count; i++) {
          if (lost()) continue;
          pipe.push(i, n);
          fed.push([i, n]);
        }
        if (n % 97 === 0) {
          pipe.drain();
          const want = direct(count, nbFrag, fed);
          expect(shared.rec).toEqual(want.rec);
        }
        // give the thread a moment now and then, as the run's other events do
        if (n % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      pipe.drain();
      const want = direct(count, nbFrag, fed);
      expect(shared.rec).toEqual(want.rec);
      expect(shared.lostBits).toEqual(want.lostBits);
      // both threads applied entries; together, every one of them once
      expect(pipe.appliedByThread).toBeGreaterThan(0);
      expect(pipe.appliedByThread + pipe.appliedHere).toBe(fed.length + nbFrag - 1);
    } finally {
      pipe.stop();
    }
  });

  it('is on by default for a large fleet on a machine with a second core, and as asked', () => {
    expect(decoderThreadOnRun(100, undefined)).toBe(false);
    expect(decoderThreadOnRun(100, true)).toBe(true);
    expect(decoderThreadOnRun(1_000_000, false)).toBe(false);
  });
});

describe('a run with the decoders\' thread', () => {
  it('writes every output file as the run without it (lossy class C sessions with status requests, class B, two seeds)', async () => {
    const cases = [
      nearFleet(80, { ...LOSSY, seed: 1, firmware: { sizeBytes: 20_000 } }),
      nearFleet(80, { ...LOSSY, seed: 2, firmware: { sizeBytes: 30_000 } }),
      nearFleet(60, { ...LOSSY, seed: 3, firmware: { sizeBytes: 20_000 }, multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 32 } }),
    ];
    for (const s of cases) {
      let carried = 0;
      const on = await outputFiles(s, {
        decoderThread: true,
        deviceOrder: 'scrambled',
        onFinish: (_ctx, campaign) => {
          const applied = campaign.devices.decoders!.pipeApplied();
          carried = applied.byThread + applied.here;
        },
      });
      expectSameOutputs(on, await outputFiles(s, { decoderThread: false }));
      // the ring did carry the session's uncoded fragments
      expect(carried, s.name).toBeGreaterThan(2000);
    }
  });
});
