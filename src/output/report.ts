/**
 * report.html: one self-contained page per run (or per sweep) with the headline numbers, the
 * interactive plots with a short explanation each, and the resolved scenario. Deterministic: the
 * same inputs give the same bytes (no dates, no wall time).
 */
import { SUMMARY_METRICS, type RunResult, type Summary } from '../sim/types.js';
import { formatNumber, roundDeep, stableJson } from './format.js';
import { parameterTitle, type PlotEntry } from './plots/index.js';
import { humanBytes, humanCount, humanDuration, humanEnergy, humanPercent } from './report/human.js';
import { detailsHtml, escapeHtml, headlineHtml, reportPage, tableHtml } from './report/page.js';
import { reasonsHtml } from './reasons.js';

/** What the run report needs: a RunResult, or the same facts read back from a results folder. */
export type ReportInput = Pick<RunResult, 'scenario' | 'simulatorVersion' | 'summary'>;

function scenarioBlock(scenario: unknown): string {
  return detailsHtml('Resolved scenario (every default filled in)', `<pre>${escapeHtml(stableJson(scenario).trimEnd())}</pre>`);
}

function runMetaLine(s: ReportInput['scenario']): string {
  const gws = s.gateways.positions.length;
  return [
    s.region,
    `${s.multicastGroup.dlClass} at DR${s.multicastGroup.dlDr}`,
    `${humanCount(s.devices.count)} devices`,
    `${gws} gateway${gws === 1 ? '' : 's'}`,
    `image ${humanBytes(s.firmware.sizeBytes)}`,
    `fragments of ${s.fuotaTask.fragmentSizeBytes} B`,
    `${s.fuotaTask.redundancyPercent} % redundancy`,
    `seed ${s.seed}`,
  ].join(' · ');
}

/** The note under a time-to-X card: from the campaign start, and from the session start when there was one. */
function timeToNote(t: number | null, sessionStartS: number | null): string {
  if (t === null) return 'not reached';
  return sessionStartS === null ? 'since campaign start' : `since campaign start; ${humanDuration(t - sessionStartS)} into the session`;
}

/** The run report; `sessionStartS` (s from the campaign start, null without a session) adds times from the session start. */
export function buildReportHtml(result: ReportInput, specs: PlotEntry[], sessionStartS: number | null = null): string {
  const m = roundDeep(result.summary) as Summary; // the numbers summary.json holds, so a redraw matches
  const s = result.scenario;
  const headline = headlineHtml([
    { label: 'Devices updated', value: humanPercent(m.updatedRatio), note: `${humanCount(m.devicesUpdated)} of ${humanCount(m.devices)}` },
    { label: 'Time to 90 %', value: humanDuration(m.timeTo90S), note: timeToNote(m.timeTo90S, sessionStartS) },
    { label: 'Time to 95 %', value: humanDuration(m.timeTo95S), note: timeToNote(m.timeTo95S, sessionStartS) },
    { label: 'Campaign', value: humanDuration(m.campaignDurationS), note: `distribution ${humanDuration(m.distributionDurationS)}` },
    { label: 'Downlink airtime', value: humanDuration(m.downlinkAirtimeS), note: `${humanCount(m.fragmentsSent)} fragments sent` },
    { label: 'Max duty cycle', value: humanPercent(m.maxDutyCycle), note: `waited ${humanDuration(m.dutyCycleWaitS)} in total` },
    { label: 'Energy per device', value: humanEnergy(m.energyMeanJ), note: `mean; p95 ${humanEnergy(m.energyP95J)}` },
  ]) + reasonsHtml(m, s);
  const metrics = tableHtml(
    ['metric', 'value'],
    SUMMARY_METRICS.map((k) => [k, formatNumber(m[k])]),
  );
  return reportPage({
    title: `FUOTA campaign: ${s.name}`,
    subtitle: s.description || 'Simulated multicast firmware update over LoRaWAN',
    metaLine: runMetaLine(s),
    headline,
    plots: specs,
    tail: detailsHtml('All summary metrics (summary.json)', metrics) + '\n' + scenarioBlock(s),
    footer: `fuota-sim ${result.simulatorVersion} · the same scenario and seed give the same results byte for byte.`,
  });
}

export interface SweepReportInput {
  name: string;
  description?: string;
  simulatorVersion: string;
  /** the swept dotted paths, e.g. ["multicastGroup.dlClass", "fuotaTask.redundancyPercent"] */
  parameters: string[];
  /** the key metrics per sweep point, as text cells (sweep/sweepTable.ts) */
  table: { columns: string[]; rows: string[][] };
  /** runs done in total (points × replications) */
  runs: number;
  plots: PlotEntry[];
  /** the base scenario, shown collapsed */
  scenario?: unknown;
}

/** A link to a file next to the report. */
function fileLink(name: string): string {
  return `<a href="${escapeHtml(name)}">${escapeHtml(name)}</a>`;
}

export function buildSweepReportHtml(input: SweepReportInput): string {
  const headline = headlineHtml([
    { label: 'Sweep points', value: humanCount(input.table.rows.length), note: `${input.parameters.length} swept parameter${input.parameters.length === 1 ? '' : 's'}` },
    { label: 'Runs', value: humanCount(input.runs), note: 'points × replications' },
  ]);
  const table = tableHtml(input.table.columns, input.table.rows);
  const tail =
    '<section class="plot"><h2>Key metrics per sweep point</h2><p class="explain">Mean over the replications of each point, with its 95 % interval in brackets ' +
    '(Student t over replications; for the share of devices updated, the Wilson score interval of the pooled devices widened to the Student-t one, within 0–100 %). ' +
    `Every metric, with mean, standard deviation and interval: ${fileLink('aggregate.csv')}; one row per run: ${fileLink('summary.csv')}.</p>${table}</section>\n` +
    (input.scenario === undefined ? '' : scenarioBlock(input.scenario));
  return reportPage({
    title: `FUOTA sweep: ${input.name}`,
    subtitle: input.description || 'Simulated multicast firmware updates over a parameter sweep',
    metaLine: `swept: ${input.parameters.map(parameterTitle).join(', ') || 'nothing'}`,
    headline,
    plots: input.plots,
    tail,
    footer: `fuota-sim ${input.simulatorVersion} · the same sweep and seeds give the same results byte for byte.`,
  });
}
