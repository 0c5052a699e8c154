/**
 * What the plots and the report need from one run, in plain rounded numbers. It is built either
 * from a RunResult in memory (`plotDataFromResult`) or from a results folder (`readRunResults` in
 * read.ts); both give the same values (every number rounded by format.ts's rule, as the files
 * store it), so `fuota-sim plot` redraws exactly the plots the run drew.
 */
import { rebuiltAndVerified } from '../sim/summary.js';
import { getRegion } from '../lorawan/regions/index.js';
import type { RegionName } from '../scenario/types.js';
import type { RunResult } from '../sim/types.js';
import { roundDeep, roundNumber } from './format.js';

export type PhaseName = RunResult['phases'][number]['phase'];

export interface CompletionPoint {
  /** seconds from campaign start */
  timeS: number;
  /** share (0..1) of the whole fleet that had rebuilt and verified the image by then */
  share: number;
}

export interface DevicePlotRows {
  xM: number[];
  yM: number[];
  status: string[];
  /** seconds from campaign start; null when never */
  decodedAtS: Array<number | null>;
  energyJ: number[];
}

export interface DutyCyclePlotSeries {
  gateway: number;
  subBand: string;
  /** the sub-band's duty-cycle limit as a share (0.01 = 1 %), null when unknown or none */
  limit: number | null;
  /** airtime used in each bin, s */
  airtimeS: number[];
}

export interface RunPlotData {
  name: string;
  /** the scenario's region, for the names of its sub-bands */
  region: RegionName;
  dlClass: string;
  devices: number;
  campaignDurationS: number;
  /** summary.json's time to 90 % and 95 % rebuilt and verified, s from the campaign start; null when never */
  timeTo90S: number | null;
  timeTo95S: number | null;
  completion: CompletionPoint[];
  /** per-device rows; null when the run wrote no devices.csv */
  deviceRows: DevicePlotRows | null;
  gatewaysM: Array<[number, number]>;
  dutyCycle: { binS: number; series: DutyCyclePlotSeries[] };
  phases: RunResult['phases'];
}

/**
 * When the multicast session began, s from the campaign start: the start of the distribution phase
 * (phases run from simulation start; setup starts at the campaign start). Null without one.
 */
export function sessionStartFromPhases(phases: RunPlotData['phases']): number | null {
  const dist = phases.find((p) => p.phase === 'distribution');
  if (!dist) return null;
  const campaignStartS = phases.find((p) => p.phase === 'setup')?.startS ?? 0;
  return dist.startS - campaignStartS;
}

/** `869.4–869.65 MHz (10 %)`: a sub-band by its frequencies and duty-cycle limit, as people know it. */
export function subBandTitle(region: RegionName, subBand: string): string {
  const band = getRegion(region).subBands.find((b) => b.name === subBand);
  if (!band) return subBand;
  const mhz = (hz: number) => String(roundNumber(hz / 1e6));
  const limit = band.dutyCycle >= 1 ? 'no duty-cycle limit' : `${roundNumber(band.dutyCycle * 100)} %`;
  return `${mhz(band.minHz)}–${mhz(band.maxHz)} MHz (${limit})`;
}

/** The share at time t of a step curve (0 before its first point). */
export function shareAt(curve: readonly CompletionPoint[], t: number): number {
  let share = 0;
  for (const p of curve) {
    if (p.timeS > t) break;
    share = p.share;
  }
  return share;
}

/** Most points kept in a completion curve (the curve is a step function; see completionPoints). */
export const MAX_COMPLETION_POINTS = 1000;

/**
 * The completion curve as step points: (0, 0), then after each decode time the share of the fleet
 * (`total` devices) updated so far, thinned to at most `maxPoints` evenly spaced steps (the last step
 * is always kept), and a final point at `endS` so the plateau shows.
 */
export function completionPoints(
  decodedAtS: ArrayLike<number>,
  updated: (i: number) => boolean,
  total: number,
  endS: number,
  maxPoints = MAX_COMPLETION_POINTS,
): CompletionPoint[] {
  const times: number[] = [];
  for (let i = 0; i < decodedAtS.length; i++) {
    const t = decodedAtS[i];
    if (Number.isFinite(t) && updated(i)) times.push(t);
  }
  times.sort((a, b) => a - b);
  const steps: CompletionPoint[] = [];
  for (let k = 0; k < times.length; k++) {
    if (k + 1 < times.length && times[k + 1] === times[k]) continue; // one step per distinct time
    steps.push({ timeS: times[k], share: total > 0 ? (k + 1) / total : 0 });
  }
  const stride = Math.max(1, Math.ceil(steps.length / maxPoints));
  const points: CompletionPoint[] = [{ timeS: 0, share: 0 }];
  for (let k = 0; k < steps.length; k++) {
    if ((k + 1) % stride === 0 || k === steps.length - 1) points.push(steps[k]);
  }
  const last = points[points.length - 1];
  if (endS > last.timeS) points.push({ timeS: endS, share: last.share });
  return points;
}

/**
 * The duty-cycle limit of a sub-band: the series' own `limit` when the simulator gives one, else the
 * region's table (lorawan/regions); null when the band has no limit (share 1) or is unknown.
 */
function limitOf(s: { subBand: string }, region: RegionName): number | null {
  const own = 'limit' in s && typeof s.limit === 'number' ? s.limit : undefined;
  const limit = own ?? getRegion(region).subBands.find((b) => b.name === s.subBand)?.dutyCycle;
  return limit === undefined || limit >= 1 ? null : limit;
}

/** The plot data of a run held in memory. `withDevices` false leaves out the per-device rows. */
export function plotDataFromResult(result: RunResult, withDevices = result.scenario.outputs.devices): RunPlotData {
  const d = result.devices;
  const data: RunPlotData = {
    name: result.scenario.name,
    region: result.scenario.region,
    dlClass: result.scenario.multicastGroup.dlClass,
    devices: result.summary.devices,
    campaignDurationS: result.summary.campaignDurationS,
    timeTo90S: result.summary.timeTo90S,
    timeTo95S: result.summary.timeTo95S,
    completion: completionPoints(d.decodedAtS, (i) => rebuiltAndVerified(d.status[i]), d.count, result.summary.campaignDurationS),
    deviceRows: withDevices
      ? {
          xM: Array.from(d.xM),
          yM: Array.from(d.yM),
          status: [...d.status],
          decodedAtS: Array.from(d.decodedAtS),
          energyJ: Array.from(d.energyJ),
        }
      : null,
    gatewaysM: result.scenario.gateways.positions.map(([x, y]) => [x, y]),
    dutyCycle: {
      binS: result.dutyCycle.binS,
      series: result.dutyCycle.series.map((s) => ({
        gateway: s.gateway,
        subBand: s.subBand,
        limit: limitOf(s, result.scenario.region),
        airtimeS: Array.from(s.airtimeS),
      })),
    },
    phases: result.phases.map((p) => ({ ...p })),
  };
  return roundDeep(data) as RunPlotData;
}
