/**
 * Class B beacons at a device hearing several gateways: every gateway beacons at the same GPS
 * instant; the device hears a beacon when the strongest gateway's reaches it, and the other
 * gateways' simultaneous beacons are not interference (src/sim/beacons.ts, docs/models/class-b.md).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';

// log-distance (PL(40 m) = 127.41 dB, γ = 2.08): 800 m costs 154.47 dB, so both 27 dBm gateways
// arrive at −127.47 dBm, 1.5 dB over the SX1276 SF9 sensitivity (−129 dBm), at equal power
const midway = (beaconExtraLoss: number) =>
  makeScenario({
    devices: { count: 1, placement: { kind: 'grid', spacingM: 50 } },
    gateways: { positions: [[-800, 0], [800, 0]] },
    channel: { shadowingSigmaDb: 0, beaconExtraLoss },
    multicastGroup: { dlClass: 'ClassB', dlDr: 3, pingSlotPeriod: 32 },
    fuotaTask: { fragmentSizeBytes: 100 },
    traffic: { uplinkIntervalS: 0 },
  });

describe('class B beacons from two gateways at equal power', () => {
  it('are heard by a device midway: it enters class B and, with its fragments combining, updates', () => {
    const r = simulate(midway(0));
    expect(r.devices.rssiDbm[0]).toBeCloseTo(-127.47, 2);
    expect(r.summary.devicesUpdated).toBe(1);
  });

  it('matter: without any beacon the same device never listens to a ping slot', () => {
    const r = simulate(midway(1));
    expect(r.summary.devicesUpdated).toBe(0);
    expect(r.devices.fragmentsReceived[0]).toBe(0);
  });
});
