import { describe, expect, it } from 'vitest';
import { successAt } from '../../src/radio/per.js';
import { simulate } from '../../src/sim/simulate.js';
import { SinrReceivers } from '../../src/sim/sinr-rx.js';
import { buildWorld } from '../../src/sim/world.js';
import { makeScenario } from '../helpers/scenario.js';

/** A fleet on a ring around one gateway at the radius where a fragment arrives at `snrDb`. */
function ringAtSnr(snrDb: number, reception: 'sinr' | 'threshold') {
  const base = makeScenario({ devices: { count: 300 }, channel: { shadowingSigmaDb: 0, reception }, traffic: { uplinkIntervalS: 0 }, fuotaTask: { redundancyPercent: 0 } });
  const rx = new SinrReceivers(base);
  const targetDbm = rx.deviceNoiseDbm(125_000) + snrDb;
  const pl = base.gateways.txPowerDbm + base.gateways.antennaGainDbi + base.devices.antennaGainDbi - targetDbm;
  const { d0M, pl0Db, gamma } = base.channel.pathLoss as { d0M: number; pl0Db: number; gamma: number };
  const r = d0M * 10 ** ((pl - pl0Db) / (10 * gamma));
  return makeScenario({ ...base, devices: { ...base.devices, placement: { kind: 'ring', minM: r, maxM: r, centerM: [0, 0] } } });
}

describe('SINR reception in a campaign', () => {
  // SF7 (DR5): the SNR where a fragment gets through half the time
  const probe = ringAtSnr(0, 'sinr');
  const table = new SinrReceivers(probe).downlinkTable(7, 125_000, buildWorld(probe).radio.fragmentPhyBytes);
  let lo = -15, hi = 0;
  for (let i = 0; i < 40; i++) { const m = (lo + hi) / 2; if (successAt(table, m) < 0.5) lo = m; else hi = m; }
  const mid = (lo + hi) / 2;
  // the SX1276 sensitivity (−123 dBm) as an SNR over its noise floor
  const sensSnr = -123 - new SinrReceivers(probe).deviceNoiseDbm(125_000);

  it('receives each fragment with the PER model\'s probability at the edge of coverage', () => {
    const snr = mid;
    const s = ringAtSnr(snr, 'sinr');
    const p = successAt(table, snr);
    const r = simulate(s);
    let got = 0;
    for (let d = 0; d < 300; d++) got += r.devices.fragmentsReceived[d];
    const share = got / (300 * r.summary.nbFrag);
    const se = Math.sqrt((p * (1 - p)) / (300 * r.summary.nbFrag));
    // tolerance: 4 binomial standard errors (the fragment count is fixed; the SNR is exact on the ring)
    expect(Math.abs(share - p), `received ${share}, PER model ${p}`).toBeLessThan(4 * se + 0.005);
  });

  it('threshold reception instead loses every fragment just below the sensitivity and none just above', () => {
    const below = simulate(ringAtSnr(sensSnr - 0.3, 'threshold'));
    expect(below.devices.fragmentsReceived.reduce((a, b) => a + b, 0)).toBe(0);
    const above = simulate(ringAtSnr(sensSnr + 0.3, 'threshold'));
    expect(Array.from(above.devices.decodedAtS).every((t) => Number.isFinite(t))).toBe(true);
  });

  it('is deterministic', () => {
    const s = ringAtSnr(mid, 'sinr');
    expect(simulate(s).summary).toEqual(simulate(s).summary);
    expect(mid).toBeLessThan(sensSnr + 1); // a long fragment needs more than the 10-byte test frame, but not much
  });
});
