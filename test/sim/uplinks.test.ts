import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';
import { RX2_DELAY_US } from '../../src/lorawan/classa.js';
import { TX_KINDS } from '../../src/sim/types.js';

/** Per device: its uplinks [start, end] in start order. */
function uplinks(t: ReturnType<typeof simulate>['transmissions']): Map<number, Array<[number, number, number]>> {
  const out = new Map<number, Array<[number, number, number]>>();
  for (let i = 0; i < t.count; i++) {
    if (t.node[i] >= 0) continue;
    const l = out.get(-t.node[i] - 1) ?? [];
    l.push([t.startUs[i], t.startUs[i] + t.airtimeUs[i], t.frequencyHz[i]]);
    out.set(-t.node[i] - 1, l);
  }
  for (const l of out.values()) l.sort((a, b) => a[0] - b[0]);
  return out;
}

describe('the uplink medium, device side', () => {
  it('never lets a device start a frame before its previous class A exchange is over (background and campaign uplinks alike)', () => {
    const s = makeScenario({
      devices: { count: 60, placement: { kind: 'disc', radiusM: 300, centerM: [0, 0] } },
      setup: { mode: 'classA', answerDelayS: 1 },
      traffic: { uplinkIntervalS: 20 },
      completion: { statusRequest: true },
      outputs: { transmissions: true },
    });
    const r = simulate(s);
    let pairs = 0;
    let close = 0;
    for (const l of uplinks(r.transmissions).values()) {
      for (let k = 1; k < l.length; k++) {
        pairs++;
        // RX2 opens 2 s after the end of the uplink; the frame never starts before it has closed
        expect(l[k][0]).toBeGreaterThan(l[k - 1][1] + RX2_DELAY_US);
        if (l[k][0] < l[k - 1][1] + RX2_DELAY_US + 1e6) close++;
      }
    }
    expect(pairs).toBeGreaterThan(2000);
    expect(close).toBeGreaterThan(0); // the rule binds: answers and background uplinks meet
  });

  it('keeps each EU868 sub-band\'s 1 % off-time per device, using the other sub-band meanwhile', () => {
    const s = makeScenario({
      devices: { count: 20, placement: { kind: 'disc', radiusM: 4000, centerM: [0, 0] } },
      traffic: { uplinkIntervalS: 30, payloadBytes: 40 },
      outputs: { transmissions: true },
    });
    const r = simulate(s);
    let both = 0;
    for (const l of uplinks(r.transmissions).values()) {
      for (const band of [[868e6, 868.6e6], [865e6, 868e6]]) {
        const inBand = l.filter((u) => u[2] >= band[0] && u[2] < band[1]);
        for (let k = 1; k < inBand.length; k++) {
          // ETSI off-time: the next frame in the sub-band starts ToA / 1 % after the previous one's start
          expect(inBand[k][0]).toBeGreaterThanOrEqual(inBand[k - 1][0] + (inBand[k - 1][1] - inBand[k - 1][0]) / 0.01 - 1e-6);
        }
      }
      for (let k = 1; k < l.length; k++) {
        const m = (f: number) => f >= 868e6;
        if (m(l[k][2]) !== m(l[k - 1][2]) && l[k][0] < l[k - 1][0] + (l[k - 1][1] - l[k - 1][0]) / 0.01) both++;
      }
    }
    expect(both).toBeGreaterThan(0); // a device held back on one sub-band sent on the other
  });

  it('uses only the 8 + 1 channels of the gateways\' US915 sub-band (sub-band 2 by default)', () => {
    const s = makeScenario({
      region: 'US915',
      multicastGroup: { dlDr: 13, dlFreq: 923300000 },
      devices: { count: 30, rxDataRate2: 8, rxFreq2: 923300000 },
      gateways: { subBands: [2] },
      traffic: { uplinkIntervalS: 120 },
      outputs: { transmissions: true },
    });
    const t = simulate(s).transmissions;
    const seen = new Set<number>();
    for (let i = 0; i < t.count; i++) if (t.node[i] < 0) seen.add(t.frequencyHz[i]);
    expect([...seen].sort()).toEqual([903.9, 904.1, 904.3, 904.5, 904.7, 904.9, 905.1, 905.3].map((f) => Math.round(f * 1e6)));
    const s7 = makeScenario({ ...s, gateways: { ...s.gateways, subBands: [7] } });
    const t7 = simulate(s7).transmissions;
    // sub-band 7: channels 48..55, 911.9–913.3 MHz
    let n7 = 0;
    for (let i = 0; i < t7.count; i++) {
      if (t7.node[i] >= 0 || TX_KINDS[t7.kind[i]] !== 'uplink') continue;
      n7++;
      expect(t7.frequencyHz[i]).toBeGreaterThanOrEqual(911_900_000);
      expect(t7.frequencyHz[i]).toBeLessThanOrEqual(913_300_000);
    }
    expect(n7).toBeGreaterThan(100);
  });
});
