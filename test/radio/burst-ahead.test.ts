/**
 * The burst process walked ahead on a second thread (radio/burst-ahead.ts): whatever the thread has
 * published when a look comes, the look's answer is the process's own.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BurstProcess } from '../../src/radio/burst.js';
import { BurstAheadThread, burstAheadOnThread, walkAheadTo } from '../../src/radio/burst-ahead.js';
import { expectSameOutputs, outputFiles } from '../helpers/outputs.js';
import { LOSSY, nearFleet } from '../sim/campaign/fleet.js';

describe('burst walk-ahead', () => {
  it('gives every look the answer of a process without it, whatever the passes published and when (fast-check)', () => {
    // a step is a look (or a first observation) at one device, or a pass of the walking thread to a
    // target that may be behind, at or ahead of the looks; times in steps of 10 s, so that looks far
    // enough apart to ask for the thread's sojourn (AHEAD_WORTH_US) are common
    const step = fc.oneof(
      fc.record({ kind: fc.constant('look' as const), d: fc.integer({ min: 0, max: 4 }), t: fc.integer({ min: 0, max: 3000 }), observe: fc.boolean() }),
      fc.record({ kind: fc.constant('pass' as const), t: fc.integer({ min: 0, max: 3000 }) }),
    );
    let takenInAll = 0;
    // in time order half the time (as the kernel looks), in any order otherwise (looks back)
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 150, size: 'medium' }), fc.integer(), fc.boolean(), fc.boolean(), (drawn, seed, scrambled, inOrder) => {
      const steps = inOrder ? [...drawn].sort((a, b) => a.t - b.t) : drawn;
      const deviceOf = scrambled ? Int32Array.from([3, 0, 4, 1, 2]) : null;
      const p = new BurstProcess(5, seed, 2, 10, deviceOf);
      const plain = new BurstProcess(5, seed, 2, 10, deviceOf);
      const shared = p.walkAhead();
      let taken = 0;
      for (const s of steps) {
        if (s.kind === 'pass') {
          walkAheadTo(shared, s.t * 1e7);
          continue;
        }
        const tUs = s.t * 1e7;
        if (s.observe) {
          p.observe(s.d, tUs);
          plain.observe(s.d, tUs);
          continue;
        }
        const before = p.steps;
        expect(p.stateAt(s.d, tUs), `device ${s.d} at ${s.t} s`).toBe(plain.stateAt(s.d, tUs));
        taken += p.steps - before;
      }
      // the reference walked at least what the process with help did
      expect(plain.steps).toBeGreaterThanOrEqual(taken);
      takenInAll += p.takenAhead;
    }), { numRuns: 300 });
    // the runs did take published sojourns, not only walk
    expect(takenInAll).toBeGreaterThan(100);
  });

  it('takes the published sojourn instead of walking, and only a published one', () => {
    const p = new BurstProcess(2, 7, 7, 140);
    const plain = new BurstProcess(2, 7, 7, 140);
    const shared = p.walkAhead();
    p.observe(0, 0);
    plain.observe(0, 0);
    walkAheadTo(shared, 48 * 3600e6);
    const at = 48 * 3600e6 + 5e6;
    expect(p.stateAt(0, at)).toBe(plain.stateAt(0, at));
    // two days of mean 73.5 s sojourns: the process without help walked thousands, this one a few
    expect(plain.steps).toBeGreaterThan(1500);
    expect(p.steps).toBeLessThan(10);
    // device 1 was never observed: the pass did not start it, and its first look walks from there
    expect(shared.seq[1]).toBe(0);
    expect(p.stateAt(1, at)).toBe(plain.stateAt(1, at));
  });

  it('starts devices observed before the thread came, and none after it stopped', () => {
    const p = new BurstProcess(3, 2, 7, 140);
    p.observe(0, 1e6);
    const shared = p.walkAhead();
    expect(Array.from(shared.started)).toEqual([1, 0, 0]);
    expect(shared.origin[0]).toBe(1e6);
    p.stateAt(1, 2e6); // a first look starts the device too
    expect(Array.from(shared.started)).toEqual([1, 1, 0]);
    p.stopWalkingAhead();
    p.observe(2, 3e6);
    expect(Array.from(shared.started)).toEqual([1, 1, 0]);
  });

  it('runs on its own thread: walks the observed devices up to where it is told, and stops', async () => {
    const count = 2000;
    const p = new BurstProcess(count, 3, 7, 140);
    const plain = new BurstProcess(count, 3, 7, 140);
    for (let i = 0; i < count; i += 2) {
      p.observe(i, i * 1e3);
      plain.observe(i, i * 1e3);
    }
    const thread = new BurstAheadThread(p.walkAhead());
    try {
      thread.walkTo(24 * 3600e6);
      const deadline = Date.now() + 20_000;
      while (thread.passes < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(thread.passes).toBe(1);
      const { seq, fromUs, untilUs } = thread.shared;
      for (let i = 0; i < count; i++) {
        if (i % 2 === 1) {
          expect(seq[i]).toBe(0);
          continue;
        }
        expect(seq[i]).toBe(2);
        expect(fromUs[i]).toBeLessThanOrEqual(24 * 3600e6);
        expect(untilUs[i]).toBeGreaterThan(24 * 3600e6);
      }
      const at = 24 * 3600e6 + 1;
      for (let i = 0; i < count; i++) expect(p.stateAt(i, at)).toBe(plain.stateAt(i, at));
      expect(p.steps).toBeLessThan(plain.steps / 100);
    } finally {
      thread.stop();
    }
    // told to stop: a later target is never walked
    thread.walkTo(48 * 3600e6);
    await new Promise((r) => setTimeout(r, 200));
    expect(thread.passes).toBe(1);
  });

  it('is on by default for a large fleet on a machine with a second core, and as asked', () => {
    expect(burstAheadOnThread(100, undefined)).toBe(false);
    expect(burstAheadOnThread(100, true)).toBe(true);
    expect(burstAheadOnThread(1_000_000, false)).toBe(false);
  });
});

describe('a run with the burst walk-ahead thread', () => {
  it('writes every output file as the run without it (a bursty channel, the session booked two days after the start)', async () => {
    for (const seed of [1, 2]) {
      const s = nearFleet(80, { ...LOSSY, seed, multicastGroup: { sessionStart: 172800 } });
      const on = await outputFiles(s, { burstThread: true, deviceOrder: 'scrambled' });
      expectSameOutputs(on, await outputFiles(s, { burstThread: false }));
      // a real run: devices updated after a session two days on
      const summary = JSON.parse(on.get('summary.json')!.toString('utf8')) as { devicesUpdated?: number };
      expect(summary).toBeTruthy();
    }
  });
});
