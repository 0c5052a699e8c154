import { describe, expect, it } from 'vitest';
import { deviceRole } from '../../../src/sim/mix.js';
import { simulate } from '../../../src/sim/simulate.js';
import { isoToGpsUs } from '../../../src/lorawan/gps.js';
import { countStatuses, frames, nearFleet, type Frame } from './fleet.js';

const RX2_HZ = 869_525_000;

/** Whether some uplink ended exactly 1 s (RX1) or 2 s (RX2) before the downlink started. */
function opensAfterUplink(downlink: Frame, uplinkEnds: Float64Array): boolean {
  for (const delayUs of [1e6, 2e6]) {
    const want = downlink.startUs - delayUs;
    let lo = 0;
    let hi = uplinkEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (uplinkEnds[mid] < want - 1) lo = mid + 1;
      else hi = mid;
    }
    if (lo < uplinkEnds.length && Math.abs(uplinkEnds[lo] - want) <= 1) return true;
  }
  return false;
}

describe('setup over class A', () => {
  it('sets a close fleet up with the real TS005/TS004/TS003 messages, each request in the windows of an uplink', () => {
    const r = simulate(nearFleet(30));
    const statuses = countStatuses(r);
    expect((statuses.get('Successful') ?? 0) + (statuses.get('MissingFrag') ?? 0)).toBe(30);
    expect(statuses.get('Successful') ?? 0).toBeGreaterThanOrEqual(27);
    expect(r.summary.setupDurationS).toBeGreaterThan(0);

    const uplinkEnds = Float64Array.from(frames(r, (f) => f.node < 0).map((f) => f.endUs)).sort();
    const down = frames(r, (f) => f.node >= 0 && f.kind === 'setup');
    for (const f of down) expect(opensAfterUplink(f, uplinkEnds)).toBe(true);
    // PHYPayload = FRMPayload + 13: PackageVersionReq / DevVersionReq 1, McGroupSetupReq 30,
    // FragSessionSetupReq and McClassCSessionReq 11, AppTimeAns 6, DevRebootTimeReq 5, and
    // ForceDeviceResyncReq 2 for a device whose own clock sync the server did not see through
    const downSizes = new Set(down.map((f) => f.phyBytes));
    expect([...downSizes].every((b) => [14, 43, 24, 15, 19, 18].includes(b))).toBe(true);
    for (const b of [14, 43, 24, 19, 18]) expect(downSizes.has(b)).toBe(true);
    // answers: PackageVersionAns 3, McGroupSetupAns / FragSessionSetupAns 2, AppTimeReq 6,
    // McClassCSessionAns and DevRebootTimeAns 5, DevVersionAns 9
    const upSizes = new Set(frames(r, (f) => f.node < 0 && f.kind === 'setup').map((f) => f.phyBytes));
    expect([...upSizes].sort()).toEqual([15, 16, 18, 19, 22]);
    // one McGroupSetupReq reached each device at least
    expect(down.filter((f) => f.phyBytes === 43).length).toBeGreaterThanOrEqual(30);
  });

  it('takes longer for 500 devices than for 100 through one gateway, as the downlink duty cycle requires', () => {
    const over = { devices: { placement: { kind: 'disc' as const, radiusM: 500, centerM: [0, 0] as [number, number] } }, completion: { statusRequest: false } };
    const small = simulate(nearFleet(100, over));
    const large = simulate(nearFleet(500, over));
    expect(large.summary.setupDurationS).toBeGreaterThan(small.summary.setupDurationS);
    // airtime of the setup downlinks per sub-band: RX1 on the uplink channel, 868.1-868.5 MHz (sub-band M,
    // 1 %) or the CFList channels 867.1-867.9 MHz (sub-band L, 1 %, its own budget), RX2 on 869.525 MHz
    // (10 %); a sliding one-hour ledger lets at most dc · 3600 s through per hour, so T ≥ airtime / dc − 3600 s
    const setupEndUs = large.summary.setupDurationS * 1e6;
    const setupDown = frames(large, (f) => f.node >= 0 && f.kind === 'setup' && f.startUs <= setupEndUs);
    const airS = (keep: (hz: number) => boolean) => setupDown.filter((f) => keep(f.frequencyHz)).reduce((a, f) => a + (f.endUs - f.startUs) / 1e6, 0);
    const rxM = airS((hz) => hz >= 868_000_000 && hz < 868_600_000);
    const rxL = airS((hz) => hz >= 865_000_000 && hz < 868_000_000);
    const rx2S = airS((hz) => hz === RX2_HZ);
    expect(rxM).toBeGreaterThan(0);
    expect(rxL).toBeGreaterThan(0);
    expect(rxM + rxL + rx2S).toBeCloseTo(airS(() => true), 6);
    const rx1BoundS = Math.max(rxM, rxL) / 0.01 - 3600;
    expect(large.summary.setupDurationS).toBeGreaterThanOrEqual(rx1BoundS);
    expect(large.summary.setupDurationS).toBeGreaterThanOrEqual(rx2S / 0.1 - 3600);
    // the RX1 duty cycle alone forbids setting the large fleet up as fast as the small one
    expect(rx1BoundS).toBeGreaterThan(small.summary.setupDurationS);
  });

  it('reports Package_Not_Supported only for devices whose PackageVersionAns names a version the server does not run', () => {
    const positions: Array<[number, number]> = Array.from({ length: 40 }, (_, i) => [50 + i * 5, 0]);
    positions.push([60_000, 0]); // far beyond reach: its uplinks never reach the gateway
    const s = nearFleet(41, { devices: { placement: { kind: 'list', positions }, mix: { noPackage: 0.25 } } });
    const r = simulate(s);
    const noPackage = r.devices.status.flatMap((st, d) => (st === 'Package_Not_Supported' ? [d] : []));
    // exactly the devices of that role in reach (the role is drawn per device, mix.ts)
    const roles = Array.from({ length: 40 }, (_, d) => d).filter((d) => deviceRole(s, d) === 'Package_Not_Supported');
    expect(noPackage).toEqual(roles);
    expect(roles.length).toBeGreaterThanOrEqual(4);
    expect(r.devices.status[40]).toBe('Initial');
    for (const d of [...noPackage, 40]) expect(r.devices.fragmentsReceived[d]).toBe(0);
    expect(r.summary.statusCounts.Package_Not_Supported).toBe(roles.length);
    expect(countStatuses(r).get('Successful') ?? 0).toBeGreaterThan(20);
  });

  it('leaves a device whose requests or answers were lost Initial, never Package_Not_Supported', () => {
    // half of the class A downlinks lost: some devices miss every PackageVersionReq the server sends
    const r = simulate(nearFleet(40, { channel: { extraLoss: 0.5 }, completion: { statusRequest: false } }));
    expect(r.summary.statusCounts.Package_Not_Supported).toBe(0);
    expect(r.summary.statusCounts.Initial).toBeGreaterThan(0);
  });

  it('starts a class B session on a beacon boundary', () => {
    const s = nearFleet(10, { multicastGroup: { dlClass: 'ClassB', dlDr: 3 }, fuotaTask: { fragmentSizeBytes: 100 }, completion: { statusRequest: false } });
    const r = simulate(s);
    const startS = r.phases.find((p) => p.phase === 'distribution')!.startS;
    expect((isoToGpsUs(s.startTime) + startS * 1e6) % 128e6).toBe(0);
    expect(r.summary.devicesUpdated).toBeGreaterThan(0);
  });
});
