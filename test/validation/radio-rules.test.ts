/**
 * Validation cases 9–14 (docs/validation.md): the LoRaWAN rules that move the campaign numbers,
 * each against a closed form or the reference tables (bench/validation/aloha.ts, measure-radio.ts;
 * scenarios in scenarios/validation/).
 */
import { describe, expect, it } from 'vitest';
import { alohaRun } from '../../bench/validation/aloha.js';
import {
  checkBeacons, checkClassABursts, checkClassAWindows, checkClassCDeafness, measureBurstsInTime, measureGatewayChoice,
} from '../../bench/validation/measure-radio.js';
import { meanSetupDownlinkAirtimeUs } from '../../bench/validation/measure-campaign.js';

/** Binomial standard error of a share p estimated from n samples. */
const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('validation 9: uplink collisions under the EU868 network channel plan', () => {
  for (const G of [0.15, 0.5]) {
    it(`spreads uplinks over 8 channels: delivery e^(−2G) at G = ${G} per channel, not the 3-channel e^(−16G/3)`, () => {
      const n = 12_000;
      // 20 000 devices: each sends rarely, so its 1 % duty cycle per sub-band almost never steers it
      const r = alohaRun({ region: 'EU868', G, uplinks: n, devices: 20_000, seed: 7 });
      expect(r.channels).toBe(8);
      expect(r.perChannel.size).toBe(8);
      const expected = Math.exp(-2 * G);
      // tolerance: 4 binomial standard errors plus 0.01 for the finite fleet and the sub-band
      // steering (a device whose M budget is spent uses L): both far below the 3-channel gap
      expect(Math.abs(r.pdr - expected)).toBeLessThan(4 * se(expected, n) + 0.01);
      expect(r.pdr - Math.exp((-2 * G * 8) / 3)).toBeGreaterThan(0.2);
      // every channel carries an eighth of the load (within 5 standard errors)
      for (const k of r.perChannel.values()) expect(Math.abs(k / n - 1 / 8)).toBeLessThan(5 * se(1 / 8, n));
    });
  }
});

describe('validation 10: class A windows from the device profile, and AS923 DownlinkDwellTime', () => {
  it('starts every setup downlink 1 s or 2 s after its uplink, RX1 at max(0, DR − RxDrOffset1) on the uplink channel, RX2 at RxDataRate2 on RxFreq2', () => {
    const c = checkClassAWindows('classa-windows');
    expect(c.downlinks).toBeGreaterThan(700);
    expect(c.rx1).toBeGreaterThan(100);
    expect(c.rx2).toBeGreaterThan(100);
    expect(c.offRule).toBe(0); // exact: the rules are tables and integer microseconds
    expect(c.overPayload).toBe(0);
  });

  it('keeps every AS923 downlink (setup, fragments) within 400 ms and the dwell-time payload table when DownlinkDwellTime = 1', () => {
    const c = checkClassAWindows('classa-dwell');
    expect(c.downlinks).toBeGreaterThan(1000);
    expect(c.offRule).toBe(0);
    expect(c.overPayload).toBe(0);
    expect(c.longestUs).toBeLessThanOrEqual(400_000);
  });
});

describe('validation 11: class B beacons are never skipped', () => {
  it('sends a beacon at every 128 s GPS boundary from the first to the end of the session, duty cycle or not', () => {
    const b = checkBeacons();
    expect(b.missingPeriods).toBe(0);
    expect(b.expectedPerGateway).toBeGreaterThan(40);
    for (const n of b.sentPerGateway) expect(n).toBe(b.expectedPerGateway); // exact
  });
});

describe('validation 12: a class C device is deaf only while it transmits and during RX1; one frame at a time', () => {
  it('misses (A + F) / T + (W + F) / T of the fragments, not the former (A + 2 s + W1 + W2 + F) / T', () => {
    const c = checkClassCDeafness();
    expect(c.airtimeUplinkMs).toBe(71.936);
    expect(c.airtimeFragmentMs).toBe(394.496);
    expect(c.rx1WindowMs).toBe(25.576);
    const n = c.devices * c.fragments;
    // tolerance: 4 binomial standard errors; the uplink phases are uniform over the period, so the
    // closed form is the exact mean (the ±1 s period jitter has mean 0 and is absorbed in T)
    expect(Math.abs(c.missedShare - c.closedForm)).toBeLessThan(4 * se(c.closedForm, n));
    expect(c.formerRule / c.closedForm).toBeGreaterThan(3);
    expect(c.selfOverlaps).toBe(0);
  });
});

describe('validation 13: class A downlinks on the multicast channel, through any gateway that heard the uplink', () => {
  it('loses class A frames and multicast fragments alike to the burst process: πB·lossBad', () => {
    const c = checkClassABursts();
    const loss = c.piBad; // lossBad 1, lossGood 0
    expect(c.freshSent).toBeGreaterThan(2000);
    // fresh class A frames (the state is stationary): 4 binomial standard errors
    expect(Math.abs(1 - c.freshDelivered / c.freshSent - loss)).toBeLessThan(4 * se(loss, c.freshSent));
    // fragments: the process is correlated over τ = 1 / (1/20 + 1/180) = 18 s, so the share of
    // bad time over L device-seconds has a standard error √(2 πB πG τ / L) ≈ 0.0025 here; the
    // devices also miss (A + F + W + F) / 300 s ≈ 0.3 % to their own uplinks; 4 standard errors
    const fragLoss = 1 - c.fragmentsHeard / c.fragmentsPossible;
    const expected = 1 - (1 - loss) * (1 - 0.886504 / 300);
    expect(Math.abs(fragLoss - expected)).toBeLessThan(0.01);
    // the frames that follow a success a few seconds later are lost less often: a chain, as in time
    expect(1 - c.classADelivered / c.classASent).toBeLessThan(loss);
  });

  it('sends through the second gateway when the first has no duty cycle left: setup within [N·D / 2C, N·D / C)', () => {
    const [one, two] = measureGatewayChoice();
    const a1 = meanSetupDownlinkAirtimeUs(7, 125_000) / 1e6;
    const a2 = meanSetupDownlinkAirtimeUs(12, 125_000) / 1e6;
    const perGatewayPerS = 0.01 / a1 + 0.01 / a1 + 0.1 / a2; // sub-bands M, L (RX1) and P (RX2)
    expect(one.fallbackAnswers).toBe(0);
    expect(one.setupDurationS).toBeGreaterThanOrEqual((one.devices * one.downlinksPerDevice) / perGatewayPerS);
    expect(two.fallbackAnswers).toBeGreaterThan(0);
    expect(Math.min(...two.perGateway)).toBeGreaterThan(0.3 * two.downlinksPerDevice * two.devices);
    // closed-form bracket: never faster than two gateways' budgets allow, faster than one's
    expect(two.setupDurationS).toBeGreaterThanOrEqual((two.devices * two.downlinksPerDevice) / (2 * perGatewayPerS));
    expect(two.setupDurationS).toBeLessThan((two.devices * two.downlinksPerDevice) / perGatewayPerS);
  });
});

describe('validation 14: Gilbert–Elliott bursts as a process in time', () => {
  it('gives class B and class C the same channel: loss πB·lossBad, and P(stay bad) = πB + πG·e^(−(λ+μ)Δ) at each class\'s frame spacing', () => {
    const rows = measureBurstsInTime();
    expect(rows.map((r) => r.dlClass)).toEqual(['ClassC', 'ClassB']);
    expect(rows[1].meanSpacingS / rows[0].meanSpacingS).toBeGreaterThan(3.5); // 16 s against 4 s
    for (const r of rows) {
      // the conditional share: binomial over the bad pairs, 4 standard errors
      expect(Math.abs(r.stayBad - r.stayBadPredicted)).toBeLessThan(4 * se(r.stayBadPredicted, r.badPairs));
      // the share lost: the bad share of 50 devices × the session, standard error ≈ 0.002; 0.01
      expect(Math.abs(r.lostShare - r.piBad)).toBeLessThan(0.01);
    }
    // per-frame stepping would give both classes the same P(stay bad); in time they differ as e^(−(λ+μ)Δ)
    expect(rows[0].stayBadPredicted - rows[1].stayBadPredicted).toBeGreaterThan(0.3);
  });
});
