import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { LOSSY, frames, nearFleet } from './fleet.js';

const lossy = { ...LOSSY, completion: { repairRounds: 1 } };

describe('the whole campaign', () => {
  it('records its phases in order: setup, distribution, status, repair, apply', () => {
    const r = simulate(nearFleet(40, lossy));
    const first = (p: string) => r.phases.find((x) => x.phase === p)!;
    for (const p of ['setup', 'distribution', 'status', 'repair', 'apply']) {
      expect(first(p), p).toBeDefined();
      for (const span of r.phases.filter((x) => x.phase === p)) expect(span.endS).toBeGreaterThanOrEqual(span.startS);
    }
    expect(first('setup').startS).toBe(0);
    expect(first('setup').endS).toBeCloseTo(r.summary.setupDurationS, 6);
    // a booking cuts setup short: the setup phase then ends at SessionTime itself
    expect(first("distribution").startS).toBeGreaterThanOrEqual(first("setup").endS);
    expect(first('distribution').endS - first('distribution').startS).toBeCloseTo(r.summary.distributionDurationS, 6);
    expect(first('status').startS).toBeGreaterThanOrEqual(first('distribution').endS);
    expect(first('repair').startS).toBeGreaterThanOrEqual(first('status').endS);
    const lastEndS = Math.max(...r.phases.map((p) => p.endS));
    expect(r.summary.campaignDurationS).toBeGreaterThanOrEqual(lastEndS - 1e-6);
  });

  it('gives the same result twice for the same scenario', () => {
    const s = nearFleet(30, lossy);
    const a = simulate(s);
    const b = simulate(s);
    expect(a.summary).toEqual(b.summary);
    expect(a.phases).toEqual(b.phases);
    expect(a.devices.status).toEqual(b.devices.status);
    expect(Array.from(a.transmissions.startUs)).toEqual(Array.from(b.transmissions.startUs));
  });

  it('counts every uplink of every phase and keeps the background traffic going to the end', () => {
    const s = nearFleet(40, { ...lossy, traffic: { uplinkIntervalS: 600 } });
    const r = simulate(s);
    const ups = frames(r, (f) => f.node < 0);
    expect(r.summary.uplinks).toBe(ups.length);
    const kinds = new Set(ups.map((f) => f.kind));
    for (const k of ['uplink', 'setup', 'status']) expect(kinds.has(k as never)).toBe(true);
    const background = ups.filter((f) => f.kind === 'uplink' && f.phyBytes === 20 + 13);
    const endUs = r.summary.campaignDurationS * 1e6;
    // every device keeps its period (600 ± 1 s) through the whole campaign
    for (let d = 0; d < 40; d++) {
      const own = background.filter((f) => f.node === -d - 1).map((f) => f.startUs);
      expect(own[0]).toBeLessThan(601e6);
      expect(endUs - own.at(-1)!).toBeLessThan(601e6);
    }
    expect(r.summary.backgroundPdr!).toBeGreaterThan(0.5);
    expect(r.summary.backgroundPdr!).toBeLessThanOrEqual(1);
  });

  it('charges each device for the whole campaign: sleep throughout, plus its setup and answer uplinks', () => {
    const classA = simulate(nearFleet(20));
    const instant = simulate(nearFleet(20, { setup: { mode: 'instant' } }));
    const p = classA.scenario.devices.radioProfile;
    for (const r of [classA, instant]) {
      for (let d = 0; d < 20; d++) {
        // every state draws at least the sleep current, over the whole campaign
        expect(r.devices.energyJ[d]).toBeGreaterThanOrEqual(p.supplyV * p.sleepA * r.summary.campaignDurationS * (1 - 1e-9));
      }
    }
    // the setup uplinks cost transmit energy that instant setup does not
    let more = 0;
    for (let d = 0; d < 20; d++) if (classA.devices.energyTxJ[d] > instant.devices.energyTxJ[d]) more++;
    expect(more).toBeGreaterThanOrEqual(18);
    expect(classA.summary.uplinkAirtimeS).toBeGreaterThan(instant.summary.uplinkAirtimeS);
  });
});
