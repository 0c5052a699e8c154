/**
 * Validation case 18: setup with setup.packCommands (scenarios/validation/setup-packed.json), the
 * same first-principles model as case 6 with the packed frames: four downlinks per device instead of
 * six, so each device adds (downlinks) / (0.01 / a_M + 0.01 / a_L + 0.1 / a_P) seconds. docs/validation.md, case 18.
 */
import { describe, expect, it } from 'vitest';
import { setupSecondsPerDevice } from '../../bench/validation/closed-form.js';
import { measureSetupScaling } from '../../bench/validation/measure-campaign.js';
import { PACKED_SETUP_DOWNLINK_PHY_BYTES } from '../../bench/validation/measure-session.js';
import { lorawanDownlinkAirtimeUs } from '../../src/radio/airtime.js';

const mean = (sf: number) => PACKED_SETUP_DOWNLINK_PHY_BYTES.reduce((a, b) => a + lorawanDownlinkAirtimeUs(sf, 125_000, b), 0) / PACKED_SETUP_DOWNLINK_PHY_BYTES.length;
/** RX1 at DR5 (SF7) in sub-bands M and L (1 % each, EU868 network plan), RX2 at DR0 (SF12) in P (10 %). */
const bands = [{ dutyCycle: 0.01, meanAirtimeUs: mean(7) }, { dutyCycle: 0.01, meanAirtimeUs: mean(7) }, { dutyCycle: 0.1, meanAirtimeUs: mean(12) }];
const packed = measureSetupScaling('setup-packed');
const single = measureSetupScaling('setup-scaling');

describe('setup with packed commands (N = 100, 500, 1000 through one gateway)', () => {
  it('needs at least four downlinks per device, and fewer than one request per downlink does', () => {
    for (let i = 0; i < 3; i++) {
      expect(packed[i].downlinksPerDevice).toBeGreaterThanOrEqual(4);
      expect(packed[i].downlinksPerDevice).toBeLessThan(single[i].downlinksPerDevice);
    }
  });

  // Tolerance as case 6: the model is a best case (all three sub-bands busy all the time); −5 % for the
  // message mix of each sub-band, +20 % for windows that open while a ledger is full.
  it('grows by (downlinks per device) / (0.01 / a_M + 0.01 / a_L + 0.1 / a_P) seconds per device, within -5 % / +20 %', () => {
    const marginal = (packed[2].downlinksPerDevice * 1000 - packed[1].downlinksPerDevice * 500) / 500;
    const slope = (packed[2].setupDurationS - packed[1].setupDurationS) / 500;
    const predicted = setupSecondsPerDevice(marginal, bands);
    expect(slope / predicted).toBeGreaterThan(0.95);
    expect(slope / predicted).toBeLessThan(1.2);
    expect(setupSecondsPerDevice(4, bands)).toBeCloseTo(11.11, 2);
  });

  it('sets a large fleet up faster than one request per downlink', () => {
    expect(packed[2].setupDurationS).toBeLessThan(single[2].setupDurationS);
  });
});
