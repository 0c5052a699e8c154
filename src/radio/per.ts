/**
 * Frame error rate of a LoRa frame as a function of its SNR (or SINR), spreading factor and length
 * (docs/models/sinr.md).
 *
 * - A frame is lost when any of its symbols after the preamble is wrong: LoRaWAN frames use coding
 *   rate 4/5, whose parity bit detects but cannot correct an error, and the diagonal interleaver puts
 *   the bits of one wrong symbol into different code words, so one symbol error fails the CRC/MIC.
 *   PER = 1 − (1 − SER)^Nsym, Nsym the frame's symbols after the preamble (airtime.ts). Counting the
 *   8 header symbols (sent at CR 4/8) like the others makes the model slightly pessimistic.
 * - SER: the closed form of Elshabrawy & Robert 2018 for an ideal detector (ser.ts), evaluated at
 *   SNR − L, where L ("implementation loss", per radio and SF) makes the model reproduce the radio's
 *   datasheet sensitivity under the datasheet's own test condition (noise.ts): a real receiver loses
 *   some of the ideal detector's margin to synchronisation and frequency offset.
 * - {@link PerTable}: PER on a 0.05 dB SNR grid per (SF, Nsym), built once and read by index in the
 *   reception loops (no allocation, no transcendental function per device-frame).
 */
import { payloadSymbols } from './airtime.js';
import { symbolErrorRate } from './ser.js';

/** A frame's length as the PER model sees it: symbols after the preamble. */
export function frameSymbols(sf: number, bwHz: number, phyPayloadBytes: number, crc: boolean, codingRate: 1 | 2 | 3 | 4 = 1): number {
  return payloadSymbols({ sf, bwHz, phyPayloadBytes, crc, implicitHeader: false, preambleSymbols: 8, codingRate });
}

/** PER of an `nSymbols`-symbol frame at SF `sf` and SNR `snrDb` (dB), after `lossDb` implementation loss. */
export function frameErrorRate(snrDb: number, sf: number, nSymbols: number, lossDb = 0): number {
  const ser = symbolErrorRate(10 ** ((snrDb - lossDb) / 10), sf);
  // 1 − (1 − ser)^n without cancellation when ser is tiny
  return -Math.expm1(nSymbols * Math.log1p(-ser));
}

/** The SNR (dB) at which an ideal detector (no implementation loss) reaches `per` for the frame. */
export function snrForFrameErrorRate(per: number, sf: number, nSymbols: number): number {
  if (!(per > 0 && per < 1)) throw new RangeError(`packet error rate ${per} is not in (0, 1)`);
  let lo = -40;
  let hi = 20;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (frameErrorRate(mid, sf, nSymbols) > per) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Lowest and highest SNR of the tables, dB: below, every frame is lost; above, none. */
export const PER_TABLE_MIN_DB = -40;
export const PER_TABLE_MAX_DB = 20;
/** Grid step of the tables, dB. */
export const PER_TABLE_STEP_DB = 0.05;
const STEPS = Math.round((PER_TABLE_MAX_DB - PER_TABLE_MIN_DB) / PER_TABLE_STEP_DB);

/**
 * Success probabilities 1 − PER on the SNR grid for one receiver, per (SF, Nsym), built on first
 * use. `successAt(table, snrDb)` interpolates linearly between grid points.
 */
export class PerTable {
  private readonly tables = new Map<number, Float64Array>();

  /** `lossDb[sf]`: implementation loss of this receiver at each spreading factor (noise.ts). */
  constructor(private readonly lossDb: ArrayLike<number>) {}

  /** The success table of (sf, nSymbols); call once per frame, not per device. */
  table(sf: number, nSymbols: number): Float64Array {
    const key = sf * 4096 + nSymbols;
    let t = this.tables.get(key);
    if (!t) {
      t = new Float64Array(STEPS + 1);
      const loss = this.lossDb[sf];
      for (let i = 0; i <= STEPS; i++) t[i] = 1 - frameErrorRate(PER_TABLE_MIN_DB + i * PER_TABLE_STEP_DB, sf, nSymbols, loss);
      this.tables.set(key, t);
    }
    return t;
  }
}

/** Probability that the frame of `table` is received at `snrDb`. Allocation-free. */
export function successAt(table: Float64Array, snrDb: number): number {
  const x = (snrDb - PER_TABLE_MIN_DB) / PER_TABLE_STEP_DB;
  if (!(x > 0)) return table[0];
  if (x >= STEPS) return table[STEPS];
  const i = Math.floor(x);
  const f = x - i;
  return table[i] + f * (table[i + 1] - table[i]);
}
