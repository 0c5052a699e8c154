/**
 * CSV text of the result tables (columns and encodings: docs/results.md, the results contract).
 *
 * The device and transmission tables can hold 100 000+ rows, so their rows are built by joining
 * cells directly, in chunks, instead of handing csv-stringify one object per cell: every cell there
 * is a formatted number or a fixed token (a status, a kind, `gw-3`) that never needs quoting, so
 * the text is exactly what csv-stringify writes (a test checks this). The summary table can hold
 * arbitrary swept values, so it goes through csv-stringify.
 */
import { stringify } from 'csv-stringify/sync';
import { rebuiltAndVerified } from '../sim/summary.js';
import { REASONS, TX_KINDS, type DeviceStatus, type DeviceTable, type Summary, type TransmissionTable } from '../sim/types.js';
import { formatCell, formatNumber } from './format.js';

export const DEVICE_COLUMNS = [
  'device', 'x', 'y', 'gateway', 'rssiDbm', 'snrDb', 'fragmentsReceived', 'fragmentsNeeded',
  'decodedAtS', 'status', 'energyJ', 'energyRxJ', 'energyTxJ', 'energySleepJ',
  'energyStandbyJ', 'energyStoreJ', 'energyVerifyJ', 'energyApplyJ', 'reason',
] as const;

export const TRANSMISSION_COLUMNS = [
  'startUs', 'airtimeUs', 'node', 'kind', 'frequencyHz', 'dr', 'sf', 'bwHz', 'phyPayloadBytes', 'fragmentIndex',
] as const;

const ROWS_PER_CHUNK = 4096;

/** `node` column: gateways are ids >= 0 (`gw-<i>`), devices are stored as -(id) - 1 (`dev-<i>`). */
export function nodeName(node: number): string {
  return node >= 0 ? `gw-${node}` : `dev-${-node - 1}`;
}

function header(columns: readonly string[]): string {
  return stringify([columns as string[]]);
}

function deviceRow(t: DeviceTable, i: number): string {
  const needed = t.fragmentsNeeded[i];
  return [
    i, formatNumber(t.xM[i]), formatNumber(t.yM[i]), t.gateway[i], formatNumber(t.rssiDbm[i]),
    formatNumber(t.snrDb[i]), t.fragmentsReceived[i], needed < 0 ? '' : needed, formatNumber(t.decodedAtS[i]),
    t.status[i], formatNumber(t.energyJ[i]), formatNumber(t.energyRxJ[i]), formatNumber(t.energyTxJ[i]),
    formatNumber(t.energySleepJ[i]), formatNumber(t.energyStandbyJ[i]), formatNumber(t.energyStoreJ[i]),
    formatNumber(t.energyVerifyJ[i]), formatNumber(t.energyApplyJ[i]), REASONS[t.reason[i]] ?? '',
  ].join(',');
}

function transmissionRow(t: TransmissionTable, i: number): string {
  const frag = t.fragmentIndex[i];
  return [
    formatNumber(t.startUs[i]), formatNumber(t.airtimeUs[i]), nodeName(t.node[i]), TX_KINDS[t.kind[i]],
    formatNumber(t.frequencyHz[i]), t.dr[i], t.sf[i], formatNumber(t.bwHz[i]), t.phyPayloadBytes[i],
    frag === 0 ? '' : frag,
  ].join(',');
}

function* chunks<T>(columns: readonly string[], table: T, count: number, row: (t: T, i: number) => string): Generator<string> {
  yield header(columns);
  for (let start = 0; start < count; start += ROWS_PER_CHUNK) {
    const end = Math.min(count, start + ROWS_PER_CHUNK);
    const lines = new Array<string>(end - start);
    for (let i = start; i < end; i++) lines[i - start] = row(table, i);
    yield `${lines.join('\n')}\n`;
  }
}

/** devices.csv as chunks of text (header first), for streaming to a file. */
export function devicesCsvChunks(table: DeviceTable): Generator<string> {
  return chunks(DEVICE_COLUMNS, table, table.count, deviceRow);
}

/** transmissions.csv as chunks of text (header first), for streaming to a file. */
export function transmissionsCsvChunks(table: TransmissionTable): Generator<string> {
  return chunks(TRANSMISSION_COLUMNS, table, table.count, transmissionRow);
}

/** devices.csv: one row per device. */
export function devicesCsv(table: DeviceTable): string {
  return [...devicesCsvChunks(table)].join('');
}

/** transmissions.csv: one row per radio frame. */
export function transmissionsCsv(table: TransmissionTable): string {
  return [...transmissionsCsvChunks(table)].join('');
}

export const COMPLETION_COLUMNS = ['timeS', 'fromSessionS', 'devicesRebuilt', 'share'] as const;

/**
 * completion.csv: the completion curve, one row per distinct time at which devices rebuilt and
 * verified the image (s from the campaign start, and from the session start when there was one),
 * with the number of such devices so far and their share of the fleet.
 */
export function completionCsv(decodedAtS: Float64Array, status: readonly DeviceStatus[], summary: Pick<Summary, 'devices' | 'sessionStartS'>): string {
  const times: number[] = [];
  for (let d = 0; d < decodedAtS.length; d++) if (decodedAtS[d] === decodedAtS[d] && rebuiltAndVerified(status[d])) times.push(decodedAtS[d]);
  times.sort((a, b) => a - b);
  const rows: unknown[][] = [];
  for (let i = 0; i < times.length; i++) {
    if (i + 1 < times.length && times[i + 1] === times[i]) continue;
    const t = times[i];
    rows.push([t, summary.sessionStartS === null ? null : t - summary.sessionStartS, i + 1, (i + 1) / summary.devices]);
  }
  return stringify([COMPLETION_COLUMNS as unknown as string[], ...rows.map((r) => r.map(formatCell))]);
}

/** A CSV of `rows` with the given columns in order; a missing value is an empty cell. */
export function summaryCsv(rows: Array<Record<string, unknown>>, columns: readonly string[]): string {
  const body = rows.map((r) => columns.map((c) => formatCell(r[c])));
  return stringify([columns as string[], ...body]);
}
