/**
 * The two small files that keep what the plots need beyond devices.csv (docs/results.md):
 * `series.json` (completion curve, campaign phases, duty-cycle bin width) and `dutycycle.csv`
 * (airtime per gateway sub-band per bin). Writers and their parsers live together so they agree.
 */
import { stringify } from 'csv-stringify/sync';
import { formatCell, stableJson } from './format.js';
import type { CompletionPoint, DutyCyclePlotSeries, RunPlotData } from './plotData.js';
import { parseCsv } from './parseCsv.js';

export const DUTY_CYCLE_COLUMNS = ['gateway', 'subBand', 'limit', 'binStartS', 'airtimeS'] as const;

export interface SeriesFile {
  completion: CompletionPoint[];
  phases: RunPlotData['phases'];
  dutyCycleBinS: number;
}

/** series.json text. */
export function seriesJson(data: RunPlotData): string {
  const file: SeriesFile = { completion: data.completion, phases: data.phases, dutyCycleBinS: data.dutyCycle.binS };
  return stableJson(file);
}

/** dutycycle.csv text: one row per (gateway, sub-band, bin), bins in time order. */
export function dutyCycleCsv(data: RunPlotData): string {
  const { binS, series } = data.dutyCycle;
  const rows: unknown[][] = [];
  for (const s of series) {
    s.airtimeS.forEach((a, b) => rows.push([s.gateway, s.subBand, s.limit, b * binS, a]));
  }
  return stringify([DUTY_CYCLE_COLUMNS as unknown as string[], ...rows.map((r) => r.map(formatCell))]);
}

/** The series back from dutycycle.csv text, in the order they were written. */
export function parseDutyCycleCsv(text: string): DutyCyclePlotSeries[] {
  const { columns, rows } = parseCsv(text);
  const at = (name: string): number => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`dutycycle.csv has no column ${name}`);
    return i;
  };
  const [g, sb, lim, air] = [at('gateway'), at('subBand'), at('limit'), at('airtimeS')];
  const byKey = new Map<string, DutyCyclePlotSeries>();
  for (const r of rows) {
    const key = `${r[g]}\u0000${r[sb]}`;
    let s = byKey.get(key);
    if (!s) {
      s = { gateway: Number(r[g]), subBand: r[sb], limit: r[lim] === '' ? null : Number(r[lim]), airtimeS: [] };
      byKey.set(key, s);
    }
    s.airtimeS.push(Number(r[air]));
  }
  return [...byKey.values()];
}
