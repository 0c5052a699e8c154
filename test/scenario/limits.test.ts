/**
 * Limits up front: the physical bound on the uplink interval, the work estimates, the run and sweep
 * limits and --allow-large (allowLarge). The large campaigns of the product (a 1 MB image to 100 000
 * devices behind 25 gateways; 1 000 000 devices, 256 KiB, 100 gateways) must stay possible.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRegion } from '../../src/lorawan/regions/index.js';
import { lorawanUplinkAirtimeUs } from '../../src/radio/airtime.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { HARD_LIMITS, minUplinkIntervalS, RUN_LIMITS, SWEEP_LIMITS } from '../../src/scenario/limits.js';
import { resolveScenario, resolveWithEstimate } from '../../src/scenario/resolve.js';
import { expandSweep } from '../../src/scenario/sweep.js';
import { repoRoot } from '../helpers/shared.js';
import { problemsOf } from './helpers.js';

const opts = { baseDir: '/nonexistent-base' };

const national = {
  firmware: { sizeBytes: 262_144 },
  devices: { count: 1_000_000, placement: { kind: 'disc', radiusM: 50_000 } },
  gateways: { count: 100, placement: { kind: 'grid', spacingM: 10_000 } },
};
const regional = {
  firmware: { sizeBytes: 1_048_576 },
  devices: { count: 100_000, placement: { kind: 'disc', radiusM: 15_000 } },
  gateways: { count: 25, placement: { kind: 'grid', spacingM: 6000 } },
  multicastGroup: { sessionStart: 172_800 },
};

describe('the background uplink interval', () => {
  it('is at least one class A cycle: the airtime at the fastest uplink DR, the 2 s RX2 delay and the 1 s jitter', () => {
    const eu = getRegion('EU868');
    // EU868's fastest LoRa uplink, DR6 (SF7/250 kHz), 20 bytes + 13 bytes of LoRaWAN framing
    const airtimeUs = lorawanUplinkAirtimeUs(7, 250_000, 33);
    expect(minUplinkIntervalS(eu, 20, null)).toBeCloseTo((airtimeUs + 3_000_000) / 1e6, 6);
    expect(minUplinkIntervalS(eu, 20, null).toFixed(3)).toBe('3.036'); // docs/scenarios.md "Limits"
    // fixing a slow data rate lengthens the cycle
    expect(minUplinkIntervalS(eu, 20, 0)).toBeCloseTo((lorawanUplinkAirtimeUs(12, 125_000, 33) + 3_000_000) / 1e6, 6);
  });

  it('refuses 1e-7 s with the field named and the bound, even with allowLarge', () => {
    const problems = problemsOf({ traffic: { uplinkIntervalS: 1e-7 } });
    expect(problems).toEqual([expect.stringMatching(/^traffic\.uplinkIntervalS: 1e-7 is shorter than one class A cycle .*; allowed: 0 \(no background traffic\) or 3\.0\d+\.\.31536000 s$/)]);
    expect(() => resolveScenario({ traffic: { uplinkIntervalS: 1e-7 } }, { ...opts, allowLarge: true })).toThrow(ScenarioError);
    expect(resolveScenario({ traffic: { uplinkIntervalS: 0 } }, opts).traffic.uplinkIntervalS).toBe(0);
    expect(resolveScenario({ traffic: { uplinkIntervalS: 10 } }, opts).traffic.uplinkIntervalS).toBe(10);
  });
});

describe('run limits', () => {
  it('let a 1 MB image to 100 000 devices behind 25 gateways run by default', () => {
    const { estimate } = resolveWithEstimate(regional, opts);
    expect(estimate.deviceFrames).toBeLessThan(RUN_LIMITS.deviceFrames);
    expect(estimate.events).toBeLessThan(RUN_LIMITS.events);
    // docs/scenarios.md "Limits"
    expect(Math.round(estimate.memoryBytes / 1e6)).toBe(788);
    const three = resolveWithEstimate({ ...regional, gateways: { count: 3, placement: { kind: 'grid', spacingM: 6000 } } }, opts);
    expect(Math.round(three.estimate.memoryBytes / 1e6)).toBe(674);
  });

  it('estimate memory above what the benchmark town measures (docs/benchmarks.md: 140 MiB and 363 MiB)', () => {
    const town = JSON.parse(readFileSync(join(repoRoot, 'bench', 'scenarios', 'classc-town.json'), 'utf8')) as { devices: object };
    const mib = (count: number) => {
      const { estimate } = resolveWithEstimate({ ...town, devices: { ...town.devices, count } }, { ...opts, allowLarge: true });
      return Math.round(estimate.memoryBytes / 2 ** 20);
    };
    expect([mib(10_000), mib(100_000)]).toEqual([281, 474]);
  });

  it('ask for --allow-large for a national fleet (1 000 000 devices, 100 gateways), and let it run with it within 8 GiB', () => {
    const problems = problemsOf(national);
    expect(problems).toEqual([
      expect.stringMatching(/^devices\.count: about 1\.2e11 device-frames \(1000000 devices × 1208 fragments × the gateways sending each \(100\)\), more than the 5e10 .* without --allow-large; allowed: .*pass --allow-large if you mean it$/),
      expect.stringMatching(/^devices\.count: about \d\.\d GiB of memory .* more than the 4\.0 GiB/),
    ]);
    const { estimate } = resolveWithEstimate(national, { ...opts, allowLarge: true });
    expect((estimate.memoryBytes / 2 ** 30).toFixed(1)).toBe('7.0'); // docs/scenarios.md "Limits"
    expect(estimate.memoryBytes).toBeLessThan(8 * 2 ** 30);
    // an upper estimate: this campaign peaked at 6 964 and 7 076 MiB (docs/benchmarks.md, the million-device runs)
    expect(estimate.memoryBytes).toBeGreaterThan(7_076 * 2 ** 20);
  });

  it('name the interval when background uplinks drive the event count', () => {
    const problems = problemsOf({ devices: { count: 100_000 }, traffic: { uplinkIntervalS: 4 }, simulation: { maxDurationS: 31_536_000 }, multicastGroup: { sessionStart: 31_000_000 } });
    expect(problems).toEqual([expect.stringMatching(/^traffic\.uplinkIntervalS: about \S+ simulation events \(100000 devices × \S+ s simulated \/ 4 s between uplinks\)/)]);
  });

  it('name the payload sample when it drives the memory estimate', () => {
    const problems = problemsOf({ devices: { count: 10_000 }, firmware: { sizeBytes: 1_048_576 }, simulation: { payloadSampleDevices: 10_000 } });
    expect(problems).toEqual([expect.stringMatching(/^simulation\.payloadSampleDevices: about \d+\.\d GiB of memory \(10000 devices rebuilding the whole image each\)/)]);
  });
});

describe('sweep limits', () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('refuse a sweep of 10^6 points before expanding a single one', () => {
    const raw = { sweep: { seed: list(1000), 'fuotaTask.redundancyPercent': list(1000) } };
    expect(() => expandSweep(raw, opts)).toThrow(/sweep: 1e6 points \(1000 × 1000\), more than the 10000 a sweep may have without --allow-large/);
    // even the flag does not lift the hard limit of what fuota-sim can hold
    const huge = { sweep: { seed: list(1001), 'fuotaTask.redundancyPercent': list(1000) } };
    expect(() => expandSweep(huge, { ...opts, allowLarge: true })).toThrow(new RegExp(`more than the ${HARD_LIMITS.points / 1e6}e6 a sweep may have;`));
  });

  it('refuse 10 000 replications × 100 points, naming replications', () => {
    const raw = { replications: 10_000, sweep: { seed: list(100) } };
    expect(() => expandSweep(raw, opts)).toThrow(/replications: 10000 × 100 sweep points = 1e6 runs, more than the 10000/);
    expect(SWEEP_LIMITS.runs).toBe(10_000);
  });

  it('refuse a sweep whose runs add up to too many device-frames, and accept it with allowLarge', () => {
    const raw = { ...regional, replications: 10, sweep: { 'fuotaTask.redundancyPercent': [10, 20, 30, 40, 50] } };
    expect(() => expandSweep(raw, opts)).toThrow(/^[\s\S]*sweep: about \S+ device-frames over its 50 runs, more than the 5e11/);
    expect(expandSweep(raw, { ...opts, allowLarge: true })).toHaveLength(5);
  });
});
