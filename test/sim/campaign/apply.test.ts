import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { countStatuses, frames, nearFleet } from './fleet.js';

describe('apply: report, reboot and version check', () => {
  it('calls a device Successful only after its reboot, confirmed by DevVersionAns rebootDelayS after the report', () => {
    const s = nearFleet(25, { setup: { mode: 'instant' }, completion: { rebootDelayS: 120 } });
    const r = simulate(s);
    const ok = r.devices.status.filter((st) => st === 'Successful').length;
    expect(ok).toBeGreaterThanOrEqual(23);
    for (let d = 0; d < 25; d++) {
      if (r.devices.status[d] !== 'Successful') continue;
      const own = frames(r, (f) => f.node === -d - 1);
      const decodedUs = r.devices.decodedAtS[d] * 1e6;
      // its report (a FragSessionStatusAns) after rebuilding, DevRebootTimeAns, then DevVersionAns (9 + 13 bytes)
      const report = own.find((f) => f.kind === 'status' && f.startUs >= decodedUs)!;
      expect(report).toBeDefined();
      const rebootAns = own.find((f) => f.kind === 'setup' && f.phyBytes === 18 && f.startUs > report.startUs)!;
      expect(rebootAns).toBeDefined();
      const version = own.find((f) => f.kind === 'setup' && f.phyBytes === 22)!;
      expect(version).toBeDefined();
      expect(version.startUs).toBeGreaterThanOrEqual(report.endUs + 120e6);
    }
    const apply = r.phases.find((p) => p.phase === 'apply')!;
    expect(apply.startS).toBeGreaterThan(r.phases.find((p) => p.phase === 'distribution')!.startS);
    expect(r.summary.campaignDurationS).toBeGreaterThanOrEqual(apply.endS - s.fuotaTask.startTimeS);
    // the time-to metrics stay "rebuilt and verified", not "rebooted"
    expect(r.summary.timeTo50S!).toBeLessThan(apply.endS);
  });

  it('refuses an image that is not newer than the devices\' firmware (Wrong_descriptor), payload sample included', () => {
    const r = simulate(nearFleet(20, { setup: { mode: 'instant' }, devices: { firmwareVersion: '1.4.0' }, simulation: { payloadSampleDevices: 5 } }));
    const statuses = countStatuses(r);
    expect(statuses.get('Wrong_descriptor') ?? 0).toBeGreaterThanOrEqual(18);
    expect(r.summary.devicesUpdated).toBe(0);
    expect(r.summary.timeTo50S).toBeNull();
    // they rebuilt the image: the refusal comes after decoding
    for (let d = 0; d < 20; d++) if (r.devices.status[d] === 'Wrong_descriptor') expect(Number.isNaN(r.devices.decodedAtS[d])).toBe(false);
  });

  it('verifies an ECDSA-signed image for real on the payload sample, and reports a tampered one as MICError', () => {
    const base = { setup: { mode: 'instant' as const }, firmware: { signature: 'ecdsa-p256' as const }, simulation: { payloadSampleDevices: 20 } };
    const good = simulate(nearFleet(20, base));
    expect(countStatuses(good).get('Successful') ?? 0).toBeGreaterThanOrEqual(18);
    expect(good.summary.nbFrag).toBe(Math.ceil((4096 + 117) / 200)); // image + manifest with a 64-byte signature
    const bad = simulate(nearFleet(20, { ...base, firmware: { ...base.firmware, tamperBytes: 1 } }));
    expect(countStatuses(bad).get('MICError') ?? 0).toBeGreaterThanOrEqual(18);
    expect(bad.summary.devicesUpdated).toBe(0);
  });

  it('reports the MemoryError and MICError roles of a TS004 v2 fleet after they rebuild the data block', () => {
    const r = simulate(nearFleet(120, { setup: { mode: 'instant' }, fuotaTask: { fec: 'v2' }, devices: { mix: { memoryError: 0.2, micError: 0.2 } } }));
    const statuses = countStatuses(r);
    for (const st of ['MemoryError', 'MICError'] as const) {
      expect(statuses.get(st) ?? 0).toBeGreaterThan(12);
      expect(statuses.get(st) ?? 0).toBeLessThan(40);
    }
    for (let d = 0; d < 120; d++) {
      if (r.devices.status[d] === 'MICError') expect(r.devices.fragmentsNeeded[d]).toBeGreaterThanOrEqual(r.summary.nbFrag);
    }
  });
});
