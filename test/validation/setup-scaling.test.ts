/**
 * Validation case 6: setting up N devices over class A through one gateway is limited by the
 * gateway's duty cycle in the receive-window sub-bands: RX1 on the uplink channel (EU868 sub-band M
 * for 868.1–868.5 MHz and sub-band L for the CFList channels 867.1–867.9 MHz, 1 % each) and RX2 at
 * 869.525 MHz DR0 (sub-band P, 10 %), lorawan-facts 2.3, 2.5
 * (scenarios/validation/setup-scaling.json). docs/validation.md, case 6.
 */
import { describe, expect, it } from 'vitest';
import { HOUR_US, setupSecondsPerDevice } from '../../bench/validation/closed-form.js';
import { SETUP_DOWNLINK_PHY_BYTES, SUB_BAND_L, SUB_BAND_M, meanSetupDownlinkAirtimeUs, measureSetupScaling } from '../../bench/validation/measure-campaign.js';
import { SUB_BAND_P } from '../../bench/validation/measure-distribution.js';

const rows = measureSetupScaling();
/** The three receive-window sub-bands with the mean airtime of the six setup downlinks: RX1 at DR5 (SF7) in M and L, RX2 at DR0 (SF12). */
const bands = [
  { dutyCycle: SUB_BAND_M.dutyCycle, meanAirtimeUs: meanSetupDownlinkAirtimeUs(7, 125_000) },
  { dutyCycle: SUB_BAND_L.dutyCycle, meanAirtimeUs: meanSetupDownlinkAirtimeUs(7, 125_000) },
  { dutyCycle: SUB_BAND_P.dutyCycle, meanAirtimeUs: meanSetupDownlinkAirtimeUs(12, 125_000) },
];

describe('setup phase scaling through one gateway (N = 100, 500, 1000)', () => {
  it('needs at least six downlinks per device and gets most devices set up', () => {
    expect(rows.map((r) => r.devices)).toEqual([100, 500, 1000]);
    expect(SETUP_DOWNLINK_PHY_BYTES).toHaveLength(6);
    for (const r of rows) {
      expect(r.downlinksPerDevice).toBeGreaterThanOrEqual(6);
      // premise: the bulk of the fleet goes through setup (978 of 1000; the rest are given up, see the doc)
      expect(r.devicesUpdated / r.devices).toBeGreaterThan(0.8);
    }
  });

  it('never beats the duty-cycle bound: at most dc · 3600 s of airtime per sub-band in any hour', () => {
    // over a setup of length S there are ceil(S / 1 h) disjoint hours, each with at most dc · 1 h
    for (const r of rows) {
      for (const [use, dc] of [[r.rx1M, SUB_BAND_M.dutyCycle], [r.rx1L, SUB_BAND_L.dutyCycle], [r.rx2, SUB_BAND_P.dutyCycle]] as const) {
        expect(use.airtimeUs).toBeLessThanOrEqual(dc * HOUR_US * Math.ceil((r.setupDurationS * 1e6) / HOUR_US));
      }
    }
  });

  it('grows linearly once the sub-bands are saturated: twice the devices, twice the time (within 10 %)', () => {
    expect(rows[2].setupDurationS / rows[1].setupDurationS).toBeGreaterThan(1.8);
    expect(rows[2].setupDurationS / rows[1].setupDurationS).toBeLessThan(2.2);
  });

  // Tolerance: the first-principles slope assumes the sub-bands carry setup downlinks at 100 % of
  // their duty cycle, with the average message in each; it is a best case, so the run may not be
  // faster than it by more than the 5 % the message mix of each sub-band can shift it. The run
  // fills the sub-bands to about 90 %: a downlink may only go in the windows of an uplink, and an
  // uplink arriving while the ledger is full wastes its windows. Hence up to 20 % slower.
  it('grows by (downlinks per device) / (0.01 / a_M + 0.01 / a_L + 0.1 / a_P) seconds per device, within -5 % / +20 %', () => {
    const marginal = (rows[2].downlinksPerDevice * 1000 - rows[1].downlinksPerDevice * 500) / 500;
    const predicted = setupSecondsPerDevice(marginal, bands);
    const slope = (rows[2].setupDurationS - rows[1].setupDurationS) / 500;
    expect(slope / predicted).toBeGreaterThan(0.95);
    expect(slope / predicted).toBeLessThan(1.2);
  });

  it('would take 14.4 s per device with no retry (6 downlinks); retries after lost answers add the rest', () => {
    expect(setupSecondsPerDevice(6, bands)).toBeCloseTo(14.43, 2);
    const slope = (rows[2].setupDurationS - rows[1].setupDurationS) / 500;
    expect(slope).toBeGreaterThan(setupSecondsPerDevice(6, bands));
  });
});
