import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { problemsOf } from './helpers.js';

const resolve = (raw: unknown) => resolveScenario(raw, { baseDir: '/tmp' });

describe('class A radio parameters (AWS device profile) and gateway sub-bands', () => {
  it('fills the region defaults: RX1DROffset 0, RX2 data rate and frequency, sub-band 2 in US915/AU915 only', () => {
    const eu = resolve({});
    expect([eu.devices.rxDrOffset1, eu.devices.rxDataRate2, eu.devices.rxFreq2, eu.devices.downlinkDwellTime, eu.gateways.subBands])
      .toEqual([0, 0, 869_525_000, 0, null]);
    const us = resolve({ region: 'US915' });
    expect([us.devices.rxDataRate2, us.devices.rxFreq2, us.gateways.subBands]).toEqual([8, 923_300_000, [2]]);
    expect(resolve({ region: 'AU915', gateways: { subBands: [3, 1] } }).gateways.subBands).toEqual([1, 3]);
    const as = resolve({ region: 'AS923-1' });
    expect([as.devices.rxDataRate2, as.devices.rxFreq2]).toEqual([2, 923_200_000]);
  });

  it('keeps values the region allows', () => {
    const s = resolve({ devices: { rxDrOffset1: 5, rxDataRate2: 3, rxFreq2: 869_525_000 } });
    expect([s.devices.rxDrOffset1, s.devices.rxDataRate2]).toEqual([5, 3]);
    const as = resolve({ region: 'AS923-1', devices: { downlinkDwellTime: 1, rxDataRate2: 3 }, multicastGroup: { dlDr: 4 } });
    expect(as.devices.downlinkDwellTime).toBe(1);
    // with DownlinkDwellTime = 1 the fragment is sized from the dwell table: DR4 carries 125 B, so 122
    expect(as.fuotaTask.fragmentSizeBytes).toBe(122);
  });

  it('refuses values the region does not allow, naming the field and what is allowed', () => {
    expect(problemsOf({ region: 'US915', devices: { rxDrOffset1: 4 } })).toEqual([
      'devices.rxDrOffset1: 4 is not an RX1 data-rate offset of US915; allowed: integer 0..3',
    ]);
    expect(problemsOf({ devices: { rxDataRate2: 8 } })[0]).toMatch(/^devices\.rxDataRate2: 8 is not a LoRa downlink data rate of EU868; allowed: null or DR0, DR1, DR2, DR3, DR4, DR5, DR6$/);
    expect(problemsOf({ region: 'US915', devices: { rxDataRate2: 3 } })[0]).toMatch(/allowed: null or DR8, DR9, DR10, DR11, DR12, DR13$/);
    expect(problemsOf({ devices: { rxFreq2: 915_000_000 } })[0]).toMatch(/^devices\.rxFreq2: 915000000 is outside the sub-bands of EU868; .*multiply by 100\)$/);
    expect(problemsOf({ devices: { downlinkDwellTime: 1 } })[0]).toMatch(/^devices\.downlinkDwellTime: 1 has no meaning in EU868/);
    expect(problemsOf({ gateways: { subBands: [2] } })[0]).toMatch(/^gateways\.subBands: \[2\] has no meaning in EU868.*allowed: null$/);
    expect(problemsOf({ region: 'US915', gateways: { subBands: [2, 2] } })).toEqual(['gateways.subBands[1]: 2 is listed twice; allowed: each sub-band 1..8 once']);
    expect(problemsOf({ region: 'US915', gateways: { subBands: [9] } })[0]).toMatch(/^gateways\.subBands\[0\]: 9 is out of range; allowed: integer 1\.\.8$/);
    // AS923 with DownlinkDwellTime = 1: DR2 carries 11 bytes, DR0 and DR1 nothing
    expect(problemsOf({ region: 'AS923-1', devices: { downlinkDwellTime: 1, rxDataRate2: 1 } })[0]).toMatch(/^devices\.rxDataRate2: 1 is not a LoRa downlink data rate of AS923-1 with downlinkDwellTime 1; allowed: null or DR2, DR3, DR4, DR5, DR6$/);
    expect(problemsOf({ region: 'AS923-1', devices: { downlinkDwellTime: 1 }, multicastGroup: { dlDr: 4 }, fuotaTask: { fragmentSizeBytes: 200 } })).toEqual([
      'fuotaTask.fragmentSizeBytes: 200 is larger than the 122 bytes that fit DR4 in AS923-1 with devices.downlinkDwellTime 1 (N − 3); allowed: integer 1..122, or leave it out',
    ]);
  });

  it('names the new burst fields when a scenario still gives the per-frame probabilities', () => {
    const problems = problemsOf({ channel: { burst: { model: 'gilbert-elliott', pGoodToBad: 0.01, pBadToGood: 0.2 } } });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^channel\.burst\.pGoodToBad: per-frame probabilities are no longer used; give channel\.burst\.meanGapS/);
    expect(problems[1]).toMatch(/^channel\.burst\.pBadToGood: per-frame probabilities are no longer used; give channel\.burst\.meanBurstS/);
    expect(problemsOf({ sweep: { 'channel.burst.pBadToGood': [0.1, 0.2] } })[0]).toMatch(/^sweep\["channel\.burst\.pBadToGood"\]: per-frame probabilities are no longer used/);
    expect(resolve({ channel: { burst: { model: 'gilbert-elliott', meanBurstS: 3, meanGapS: 60 } } }).channel.burst)
      .toEqual({ model: 'gilbert-elliott', meanBurstS: 3, meanGapS: 60, lossGood: 0, lossBad: 0.8 });
    expect(problemsOf({ channel: { burst: { meanBurstS: 0 } } })[0]).toMatch(/^channel\.burst\.meanBurstS: 0 is out of range; allowed: number > 0/);
  });
});
