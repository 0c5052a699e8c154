import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { LOSSY, frames, nearFleet } from './fleet.js';

const RX2_HZ = 869_525_000;

describe('status and repair rounds', () => {
  it('spreads the FragSessionStatusAns answers uniformly over 2^(BlockAckDelay+4) s after the request', () => {
    // no coded fragment and a lossy channel: nobody rebuilds, every member still listens and answers
    const s = nearFleet(60, {
      setup: { mode: 'instant' },
      traffic: { uplinkIntervalS: 0 },
      fuotaTask: { blockAckDelay: 2, redundancyPercent: 0 },
      channel: { extraLoss: 0.3 },
    });
    const r = simulate(s);
    expect(r.summary.devicesUpdated).toBe(0);
    const requests = frames(r, (f) => f.kind === 'status' && f.node >= 0);
    expect(requests).toHaveLength(1); // one gateway, one round (no repair rounds)
    expect(requests[0].phyBytes).toBe(15); // FragSessionStatusReq: CID + 1 byte, + 13
    const windowUs = 2 ** (2 + 4) * 1e6;
    const answers = frames(r, (f) => f.kind === 'status' && f.node < 0);
    // about 70 % of the 60 members hear the request through the 30 % loss
    expect(answers.length).toBeGreaterThan(30);
    expect(answers.length).toBeLessThanOrEqual(60);
    expect(new Set(answers.map((f) => f.node)).size).toBe(answers.length); // one answer per device
    const delays = answers.map((f) => (f.startUs - requests[0].endUs) / windowUs).sort((a, b) => a - b);
    expect(delays[0]).toBeGreaterThanOrEqual(0);
    expect(delays.at(-1)!).toBeLessThanOrEqual(1);
    // uniform: each quarter of the window holds some answers, none holds most of them
    for (let q = 0; q < 4; q++) {
      const inQuarter = delays.filter((x) => x >= q / 4 && x < (q + 1) / 4).length;
      expect(inQuarter).toBeGreaterThan(delays.length / 10);
      expect(inQuarter).toBeLessThan(delays.length / 2);
    }
    for (const f of answers) expect(f.phyBytes).toBe(18); // FragSessionStatusAns: CID + 4 bytes, + 13
  });

  it('raises the updated ratio with repair rounds sized from the worst reported deficit', () => {
    const lossy = { ...LOSSY, setup: { mode: 'instant' as const }, traffic: { uplinkIntervalS: 0 } };
    const plain = simulate(nearFleet(80, { ...lossy, completion: { repairRounds: 0 } }));
    const repaired = simulate(nearFleet(80, { ...lossy, completion: { repairRounds: 3 } }));
    expect(repaired.summary.updatedRatio).toBeGreaterThan(plain.summary.updatedRatio + 0.1);
    const { nbFrag, fragmentsCoded } = repaired.summary;
    const planned = nbFrag + fragmentsCoded;
    const repairNs = [...new Set(frames(repaired, (f) => f.kind === 'repair').map((f) => f.n))].sort((a, b) => a - b);
    expect(repairNs.length).toBeGreaterThan(0);
    // the counter goes on after M + R, without gaps, and fragmentsSent counts every N sent
    expect(repairNs[0]).toBe(planned + 1);
    expect(repairNs.at(-1)! - repairNs[0] + 1).toBe(repairNs.length);
    expect(repaired.summary.fragmentsSent).toBe(planned + repairNs.length);
    expect(plain.summary.fragmentsSent).toBe(planned);
    // every repair round is followed by another status request
    const rounds = repaired.phases.filter((p) => p.phase === 'repair');
    const statusRounds = repaired.phases.filter((p) => p.phase === 'status');
    expect(statusRounds.length).toBe(rounds.length + 1);
    for (const rp of rounds) expect(statusRounds.some((st) => st.startS >= rp.endS)).toBe(true);
  });

  it('sends class A unicast repair fragments to the devices that still miss some after the last round', () => {
    const lossy = { ...LOSSY, setup: { mode: 'instant' as const }, traffic: { uplinkIntervalS: 300 } };
    const plain = simulate(nearFleet(40, lossy));
    const unicast = simulate(nearFleet(40, { ...lossy, completion: { unicastRepair: true } }));
    const repairs = frames(unicast, (f) => f.kind === 'repair');
    expect(repairs.length).toBeGreaterThan(0);
    const sessionEndUs = (unicast.phases.find((p) => p.phase === 'distribution')!.startS + unicast.scenario.multicastGroup.sessionTimeoutS) * 1e6;
    // class A: on the RX1 channels (the uplink channels, 867.1–868.5 MHz) or in RX2, never as group frames
    for (const f of repairs) expect(f.frequencyHz === RX2_HZ || (f.frequencyHz >= 867.1e6 && f.frequencyHz <= 868.5e6)).toBe(true);
    expect(repairs.some((f) => f.frequencyHz !== RX2_HZ || f.startUs > sessionEndUs)).toBe(true);
    expect(unicast.summary.devicesUpdated).toBeGreaterThan(plain.summary.devicesUpdated);
    expect(unicast.summary.fragmentsSent).toBeGreaterThan(plain.summary.fragmentsSent);
  });
});
