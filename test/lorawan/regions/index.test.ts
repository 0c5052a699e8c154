import { describe, expect, it } from 'vitest';
import { REGION_NAMES, getRegion, type Region } from '../../../src/lorawan/regions/index.js';
import type { RegionName } from '../../../src/scenario/types.js';

const MHz = 1_000_000;
const all = (): Region[] => REGION_NAMES.map(getRegion);
const sfBw = (r: Region, dr: number) => {
  const d = r.dataRates[dr];
  return d ? `SF${d.sf}/${d.bwHz / 1000}` : null;
};

describe('region tables (reference section 2)', () => {
  it('offers exactly EU868, US915, AU915, AS923-1 and IN865', () => {
    expect([...REGION_NAMES]).toEqual(['EU868', 'US915', 'AU915', 'AS923-1', 'IN865']);
    for (const name of REGION_NAMES) expect(getRegion(name).name).toBe(name);
    expect(() => getRegion('EU433' as RegionName)).toThrow(/unknown region/);
  });

  it('lists the data rates of table 2.1', () => {
    const eu = getRegion('EU868');
    expect([0, 1, 2, 3, 4, 5, 6].map((dr) => sfBw(eu, dr))).toEqual(['SF12/125', 'SF11/125', 'SF10/125', 'SF9/125', 'SF8/125', 'SF7/125', 'SF7/250']);
    expect(eu.dataRates[7]?.modulation).toBe('FSK');
    expect(eu.dataRates[8]).toMatchObject({ modulation: 'LR-FHSS', downlink: false });
    const us = getRegion('US915');
    expect([0, 1, 2, 3, 4].map((dr) => sfBw(us, dr))).toEqual(['SF10/125', 'SF9/125', 'SF8/125', 'SF7/125', 'SF8/500']);
    expect([8, 9, 10, 11, 12, 13].map((dr) => sfBw(us, dr))).toEqual(['SF12/500', 'SF11/500', 'SF10/500', 'SF9/500', 'SF8/500', 'SF7/500']);
    expect(us.dataRates[3]).toMatchObject({ uplink: true, downlink: false });
    expect(us.dataRates[8]).toMatchObject({ uplink: false, downlink: true });
    const au = getRegion('AU915');
    expect([0, 5, 6, 8, 13].map((dr) => sfBw(au, dr))).toEqual(['SF12/125', 'SF7/125', 'SF8/500', 'SF12/500', 'SF7/500']);
    expect(sfBw(getRegion('AS923-1'), 6)).toBe('SF7/250');
    expect(getRegion('IN865').dataRates[6]).toBeNull();
    for (const r of all()) r.dataRates.forEach((d, i) => d && expect(d.dr).toBe(i));
  });

  it('gives the maximum downlink payloads N of table 2.2', () => {
    const n = (name: RegionName, opts?: { repeaterCompatible?: boolean; dwellTime?: boolean }) =>
      Array.from({ length: 14 }, (_, dr) => getRegion(name).maxFrmPayloadBytes(dr, opts));
    expect(n('EU868')).toEqual([51, 51, 51, 115, 242, 242, 242, 242, 0, 0, 0, 0, 0, 0]);
    expect(n('EU868', { repeaterCompatible: true })).toEqual([51, 51, 51, 115, 222, 222, 222, 222, 0, 0, 0, 0, 0, 0]);
    expect(n('IN865')).toEqual([51, 51, 51, 115, 242, 242, 0, 242, 0, 0, 0, 0, 0, 0]);
    for (const name of ['US915', 'AU915'] as const) {
      expect(n(name)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 53, 129, 242, 242, 242, 242]);
      expect(n(name, { repeaterCompatible: true }).slice(8)).toEqual([53, 129, 222, 222, 222, 222]);
    }
    expect(n('AS923-1').slice(0, 8)).toEqual([51, 51, 115, 115, 242, 242, 242, 242]);
    expect(n('AS923-1', { dwellTime: true }).slice(0, 8)).toEqual([0, 0, 11, 53, 125, 242, 242, 242]);
    expect(n('AS923-1', { dwellTime: true, repeaterCompatible: true }).slice(0, 8)).toEqual([0, 0, 11, 53, 125, 222, 222, 222]);
    // dwell time changes nothing where the region has no downlink dwell table
    expect(n('EU868', { dwellTime: true })).toEqual(n('EU868'));
    expect(() => getRegion('EU868').maxFrmPayloadBytes(16)).toThrow(RangeError);
  });

  it('gives the RX2, beacon and ping-slot defaults of table 2.3', () => {
    const expected: Record<RegionName, [number, number, number, number, number, number]> = {
      // rx2 Hz, rx2 DR, beacon DR, beacon bytes, ping DR, beacon Hz at GPS time 0
      EU868: [869.525 * MHz, 0, 3, 17, 3, 869.525 * MHz],
      US915: [923.3 * MHz, 8, 8, 23, 8, 923.3 * MHz],
      AU915: [923.3 * MHz, 8, 8, 23, 8, 923.3 * MHz],
      'AS923-1': [923.2 * MHz, 2, 3, 17, 3, 923.4 * MHz],
      IN865: [866.55 * MHz, 2, 4, 19, 4, 866.55 * MHz],
    };
    for (const r of all()) {
      const [rx2Hz, rx2Dr, beaconDr, bytes, pingDr, beaconHz] = expected[r.name];
      expect([r.rx2.freqHz, r.rx2.dr, r.beacon.dr, r.beacon.sizeBytes, r.pingSlot.dr, r.beacon.freqHz(0)]).toEqual([rx2Hz, rx2Dr, beaconDr, bytes, pingDr, beaconHz]);
    }
    expect(getRegion('EU868').pingSlot.freqHz(0x01abcdef, 1_388_102_528)).toBe(869.525 * MHz);
    expect(getRegion('AS923-1').pingSlot.freqHz(7, 128)).toBe(923.4 * MHz);
  });

  it('hops US915/AU915 beacons by beacon period and ping slots by address + period over 923.3 + 0.6·k MHz', () => {
    for (const name of ['US915', 'AU915'] as const) {
      const r = getRegion(name);
      expect([0, 128, 256, 7 * 128, 8 * 128].map((t) => r.beacon.freqHz(t))).toEqual([923_300_000, 923_900_000, 924_500_000, 927_500_000, 923_300_000]);
      expect(r.pingSlot.freqHz(0, 0)).toBe(923_300_000);
      expect(r.pingSlot.freqHz(1, 0)).toBe(923_900_000);
      expect(r.pingSlot.freqHz(5, 3 * 128)).toBe(923_300_000); // (5 + 3) mod 8 = 0
      expect(r.pingSlot.freqHz(0xffffffff, 128)).toBe(923_300_000); // (2^32 − 1 + 1) mod 8 = 0
    }
  });

  it('computes RX1 channel and data rate per region', () => {
    const eu = getRegion('EU868');
    expect(eu.rx1.freqHz(868_300_000, 1)).toBe(868_300_000);
    for (let dr = 0; dr <= 7; dr++) for (let off = 0; off <= 5; off++) expect(eu.rx1.dr(dr, off)).toBe(Math.max(0, dr - off));
    expect(() => eu.rx1.dr(5, 6)).toThrow(RangeError);
    const us = getRegion('US915');
    expect([0, 1, 2, 3, 4].map((dr) => us.rx1.dr(dr, 0))).toEqual([10, 11, 12, 13, 13]);
    expect(us.rx1.dr(4, 3)).toBe(11);
    expect(us.rx1.freqHz(902_500_000, 1)).toBe(923_900_000);
    expect(us.rx1.freqHz(903_000_000, 64)).toBe(923_300_000);
    const au = getRegion('AU915');
    expect([0, 5, 6].map((dr) => au.rx1.dr(dr, 0))).toEqual([8, 13, 13]);
    const as = getRegion('AS923-1');
    expect([as.rx1.dr(5, 0), as.rx1.dr(5, 6), as.rx1.dr(5, 7), as.rx1.dr(0, 5)]).toEqual([5, 6, 7, 0]);
    const ind = getRegion('IN865');
    expect([ind.rx1.dr(5, 6), ind.rx1.dr(3, 7), ind.rx1.dr(2, 3)]).toEqual([5, 5, 0]);
  });

  it('limits EU868 downlinks to 16.15 dBm EIRP except 29.15 dBm in 869.4–869.65 MHz (section 2.4)', () => {
    const eu = getRegion('EU868');
    expect(eu.downlinkTxPowerDbm(869_525_000)).toBe(29.15);
    expect(eu.downlinkTxPowerDbm(868_100_000)).toBe(16.15);
    expect(eu.downlinkTxPowerDbm(869_650_000)).toBe(16.15);
    expect(getRegion('US915').downlinkTxPowerDbm(923_300_000)).toBe(30);
    expect(getRegion('AS923-1').downlinkTxPowerDbm(923_200_000)).toBe(16);
    expect(getRegion('IN865').downlinkTxPowerDbm(866_550_000)).toBe(30);
  });

  it('maps EU868 frequencies to the ETSI sub-bands of table 2.5', () => {
    const eu = getRegion('EU868');
    const band = (hz: number) => {
      const b = eu.subBandOf(hz);
      return b ? [b.name, b.dutyCycle, b.maxErpDbm] : null;
    };
    expect(band(864_100_000)).toEqual(['K', 0.001, 14]);
    expect(band(867_100_000)).toEqual(['L', 0.01, 14]);
    expect(band(868_100_000)).toEqual(['M', 0.01, 14]);
    expect(band(868_500_000)).toEqual(['M', 0.01, 14]);
    expect(band(868_900_000)).toEqual(['N', 0.001, 14]);
    expect(band(869_525_000)).toEqual(['P', 0.1, 27]);
    expect(band(869_850_000)).toEqual(['R', 0.01, 14]);
    expect(band(869_300_000)).toBeNull();
    expect(band(870_100_000)).toBeNull();
  });

  it('has a single 100 % band where there is no duty cycle', () => {
    for (const name of ['US915', 'AU915', 'AS923-1', 'IN865'] as const) {
      const r = getRegion(name);
      expect(r.subBands).toHaveLength(1);
      expect(r.subBands[0].dutyCycle).toBe(1);
      expect(r.subBandOf(r.rx2.freqHz)).toBe(r.subBands[0]);
    }
  });

  it('sets dwell time and listen-before-talk as section 2.6 says', () => {
    expect(getRegion('EU868').dwellTimeMs).toEqual({ uplink: null, downlink: null });
    expect(getRegion('US915').dwellTimeMs).toEqual({ uplink: 400, downlink: null });
    expect(getRegion('AS923-1').dwellTimeMs).toEqual({ uplink: 400, downlink: null });
    expect(getRegion('AS923-1').lbt).toEqual({ thresholdDbm: -80, senseTimeUs: 5000, enabledByDefault: false });
    for (const name of ['EU868', 'US915', 'AU915', 'IN865'] as const) expect(getRegion(name).lbt).toBeNull();
  });

  it('keeps every default frequency inside the legal band and a sub-band, and every default DR usable for downlink', () => {
    for (const r of all()) {
      const [lo, hi] = r.frequencyRangeHz;
      const freqs = [
        ...r.defaultUplinkChannelsHz,
        r.rx2.freqHz,
        ...Array.from({ length: 8 }, (_, k) => r.beacon.freqHz(128 * k)),
        ...Array.from({ length: 8 }, (_, k) => r.pingSlot.freqHz(k, 0)),
        ...Array.from({ length: 8 }, (_, k) => r.rx1.freqHz(r.defaultUplinkChannelsHz[k % r.defaultUplinkChannelsHz.length], k)),
      ];
      for (const f of freqs) {
        expect(f, `${r.name} ${f}`).toBeGreaterThanOrEqual(lo);
        expect(f, `${r.name} ${f}`).toBeLessThanOrEqual(hi);
        expect(r.subBandOf(f), `${r.name} ${f}`).not.toBeNull();
      }
      for (const dr of [r.rx2.dr, r.beacon.dr, r.pingSlot.dr, ...r.classBAllowedDataRates]) {
        expect(r.dataRates[dr], `${r.name} DR${dr}`).toMatchObject({ modulation: 'LoRa', downlink: true });
        expect(r.maxFrmPayloadBytes(dr)).toBeGreaterThan(0);
      }
    }
  });

  it('cannot be modified by a caller', () => {
    const eu = getRegion('EU868');
    expect(Object.isFrozen(eu)).toBe(true);
    expect(Object.isFrozen(eu.subBands[0])).toBe(true);
    expect(() => {
      (eu.rx2 as { dr: number }).dr = 5;
    }).toThrow(TypeError);
    expect(getRegion('EU868').rx2.dr).toBe(0);
  });
});

describe('uplink channel plans as networks configure them', () => {
  it('gives EU868 devices the 3 default channels plus the 5 CFList channels, in two ETSI sub-bands', () => {
    const eu = getRegion('EU868');
    const plan = eu.uplinkChannels(null);
    expect(plan.freqHz).toEqual([868.1, 868.3, 868.5, 867.1, 867.3, 867.5, 867.7, 867.9].map((f) => Math.round(f * MHz)));
    expect(plan.bwHz.every((b) => b === 125_000)).toBe(true);
    expect(plan.freqHz.map((f) => eu.subBandOf(f)!.name)).toEqual(['M', 'M', 'M', 'L', 'L', 'L', 'L', 'L']);
    expect(plan.freqHz.map((f) => eu.subBandOf(f)!.dutyCycle)).toEqual(Array(8).fill(0.01));
    expect(eu.usesSubBands).toBe(false);
  });

  it('gives US915/AU915 the 8 + 1 channels of each chosen sub-band, sub-band 2 by default', () => {
    const us = getRegion('US915');
    const sb2 = us.uplinkChannels(null);
    expect(sb2.index).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 65]);
    expect(sb2.freqHz).toEqual([903.9, 904.1, 904.3, 904.5, 904.7, 904.9, 905.1, 905.3, 904.6].map((f) => Math.round(f * MHz)));
    expect(sb2.bwHz).toEqual([...Array(8).fill(125_000), 500_000]);
    expect(us.uplinkChannels([1, 8]).index).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 56, 57, 58, 59, 60, 61, 62, 63, 64, 71]);
    const au = getRegion('AU915').uplinkChannels([2]);
    expect(au.freqHz[0]).toBe(916_800_000);
    expect(au.freqHz[8]).toBe(917_500_000);
    expect(() => us.uplinkChannels([9])).toThrow(/sub-band 9/);
    // RX1 of a sub-band-2 uplink: downlink channel (uplink channel mod 8), 923.3 + 0.6·k MHz
    expect(us.rx1.freqHz(903_900_000, 8)).toBe(923_300_000);
    expect(us.rx1.freqHz(904_600_000, 65)).toBe(923_900_000);
  });

  it('keeps the default channels where networks add none by default (AS923-1, IN865)', () => {
    expect(getRegion('AS923-1').uplinkChannels(null).freqHz).toEqual([923_200_000, 923_400_000]);
    expect(getRegion('IN865').uplinkChannels([3]).freqHz).toHaveLength(3);
  });

  it('applies RX1DROffset up to the region\'s largest offset, and AS923\'s dwell-time table', () => {
    expect(REGION_NAMES.map((n) => getRegion(n).rx1.maxOffset)).toEqual([5, 3, 5, 7, 7]);
    const as = getRegion('AS923-1');
    expect(as.downlinkDwellConfigurable).toBe(true);
    expect(getRegion('EU868').downlinkDwellConfigurable).toBe(false);
    // LMN EffectiveRx1DrOffsetDownlinkDwell1AS923: with DownlinkDwellTime = 1, never below DR2
    expect([0, 1, 2, 3, 4, 5].map((o) => as.rx1.dr(5, o, true))).toEqual([5, 4, 3, 2, 2, 2]);
    expect([0, 1, 2, 3, 4, 5].map((o) => as.rx1.dr(5, o, false))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(as.rx1.dr(2, 7, true)).toBe(4);
    expect(getRegion('EU868').rx1.dr(5, 3, true)).toBe(2); // no dwell table: the plain one
  });
});
