import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeviceClocks, timeCorrectionS } from '../../../src/sim/campaign/clock.js';
import { simulate } from '../../../src/sim/simulate.js';
import { makeScenario } from '../../helpers/scenario.js';
import type { RunContext } from '../../../src/sim/context.js';
import { frames, nearFleet } from './fleet.js';

describe('device clocks and TS003 synchronisation', () => {
  it('leaves less than one second of error after a correction, and none on an exact clock', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: -3_600_000_000, max: 3_600_000_000 }), (gpsS, fracUs, errorUs) => {
        const trueUs = gpsS * 1e6 + fracUs;
        const c = timeCorrectionS(trueUs, errorUs);
        expect(Number.isInteger(c)).toBe(true);
        expect(Math.abs(errorUs + c * 1e6)).toBeLessThan(1e6);
        expect(timeCorrectionS(trueUs, 0)).toBe(0);
      }),
    );
  });

  it('draws offsets and drifts with the scenario\'s spreads and lets the drift act over time', () => {
    const s = makeScenario({ devices: { count: 4000, clock: { initialOffsetSigmaS: 5, driftPpmSigma: 20 } } });
    const clocks = new DeviceClocks(s, 4000);
    const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / xs.length);
    expect(sd(Array.from(clocks.errRefUs)) / 1e6).toBeCloseTo(5, 0);
    expect(sd(Array.from(clocks.driftPpm))).toBeGreaterThan(18);
    expect(sd(Array.from(clocks.driftPpm))).toBeLessThan(22);
    // 20 ppm for one hour: 72 ms
    const d = 7;
    const before = clocks.errorAtUs(d, 3_600e6);
    expect(before - clocks.errorAtUs(d, 0)).toBeCloseTo(clocks.driftPpm[d] * 3_600, 6);
    // a TimeCorrection of +2 s moves the clock, and so its error, 2 s forward; the drift goes on
    clocks.apply(d, 3_600e6, 2);
    expect(clocks.errorAtUs(d, 3_600e6)).toBeCloseTo(before + 2e6, 3);
    expect(clocks.errorAtUs(d, 7_200e6) - clocks.errorAtUs(d, 3_600e6)).toBeCloseTo(clocks.driftPpm[d] * 3_600, 6);
  });

  it('makes a device miss the first fragments only when its clock is late by more than the tolerance at SessionTime', () => {
    const run = (driftPpmSigma: number) => {
      // synchronised during setup, the session starts hours later: the drift has time to act
      const s = nearFleet(40, {
        devices: { clock: { driftPpmSigma, initialOffsetSigmaS: 5 } },
        multicastGroup: { sessionStart: 30_000 },
        traffic: { uplinkIntervalS: 600 },
        fuotaTask: { redundancyPercent: 50 },
        completion: { statusRequest: false },
      });
      let ctx: RunContext | null = null;
      const r = simulate(s, { onFinish: (c) => (ctx = c) });
      return { r, fleet: ctx!.world.fleet, tolUs: s.setup.clockSyncToleranceS * 1e6 };
    };
    // a device that listens from the first fragment rebuilds the image when fragment M ends
    const fragmentMEndS = (r: ReturnType<typeof simulate>) => {
      const f = frames(r, (x) => x.kind === 'fragment' && x.n === 21)[0];
      return (f.endUs - r.scenario.fuotaTask.startTimeS * 1e6) / 1e6;
    };
    const steady = run(0);
    const onTimeS = fragmentMEndS(steady.r);
    let members = 0;
    for (let d = 0; d < 40; d++) {
      if (!steady.fleet.member[d]) continue;
      members++;
      expect(Math.abs(steady.fleet.clockErrorUs[d])).toBeLessThan(1e6); // the whole-second residual only
      const at = steady.r.devices.decodedAtS[d];
      // a device that transmitted during the fragments missed one (it is deaf while it sends)
      const sessionUs = steady.r.scenario.fuotaTask.startTimeS * 1e6 + 30_000e6;
      const sent = frames(steady.r, (x) => x.node === -d - 1 && x.endUs > sessionUs && x.startUs < sessionUs + (onTimeS - 30_000) * 1e6).length;
      if (!Number.isNaN(at) && sent === 0) expect(at).toBeCloseTo(onTimeS, 6);
    }
    expect(members).toBeGreaterThan(35);

    const drifting = run(300);
    expect(fragmentMEndS(drifting.r)).toBeCloseTo(onTimeS, 6);
    let late = 0;
    let early = 0;
    for (let d = 0; d < 40; d++) {
      if (!drifting.fleet.member[d]) continue;
      const at = drifting.r.devices.decodedAtS[d];
      if (drifting.fleet.clockErrorUs[d] > drifting.tolUs) {
        late++;
        // it switched to class C after fragment 1 started: it rebuilds later from coded fragments, or never
        expect(Number.isNaN(at) || at > onTimeS + 1, `device ${d}: ${drifting.fleet.clockErrorUs[d]} µs late, rebuilt at ${at} s`).toBe(true);
      } else {
        early++;
        if (!Number.isNaN(at)) expect(at).toBeCloseTo(onTimeS, 6);
      }
    }
    expect(late).toBeGreaterThanOrEqual(5);
    expect(early).toBeGreaterThanOrEqual(5);
    expect(drifting.r.summary.devicesUpdated).toBeLessThan(steady.r.summary.devicesUpdated);
  });
});
