/**
 * Reads a run's results folder back into what the plots and the report need, so that
 * `fuota-sim plot` can redraw them from the files alone (docs/results.md lists the files).
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fsReason, InputError, showPath } from '../errors/index.js';
import { readJsonFile } from '../scenario/json.js';
import type { ResolvedScenario } from '../scenario/types.js';
import type { Summary } from '../sim/types.js';
import { parseCsv } from './parseCsv.js';
import type { DevicePlotRows, RunPlotData } from './plotData.js';
import type { ReportInput } from './report.js';
import { parseDutyCycleCsv, type SeriesFile } from './seriesFiles.js';

export interface RunFiles {
  input: ReportInput;
  data: RunPlotData;
}

async function readText(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  if (!existsSync(path)) throw new InputError(`${showPath(dir)} is not a complete fuota-sim results folder: ${name} is missing`);
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`${showPath(path)}: cannot read it (${fsReason(err)})`);
  }
}

async function readJson<T>(dir: string, name: string): Promise<T> {
  const path = join(dir, name);
  if (!existsSync(path)) throw new InputError(`${showPath(dir)} is not a complete fuota-sim results folder: ${name} is missing`);
  return readJsonFile(path) as T;
}

/** The plot columns of devices.csv. */
export function parseDeviceRows(text: string): DevicePlotRows {
  const { columns, rows } = parseCsv(text);
  const col = (name: string): number => {
    const i = columns.indexOf(name);
    if (i < 0) throw new InputError(`devices.csv has no column ${name}`);
    return i;
  };
  const [x, y, st, dec, en] = [col('x'), col('y'), col('status'), col('decodedAtS'), col('energyJ')];
  return {
    xM: rows.map((r) => Number(r[x])),
    yM: rows.map((r) => Number(r[y])),
    status: rows.map((r) => r[st]),
    decodedAtS: rows.map((r) => (r[dec] === '' ? null : Number(r[dec]))),
    energyJ: rows.map((r) => Number(r[en])),
  };
}

/** Read a results folder written by writeRunResults. Missing or damaged files are an InputError (exit 2). */
export async function readRunResults(dir: string): Promise<RunFiles> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`no results folder at ${showPath(dir)}`);
  const { simulatorVersion, ...scenario } = await readJson<ResolvedScenario & { simulatorVersion: string }>(dir, 'scenario.resolved.json');
  const summary = await readJson<Summary>(dir, 'summary.json');
  const series = await readJson<SeriesFile>(dir, 'series.json');
  const dutySeries = existsSync(join(dir, 'dutycycle.csv')) ? parseDutyCycleCsv(await readText(dir, 'dutycycle.csv')) : [];
  const deviceRows = existsSync(join(dir, 'devices.csv')) ? parseDeviceRows(await readText(dir, 'devices.csv')) : null;
  const data: RunPlotData = {
    name: scenario.name,
    region: scenario.region,
    dlClass: scenario.multicastGroup.dlClass,
    devices: summary.devices,
    campaignDurationS: summary.campaignDurationS,
    timeTo90S: summary.timeTo90S,
    timeTo95S: summary.timeTo95S,
    completion: series.completion,
    deviceRows,
    gatewaysM: scenario.gateways.positions,
    dutyCycle: { binS: series.dutyCycleBinS, series: dutySeries },
    phases: series.phases,
  };
  return { input: { scenario, simulatorVersion, summary }, data };
}
