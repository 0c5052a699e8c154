import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PendingAnswers, STAGE_RX1 } from '../../src/sim/pending-answers.js';

/** Fills every field of slot with numbers derived from `v`, as ClassADownlinks.answer does. */
function fill(p: PendingAnswers, slot: number, v: number, G: number): void {
  p.stage[slot] = STAGE_RX1;
  p.d[slot] = v;
  p.ulFreqHz[slot] = 868.1e6 + v;
  p.ulChannel[slot] = v % 16;
  p.phyBytes[slot] = 13 + (v % 200);
  p.kind[slot] = v % 2 === 0 ? 'setup' : 'ack';
  p.owner[slot] = v % 5;
  p.arg[slot] = v * 0.5;
  p.msg[slot] = v % 9;
  p.msgArg[slot] = -v;
  p.gatewayCount[slot] = 1 + (v % G);
  for (let k = 0; k < p.gatewayCount[slot]; k++) p.gateways[slot * G + k] = (v + k) % G;
  p.g[slot] = v % G;
  p.airId[slot] = v * 3;
  p.startUs[slot] = v * 1e6 + 0.25;
  p.freqHz[slot] = 869.525e6 - v;
  p.dr[slot] = v % 6;
}

function expectHolds(p: PendingAnswers, slot: number, v: number, G: number): void {
  const got = [p.stage[slot], p.d[slot], p.ulFreqHz[slot], p.ulChannel[slot], p.phyBytes[slot], p.kind[slot], p.owner[slot], p.arg[slot], p.msg[slot], p.msgArg[slot], p.g[slot], p.airId[slot], p.startUs[slot], p.freqHz[slot], p.dr[slot]];
  const want = [STAGE_RX1, v, 868.1e6 + v, v % 16, 13 + (v % 200), v % 2 === 0 ? 'setup' : 'ack', v % 5, v * 0.5, v % 9, -v, v % G, v * 3, v * 1e6 + 0.25, 869.525e6 - v, v % 6];
  expect(got).toEqual(want);
  const gws = Array.from(p.gateways.subarray(p.gatewaysFrom(slot), p.gatewaysFrom(slot) + p.gatewayCount[slot]));
  expect(gws).toEqual(Array.from({ length: 1 + (v % G) }, (_, k) => (v + k) % G));
}

describe('PendingAnswers: the class A answers queued, by slot', () => {
  it('gives distinct slots to live answers and keeps each one\'s numbers through growth and reuse', () => {
    // three takes for one release on average: the live count passes 64, 128, 256, so the arrays grow
    const op = fc.record({ take: fc.integer({ min: 0, max: 3 }).map((k) => k > 0), pick: fc.nat() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 150, maxLength: 800 }), fc.integer({ min: 1, max: 100 }), (ops, G) => {
        const p = new PendingAnswers(G);
        const live = new Map<number, number>(); // slot -> value
        let v = 0;
        for (const { take, pick } of ops) {
          if (take || live.size === 0) {
            const slot = p.take();
            expect(live.has(slot)).toBe(false);
            expect(p.stage[slot]).toBe(0);
            fill(p, slot, v, G);
            live.set(slot, v++);
          } else {
            // give back any live answer
            const slot = [...live.keys()][pick % live.size];
            p.release(slot);
            live.delete(slot);
            expect(p.stage[slot]).toBe(0);
          }
          expect(p.live).toBe(live.size);
        }
        for (const [slot, value] of live) expectHolds(p, slot, value, G);
      }),
      { numRuns: 60 },
    );
  });

  it('doubles when every slot is taken, keeping the numbers, and reuses the last slot given back first', () => {
    const G = 7;
    const p = new PendingAnswers(G);
    const first = Array.from({ length: 64 }, () => p.take());
    expect(first).toEqual(Array.from({ length: 64 }, (_, k) => k));
    first.forEach((slot) => fill(p, slot, slot + 1000, G));
    expect(p.capacity).toBe(64);
    expect(p.take()).toBe(64);
    expect(p.capacity).toBe(128);
    first.forEach((slot) => expectHolds(p, slot, slot + 1000, G));
    p.release(17);
    p.release(5);
    expect(p.take()).toBe(5);
    expect(p.take()).toBe(17);
    expect(p.take()).toBe(65);
  });
});
