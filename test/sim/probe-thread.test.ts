/**
 * The setup probe on a thread of its own (sim/probe-thread.ts): the same answer as on the run's
 * thread, to the bit, and runs with it the same byte for byte as without; its errors come back.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { buildFirmwarePackage } from '../../src/fuota/image/package.js';
import { fragmentPlan } from '../../src/fuota/ts004/sizing.js';
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { PROBE_THREAD_MIN_DEVICES, probeOnThread, probeSetup, ProbeThread } from '../../src/sim/probe-thread.js';
import { simulate } from '../../src/sim/simulate.js';
import type { RunResult } from '../../src/sim/types.js';
import { buildWorld } from '../../src/sim/world.js';
import { LOSSY, nearFleet } from './campaign/fleet.js';

const QUIET = { completion: { statusRequest: false } };
/** A session booked 20 min after the start: setup of 60 devices is cut short, so the probe's answer is used. */
const CUT = { ...QUIET, multicastGroup: { sessionStart: 1200 } };

function withoutTiming(r: RunResult): Omit<RunResult, 'timing'> {
  const { timing: _timing, ...rest } = r;
  return rest;
}

function probeInputs(s: ResolvedScenario) {
  const world = buildWorld(s);
  const pkg = buildFirmwarePackage(s.firmware, s.seed);
  return { world, pkg, plan: fragmentPlan(pkg.payload.length, s.fuotaTask.fragmentSizeBytes, s.fuotaTask.redundancyPercent) };
}

describe('the setup probe on its own thread', () => {
  it('gives each device the same setup time, to the bit, as on this thread (bursty channel, signed image)', () => {
    const s = nearFleet(60, { ...LOSSY, ...CUT, firmware: { sizeBytes: 4096, signature: 'ecdsa-p256' } });
    const { world, pkg, plan } = probeInputs(s);
    const thread = new ProbeThread(world, pkg, plan);
    const here = probeSetup(world, pkg, plan);
    const there = thread.result();
    expect(there.campaignEndUs).toBe(here.campaignEndUs);
    // its progress came through shared memory: part of setup done at its last step, no more devices than the fleet
    const p = thread.progress();
    expect(p.share).toBeGreaterThan(0);
    expect(p.share).toBeLessThanOrEqual(1);
    expect(p.setUp).toBeGreaterThan(0);
    expect(p.setUp).toBeLessThanOrEqual(60);
    expect(Buffer.from(there.setUpAtUs.buffer).equals(Buffer.from(here.setUpAtUs.buffer))).toBe(true);
    // a real answer: most devices set up, at distinct times
    const setUp = here.setUpAtUs.filter((t) => t === t);
    expect(setUp.length).toBeGreaterThan(50);
    expect(new Set(setUp).size).toBe(setUp.length);
  });

  it('leaves a run the same byte for byte, when the booking cuts setup short and when it does not', () => {
    for (const over of [CUT, { ...LOSSY, ...CUT }, { ...QUIET, multicastGroup: { sessionStart: 7200 } }]) {
      const s = nearFleet(60, over);
      const off = simulate(s, { probeThread: false });
      const on = simulate(s, { probeThread: true });
      expect(withoutTiming(on)).toEqual(withoutTiming(off));
      expect(JSON.stringify(on.summary)).toBe(JSON.stringify(off.summary));
    }
    // the first case does use the probe: devices left out of the session, readiness after the booking
    const cut = simulate(nearFleet(60, CUT), { probeThread: true }).summary;
    expect(cut.statusCounts.Initial).toBeGreaterThan(0);
    expect(cut.fleetReadyS!).toBeGreaterThan(1200);
  });

  it('cannot answer once stopped', () => {
    const { world, pkg, plan } = probeInputs(nearFleet(5, CUT));
    const thread = new ProbeThread(world, pkg, plan);
    thread.stop();
    expect(() => thread.result()).toThrow(/stopped/);
  });

  it('keeps the progress bar moving forward, within 0..0.99 until its final 1', () => {
    const seen: number[] = [];
    simulate(nearFleet(60, { ...LOSSY, ...CUT }), { probeThread: true, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.slice(0, -1).every((f) => f >= 0 && f <= 0.99)).toBe(true);
  });

  it('brings back the error that stopped it', () => {
    const { world, pkg, plan } = probeInputs(nearFleet(5, CUT));
    const broken = { ...world, s: { ...world.s, region: 'XX000' as ResolvedScenario['region'] } };
    expect(() => new ProbeThread(broken, pkg, plan).result()).toThrow(/XX000/);
  });

  it('is used by default from this size of fleet on a machine with two cores or more, or when asked', () => {
    const big = nearFleet(1, {});
    const at = (count: number) => ({ ...big, devices: { ...big.devices, count } });
    expect(probeOnThread(at(PROBE_THREAD_MIN_DEVICES - 1), undefined)).toBe(false);
    expect(probeOnThread(at(PROBE_THREAD_MIN_DEVICES), undefined)).toBe(availableParallelism() >= 2);
    expect(probeOnThread(at(1), true)).toBe(true);
    expect(probeOnThread(at(PROBE_THREAD_MIN_DEVICES), false)).toBe(false);
  });
});
