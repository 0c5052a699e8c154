import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';

const ring = { count: 100, placement: { kind: 'ring' as const, minM: 80, maxM: 80, centerM: [0, 0] as [number, number] } };
const run = (lbt: boolean, powerDbm: number) => simulate(makeScenario({
  devices: { ...ring, lbt: { enabled: lbt, thresholdDbm: -80, senseMs: 5, maxBackoffMs: 30_000, maxAttempts: 4 } },
  channel: { externalLoad: { airtimeShare: 0.6, frameMs: 400, powerDbm, powerSigmaDb: 0, spreadingFactors: [7] } },
  traffic: { uplinkIntervalS: 60, uplinkDr: 5 },
  firmware: { sizeBytes: 4000 },
  setup: { mode: 'instant' },
  simulation: { maxDurationS: 600 },
  outputs: { transmissions: true },
}));

describe('listen before talk', () => {
  it('changes nothing about how often devices send when nothing they hear reaches −80 dBm', () => {
    expect(run(true, -100).summary.uplinks).toBe(run(false, -100).summary.uplinks);
  });

  it('moves uplinks to channels a loud foreign network leaves free, so fewer are lost to it', () => {
    const off = run(false, -60);
    const on = run(true, -60);
    // a 60 % foreign load at −60 dBm on each of the 8 channels: a random channel is busy more than
    // half the time, a sensed one rarely; a frame is never sent earlier than without LBT
    expect(on.summary.backgroundPdr!).toBeGreaterThan(off.summary.backgroundPdr! + 0.2);
    expect(on.summary.uplinks).toBeLessThanOrEqual(off.summary.uplinks);
  });
});
