import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { countStatuses, frames, nearFleet } from './fleet.js';

describe('unicast mode', () => {
  // 48-byte fragments fit RX2 at DR0 (51-byte FRMPayload), as unicast needs
  const fleet = (mode: 'multicast' | 'unicast') =>
    nearFleet(40, { fuotaTask: { mode, fragmentSizeBytes: 48, fragIndex: mode === 'unicast' ? 0 : 1 }, firmware: { sizeBytes: 2000 } });

  it('sends each device its fragments as class A downlinks, one per uplink window, far slower than multicast', () => {
    const multi = simulate(fleet('multicast'));
    const uni = simulate(fleet('unicast'));
    expect(countStatuses(uni).get('Successful') ?? 0).toBeGreaterThanOrEqual(36);
    expect(countStatuses(multi).get('Successful') ?? 0).toBeGreaterThanOrEqual(36);
    expect(uni.summary.distributionDurationS).toBeGreaterThan(20 * multi.summary.distributionDurationS);
    // even though multicast waits for the whole fleet's setup and a margin before its session
    expect(uni.summary.timeTo90S!).toBeGreaterThan(multi.summary.timeTo90S!);
    expect(uni.summary.campaignDurationS).toBeGreaterThan(multi.summary.campaignDurationS);

    const uplinkEnds = new Set(frames(uni, (f) => f.node < 0).map((f) => Math.round(f.endUs)));
    const fragments = frames(uni, (f) => f.node >= 0 && (f.kind === 'fragment' || f.kind === 'repair'));
    // at least M fragments to each device that rebuilt the image (the server stops at its report),
    // each 1 s (RX1) or 2 s (RX2) after an uplink
    expect(fragments.length).toBeGreaterThanOrEqual(uni.summary.devicesUpdated * uni.summary.nbFrag);
    for (const f of fragments) {
      expect(uplinkEnds.has(Math.round(f.startUs - 1e6)) || uplinkEnds.has(Math.round(f.startUs - 2e6))).toBe(true);
      expect(f.phyBytes).toBe(48 + 3 + 13);
    }
    // no multicast session: no group frames, no clock sync or session setup (no 43-byte McGroupSetupReq)
    expect(frames(uni, (f) => f.node >= 0 && f.phyBytes === 43)).toHaveLength(0);
    // the duty cycle of the gateway, not the server's pace, sets the speed: it is used up in RX1 or RX2
    expect(uni.summary.downlinkAirtimeS).toBeGreaterThan(5 * multi.summary.downlinkAirtimeS);
  });

  it('gives up at once on devices whose receive windows cannot carry the fragment', () => {
    // 3 km out the devices send at SF11/SF12: RX1 and RX2 both at DR0/DR1 carry 51 bytes, not 203
    const s = nearFleet(6, { fuotaTask: { mode: 'unicast', fragmentSizeBytes: 200, fragIndex: 0 }, devices: { placement: { kind: 'ring', minM: 2900, maxM: 3000, centerM: [0, 0] } } });
    const r = simulate(s);
    expect(r.devices.status.every((st) => st === 'MissingFrag')).toBe(true);
    expect(frames(r, (f) => f.kind === 'fragment')).toHaveLength(0);
    expect(r.summary.fragmentsSent).toBe(0);
  });

  it('answers FPending with an empty uplink that opens the next window', () => {
    const uni = simulate(fleet('unicast'));
    const empty = frames(uni, (f) => f.node < 0 && f.kind === 'uplink' && f.phyBytes === 12);
    expect(empty.length).toBeGreaterThan(uni.summary.nbFrag * 5);
  });
});
