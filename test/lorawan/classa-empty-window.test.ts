import { describe, expect, it } from 'vitest';
import { describeShared, readFixture } from '../helpers/shared.js';
import { emptyRxWindowUs as windowUs, rxWindowTimeoutSymbols } from '../../src/lorawan/classa.js';
import { firstTable, numbersIn, referenceSheet, section } from '../radio/reference-tables.js';

const emptyRxWindowSymbols = (sf: number, bw: number, maxRxErrorUs?: number) => rxWindowTimeoutSymbols(sf, bw, maxRxErrorUs === undefined ? {} : { maxRxErrorUs });
const emptyRxWindowUs = (sf: number, bw: number, maxRxErrorUs?: number) => windowUs(sf, bw, maxRxErrorUs === undefined ? {} : { maxRxErrorUs });

/** [sf, bwHz, tSymUs, timeoutSymbols, windowUs] */
const rows = readFixture<Array<[number, number, number, number, number]>>('radio-empty-window.json');

describe('empty receive window length (LoRaMac-node symbol timeout)', () => {
  it('matches every row of the reference table at 125 and 500 kHz', () => {
    for (const [sf, bw, , symbols, windowUs] of rows) {
      expect(emptyRxWindowSymbols(sf, bw), `SF${sf}/${bw}`).toBe(symbols);
      expect(emptyRxWindowUs(sf, bw), `SF${sf}/${bw}`).toBe(windowUs);
    }
  });

  it('never goes below minRxSymbols = 6 symbols', () => {
    expect(emptyRxWindowSymbols(12, 125000)).toBe(6);
    expect(emptyRxWindowSymbols(12, 125000, 0)).toBe(6);
  });

  it('grows with a larger RX error budget (class B beacon precision)', () => {
    expect(emptyRxWindowSymbols(9, 125000, 30_000)).toBe(Math.ceil((4 * 4096 + 60_000) / 4096));
    expect(emptyRxWindowUs(9, 125000, 30_000)).toBe(19 * 4096);
  });
});

describeShared('empty receive windows against the reference sheet (3.4)', () => {
  it('match the fixture row by row', () => {
    const sheet = firstTable(section(referenceSheet(), '### 3.4')).map((r) => r.slice(0, 5).map((c) => numbersIn(c)[0]));
    expect(sheet.map(([sf, bwK, t, n, ms]) => [sf, bwK * 1000, t, n, Math.round(ms * 1000)])).toEqual(rows);
  });
});
