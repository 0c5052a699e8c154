import { describe, expect, it } from 'vitest';
import {
  RX1_DELAY_US,
  RX2_DELAY_US,
  emptyRxWindowUs,
  rxWindowOffsetMs,
  rxWindowTimeoutSymbols,
} from '../../src/lorawan/classa.js';
import { symbolTimeUs } from '../../src/radio/airtime.js';
import { readFixture } from '../helpers/shared.js';

const fx = readFixture<{ table34: number[][] }>('lorawan-classa.json');

describe('class A receive windows (reference table 3.4)', () => {
  it('opens RX1 1 s and RX2 2 s after the uplink ends', () => {
    expect(RX1_DELAY_US).toBe(1_000_000);
    expect(RX2_DELAY_US).toBe(2_000_000);
  });

  it('reproduces every row of table 3.4: symbol timeout, empty-window time and window offset', () => {
    expect(fx.table34).toHaveLength(12);
    for (const [sf, bwHz, tsymUs, timeout, emptyUs, offsetMs] of fx.table34) {
      expect(symbolTimeUs(sf, bwHz)).toBe(tsymUs);
      expect(rxWindowTimeoutSymbols(sf, bwHz)).toBe(timeout);
      expect(emptyRxWindowUs(sf, bwHz)).toBe(emptyUs);
      expect(rxWindowOffsetMs(sf, bwHz)).toBe(offsetMs);
    }
  });

  it('adds the wake-up time to the empty window and never goes below minRxSymbols', () => {
    expect(emptyRxWindowUs(9, 125_000, { wakeupUs: 3000 })).toBe(36_864 + 3000);
    expect(rxWindowTimeoutSymbols(12, 125_000, { maxRxErrorUs: 0 })).toBe(6);
    expect(rxWindowTimeoutSymbols(12, 125_000, { minRxSymbols: 8, maxRxErrorUs: 0 })).toBe(8);
  });

  it('widens the window when the timing error grows (a larger error never shortens it)', () => {
    let previous = 0;
    for (const errUs of [0, 5000, 10_000, 20_000, 50_000]) {
      const t = emptyRxWindowUs(7, 125_000, { maxRxErrorUs: errUs });
      expect(t).toBeGreaterThanOrEqual(previous);
      previous = t;
    }
    expect(previous).toBeGreaterThanOrEqual(2 * 50_000);
  });
});
