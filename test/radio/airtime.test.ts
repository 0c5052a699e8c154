import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beaconAirtimeUs,
  loraAirtimeUs,
  lorawanDownlinkAirtimeUs,
  lorawanUplinkAirtimeUs,
  lowDataRateOptimizeDefault,
  payloadSymbols,
  symbolTimeUs,
  type LoraFrameParams,
} from '../../src/radio/airtime.js';
import { dataFragmentPhyBytes } from '../../src/lorawan/frames.js';
import { describeShared, readFixture, readSharedJson } from '../helpers/shared.js';

/** a row of airtime.json: the frame parameters, CR as "4/5", and the expected answers */
type VectorRow = Omit<Required<LoraFrameParams>, 'codingRate'> & { codingRate: string; payloadSymbols: number; airtimeUs: number };

interface Fixture {
  table14: number[][];
  ns3: number[][];
  tts: number[][];
  beacons: number[][];
  beaconEu868PayloadSymbols: number;
  fragments: number[][];
}

const fx = readFixture<Fixture>('lorawan-airtime.json');
const codingRateOf = (cr: string) => (Number(cr.split('/')[1]) - 4) as 1 | 2 | 3 | 4;
const crcOn = (sf: number, bwHz: number, phyPayloadBytes: number, codingRate: 1 | 2 | 3 | 4): LoraFrameParams => ({
  sf, bwHz, phyPayloadBytes, codingRate, crc: true, implicitHeader: false, preambleSymbols: 8,
});

describeShared('airtime vectors (shared/vectors/lorawan/airtime.json)', () => {
  // read inside the tests: a skipped suite still runs its body to collect them
  const rows = (): VectorRow[] => readSharedJson<{ rows: VectorRow[] }>('vectors', 'lorawan', 'airtime.json').rows;

  it('has the expected number of rows', () => {
    expect(rows().length).toBeGreaterThanOrEqual(363);
  });

  it('reproduces every row exactly, with the given DE and with the LoRaWAN default DE rule', () => {
    for (const r of rows()) {
      const p: LoraFrameParams = { ...r, codingRate: codingRateOf(r.codingRate) };
      expect(payloadSymbols(p), JSON.stringify(r)).toBe(r.payloadSymbols);
      expect(loraAirtimeUs(p), JSON.stringify(r)).toBe(r.airtimeUs);
      expect(lowDataRateOptimizeDefault(r.sf, r.bwHz)).toBe(r.lowDataRateOptimize);
      const { lowDataRateOptimize: _unused, ...withoutDe } = p;
      expect(loraAirtimeUs(withoutDe)).toBe(r.airtimeUs);
    }
  });

  it('matches the LoRaWAN convenience functions for every data-frame and beacon row', () => {
    for (const r of rows()) {
      if (r.implicitHeader) expect(beaconAirtimeUs(r.sf, r.bwHz, r.phyPayloadBytes)).toBe(r.airtimeUs);
      else if (r.crc) expect(lorawanUplinkAirtimeUs(r.sf, r.bwHz, r.phyPayloadBytes)).toBe(r.airtimeUs);
      else expect(lorawanDownlinkAirtimeUs(r.sf, r.bwHz, r.phyPayloadBytes)).toBe(r.airtimeUs);
    }
  });
});

describe('airtime known answers (fixture from reference sections 1.3 and 1.4)', () => {
  it('reproduces all 60 rows of table 1.4 for uplink (CRC on) and downlink (CRC off)', () => {
    expect(fx.table14).toHaveLength(60);
    for (const [sf, bwHz, pl, de, nUp, toaUp, lmnUp, nDown, toaDown, lmnDown] of fx.table14) {
      expect(lowDataRateOptimizeDefault(sf, bwHz)).toBe(de === 1);
      expect(payloadSymbols(crcOn(sf, bwHz, pl, 1))).toBe(nUp);
      expect(lorawanUplinkAirtimeUs(sf, bwHz, pl)).toBe(toaUp);
      expect(lorawanDownlinkAirtimeUs(sf, bwHz, pl)).toBe(toaDown);
      expect(payloadSymbols({ ...crcOn(sf, bwHz, pl, 1), crc: false })).toBe(nDown);
      // LoRaMac-node rounds the same value up to whole milliseconds
      expect(Math.ceil(toaUp / 1000)).toBe(lmnUp);
      expect(Math.ceil(toaDown / 1000)).toBe(lmnDown);
    }
  });

  it('reproduces the ns-3 TimeOnAirTest and The Things Stack toa_test expectations', () => {
    for (const [sf, bwHz, pl, cr, us] of [...fx.ns3, ...fx.tts]) {
      expect(loraAirtimeUs(crcOn(sf, bwHz, pl, cr as 1 | 2 | 3 | 4))).toBe(us);
    }
  });

  it('gives the beacon airtimes of EU868/AS923 (17 B, SF9), US915/AU915 (23 B, SF12/500) and IN865 (19 B, SF8)', () => {
    for (const [sf, bwHz, bytes, us] of fx.beacons) expect(beaconAirtimeUs(sf, bwHz, bytes)).toBe(us);
    const eu = { sf: 9, bwHz: 125_000, phyPayloadBytes: 17, crc: false, implicitHeader: true, preambleSymbols: 10, codingRate: 1 } as const;
    expect(payloadSymbols(eu)).toBe(fx.beaconEu868PayloadSymbols);
  });

  it('gives the FUOTA DataFragment downlink airtimes of section 1.4', () => {
    for (const [sf, bwHz, fragSize, phy, us] of fx.fragments) {
      expect(dataFragmentPhyBytes(fragSize)).toBe(phy);
      expect(lorawanDownlinkAirtimeUs(sf, bwHz, phy)).toBe(us);
    }
  });
});

describe('airtime formula properties', () => {
  it('symbol time is 2^SF / BW: 1024 µs at SF7/125 kHz and 32768 µs at SF12/125 kHz', () => {
    expect(symbolTimeUs(7, 125_000)).toBe(1024);
    expect(symbolTimeUs(12, 125_000)).toBe(32_768);
    expect(symbolTimeUs(12, 500_000)).toBe(8192);
  });

  it('turns low-data-rate optimisation on exactly for SF11/SF12 at 125 kHz and SF12 at 250 kHz', () => {
    const on: string[] = [];
    for (const bw of [125_000, 250_000, 500_000]) for (let sf = 7; sf <= 12; sf++) if (lowDataRateOptimizeDefault(sf, bw)) on.push(`${sf}/${bw / 1000}`);
    expect(on).toEqual(['11/125', '12/125', '12/250']);
  });

  it('airtime is an integer that never decreases with payload size and equals (Npre + 4.25 + Npay) · Tsym', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 7, max: 12 }),
        fc.constantFrom(125_000, 250_000, 500_000),
        fc.integer({ min: 0, max: 254 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        (sf, bwHz, pl, crc, implicitHeader, cr) => {
          const p = { sf, bwHz, phyPayloadBytes: pl, crc, implicitHeader, preambleSymbols: 8, codingRate: cr as 1 | 2 | 3 | 4 };
          const t = loraAirtimeUs(p);
          expect(Number.isInteger(t)).toBe(true);
          expect(t).toBe((8 + 4.25 + payloadSymbols(p)) * symbolTimeUs(sf, bwHz));
          expect(loraAirtimeUs({ ...p, phyPayloadBytes: pl + 1 })).toBeGreaterThanOrEqual(t);
        },
      ),
    );
  });

  it('rounds up to the next microsecond for a bandwidth that does not divide evenly', () => {
    // SF7 at 300 kHz: Tsym = 426.67 µs; 12.25 + 28 symbols = 40.25 · 128 / 0.3 = 17173.33 µs
    const p = { sf: 7, bwHz: 300_000, phyPayloadBytes: 13, crc: false, implicitHeader: false, preambleSymbols: 8, codingRate: 1 } as const;
    expect(payloadSymbols(p)).toBe(28);
    expect(loraAirtimeUs(p)).toBe(17_174);
  });

  it('rejects a spreading factor, payload or coding rate outside the modem range', () => {
    expect(() => lorawanDownlinkAirtimeUs(13, 125_000, 10)).toThrow(RangeError);
    expect(() => lorawanDownlinkAirtimeUs(7, 125_000, 256)).toThrow(RangeError);
    expect(() => loraAirtimeUs({ ...crcOn(7, 125_000, 10, 1), codingRate: 5 as 1 })).toThrow(RangeError);
  });

  it('answers the LoRaWAN data-frame airtimes from memory exactly as worked out, and still refuses bad input after valid neighbours', () => {
    const frame = (crc: boolean, sf: number, bwHz: number, phyPayloadBytes: number) =>
      loraAirtimeUs({ sf, bwHz, phyPayloadBytes, crc, implicitHeader: false, preambleSymbols: 8, codingRate: 1 });
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 12 }), fc.constantFrom(125_000, 250_000, 500_000, 300_000, 1), fc.integer({ min: 0, max: 255 }), (sf, bwHz, bytes) => {
        for (let rep = 0; rep < 2; rep++) {
          expect(lorawanUplinkAirtimeUs(sf, bwHz, bytes)).toBe(frame(true, sf, bwHz, bytes));
          expect(lorawanDownlinkAirtimeUs(sf, bwHz, bytes)).toBe(frame(false, sf, bwHz, bytes));
        }
      }),
      { numRuns: 300 },
    );
    // inputs whose arithmetic key would meet a remembered valid one must still go through the checks
    lorawanUplinkAirtimeUs(6, 125_000, 10);
    lorawanUplinkAirtimeUs(5, 125_001, 10);
    expect(() => lorawanUplinkAirtimeUs(5, 125_000.0625, 10)).toThrow(RangeError); // (bw·16 + sf) of SF6 at 125 kHz
    expect(() => lorawanUplinkAirtimeUs(21, 125_000, 10)).toThrow(RangeError); // (bw·16 + sf) of SF5 at 125 001 Hz
    expect(() => lorawanUplinkAirtimeUs(7.5, 125_000, 10)).toThrow(RangeError);
    expect(() => lorawanUplinkAirtimeUs(7, 125_000, 10.5)).toThrow(RangeError);
    expect(() => lorawanDownlinkAirtimeUs(7, 125_000, -1)).toThrow(RangeError);
  });
});
