/**
 * Booking the session (campaign/session-time.ts, docs/models/campaign.md "Booking the session"):
 * fixed bookings as AWS takes them, the earliest booking found by a setup probe, ChirpStack v4's
 * start, and the planner's figures (fleetReadyS, idleBeforeSessionS, leadTimeFor…S).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { frames, nearFleet } from './fleet.js';

const QUIET = { completion: { statusRequest: false } };

describe('the earliest booking ("after-setup")', () => {
  const r = simulate(nearFleet(60, QUIET));
  const x = r.summary;

  it('starts the session at the whole second after the last reachable device was set up: no idle time of its own', () => {
    expect(x.fleetReadyS).not.toBeNull();
    expect(x.sessionStartS).toBe(Math.ceil(x.fleetReadyS!));
    expect(x.idleBeforeSessionS).toBeLessThan(1);
    expect(x.idleBeforeSessionS).toBe(x.sessionStartS! - x.fleetReadyS!);
    expect(r.phases.find((p) => p.phase === 'distribution')!.startS).toBe(x.sessionStartS);
  });

  it('is the same run as booking that time by hand (the probe sees setup exactly as the booked run does)', () => {
    const fixed = simulate(nearFleet(60, { ...QUIET, multicastGroup: { sessionStart: x.sessionStartS! } }));
    expect(fixed.summary).toEqual(x);
    const iso = new Date(Date.parse(r.scenario.startTime) + x.sessionStartS! * 1000).toISOString().replace('.000Z', 'Z');
    expect(simulate(nearFleet(60, { ...QUIET, multicastGroup: { sessionStart: iso } })).summary).toEqual(x);
  });

  it('sees setup as the booked run does on a bursty channel too (the probe has the same burst process)', () => {
    const bursty = { ...QUIET, channel: { burst: { model: 'gilbert-elliott' as const, meanBurstS: 20, meanGapS: 40, lossGood: 0, lossBad: 0.9 } } };
    const planned = simulate(nearFleet(60, bursty)).summary;
    const fixed = simulate(nearFleet(60, { ...bursty, multicastGroup: { sessionStart: planned.sessionStartS! } })).summary;
    expect(fixed).toEqual(planned);
    // the earliest booking loses no device setup could still reach: an hour more lead sets up no more
    const later = simulate(nearFleet(60, { ...bursty, multicastGroup: { sessionStart: planned.sessionStartS! + 3600 } })).summary;
    expect(later.statusCounts.Initial).toBe(planned.statusCounts.Initial);
    expect(planned.reasons.setupTooLate).toBe(0);
    expect(planned.statusCounts.Initial).toBe(planned.reasons.setupFailed + planned.reasons.noCoverage);
  });

  it('orders the lead times and counts session times from the session start', () => {
    expect(x.leadTimeFor90S!).toBeLessThanOrEqual(x.leadTimeFor95S!);
    expect(x.leadTimeFor95S!).toBeLessThanOrEqual(x.leadTimeFor99S!);
    expect(x.leadTimeFor99S!).toBeLessThanOrEqual(x.fleetReadyS!);
    expect(x.timeTo90FromSessionS).toBeCloseTo(x.timeTo90S! - x.sessionStartS!, 9);
    expect(x.timeTo95FromSessionS).toBeCloseTo(x.timeTo95S! - x.sessionStartS!, 9);
  });
});

describe('a fixed booking (AWS StartTime / SessionStartTime)', () => {
  const early = nearFleet(60, { ...QUIET, multicastGroup: { sessionStart: 1200 } });
  const r = simulate(early);
  const planned = simulate(nearFleet(60, QUIET)).summary;

  it('starts when booked; a device not set up by then does not join', () => {
    expect(r.summary.sessionStartS).toBe(1200);
    expect(r.summary.statusCounts.Initial).toBeGreaterThan(0);
    r.devices.status.forEach((st, d) => {
      if (st === 'Initial') expect(r.devices.fragmentsReceived[d]).toBe(0);
    });
    expect(r.summary.idleBeforeSessionS).toBe(0);
  });

  it('still says how far ahead it should have been booked: the same readiness as the earliest booking', () => {
    for (const k of ['fleetReadyS', 'leadTimeFor90S', 'leadTimeFor95S', 'leadTimeFor99S'] as const) expect(r.summary[k]).toBe(planned[k]);
    expect(r.summary.fleetReadyS!).toBeGreaterThan(1200);
  });

  it('booked at leadTimeFor90S, sets up at least 90 % of the devices the session could reach', () => {
    const reachable = 60 - planned.statusCounts.Initial; // the earliest booking loses no reachable device
    const at90 = simulate(nearFleet(60, { ...QUIET, multicastGroup: { sessionStart: Math.ceil(planned.leadTimeFor90S!) } }));
    const joined = 60 - at90.summary.statusCounts.Initial;
    expect(joined).toBeGreaterThanOrEqual(Math.ceil(0.9 * reachable));
    expect(joined).toBeLessThan(reachable + 1);
  });

  it('counts ISO times and seconds from the campaign start, which may come after simulation time 0', () => {
    const later = simulate(nearFleet(10, { ...QUIET, fuotaTask: { startTimeS: 500 }, multicastGroup: { sessionStart: 3000 } }));
    expect(later.summary.sessionStartS).toBe(3000);
    expect(later.phases.find((p) => p.phase === 'distribution')!.startS).toBe(3500);
  });
});

describe('ChirpStack v4 ("chirpstack")', () => {
  // fec v2 makes FragSessionSetupReq 30 B of PHYPayload, told apart from the 24 B McClassCSessionReq
  const r = simulate(nearFleet(20, { ...QUIET, fuotaTask: { fec: 'v2' }, multicastGroup: { sessionStart: 'chirpstack' } }));
  const startS = r.summary.sessionStartS!;
  const stepS = startS - 4 * 900; // the session step's first run: (maxRetries + 1) = 4 uplink intervals before

  it('fixes the start when its session step first runs, after the group steps, each a whole number of uplink intervals', () => {
    expect(stepS % 900).toBe(0);
    expect(stepS).toBeGreaterThanOrEqual(2 * 900); // McGroupSetup and FragSessionSetup take one interval at least
    const down = frames(r, (f) => f.node >= 0 && f.kind === 'setup');
    const groupSetup = down.filter((f) => f.phyBytes === 43);
    const fragSetup = down.filter((f) => f.phyBytes === 30);
    const session = down.filter((f) => f.phyBytes === 24);
    expect(groupSetup.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...groupSetup.map((f) => f.startUs))).toBeLessThan(Math.min(...fragSetup.map((f) => f.startUs)));
    expect(Math.max(...fragSetup.map((f) => f.startUs)) / 1e6).toBeLessThan(stepS);
    expect(Math.min(...session.map((f) => f.startUs)) / 1e6).toBeGreaterThanOrEqual(stepS);
  });

  it('sends no PackageVersionReq and forces no clock resync (the devices synchronise by themselves)', () => {
    const sizes = new Set(frames(r, (f) => f.node >= 0 && f.kind === 'setup' && f.startUs < startS * 1e6).map((f) => f.phyBytes));
    expect(sizes.has(14)).toBe(false); // PackageVersionReq
    expect(sizes.has(15)).toBe(false); // ForceDeviceResyncReq
    expect(sizes.has(19)).toBe(true); // AppTimeAns
    expect(r.summary.devicesUpdated).toBeGreaterThanOrEqual(18);
  });
});
