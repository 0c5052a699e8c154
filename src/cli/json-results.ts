/** The JSON objects of `--json` (json.ts): one builder per command. */
import { join } from 'node:path';
import { reasonEntries } from '../output/reasons.js';
import { readJsonFile } from '../scenario/json.js';
import { SUMMARY_COLUMNS, type RunResult } from '../sim/types.js';
import type { CapacityPlan } from '../sweep/capacity.js';
import type { CompareRow } from '../sweep/compare.js';
import { absenceReasons } from '../sweep/pareto.js';
import type { SweepOutcome } from '../sweep/runner.js';
import { AGGREGATE_SUFFIXES } from '../sweep/tables.js';

/**
 * `run --json`: the summary (`summary`: the object summary.json holds), why devices were not updated,
 * and the files written.
 */
export function runJson(result: Pick<RunResult, 'scenario' | 'summary'>, summary: Record<string, unknown>, where: { outDir: string; files: readonly string[]; pcap: string | null }): Record<string, unknown> {
  return {
    command: 'run',
    name: result.scenario.name,
    seed: result.scenario.seed,
    outDir: where.outDir,
    files: where.files,
    pcap: where.pcap,
    summary,
    notUpdated: reasonEntries(result.summary, result.scenario),
  };
}

/**
 * `sweep --json` (and `run --json` of replications): what ran, and per sweep point its swept values,
 * its number of runs and every metric's mean, sd and 95 % interval (aggregate.csv as objects).
 */
export function sweepJson(command: 'sweep' | 'run', outcome: SweepOutcome): Record<string, unknown> {
  const { manifest } = outcome;
  const table = readJsonFile(join(outcome.outDir, 'summary.json')) as { aggregate: Array<Record<string, number | string | null>> };
  const points = table.aggregate.map((row) => ({
    point: row.point,
    values: Object.fromEntries(manifest.sweptPaths.map((p) => [p, row[p]])),
    n: row.n,
    metrics: Object.fromEntries(SUMMARY_COLUMNS.map((m) => [m, Object.fromEntries(AGGREGATE_SUFFIXES.map((x) => [x, row[`${m}_${x}`] ?? null]))])),
  }));
  return {
    command,
    name: manifest.name,
    outDir: outcome.outDir,
    sweptPaths: manifest.sweptPaths,
    replications: manifest.replications,
    runs: {
      planned: manifest.runs.length,
      inSlice: outcome.runsInSlice,
      executed: outcome.runsExecuted,
      skipped: outcome.runsSkipped,
      redone: outcome.runsRedone,
      present: outcome.runsPresent,
    },
    complete: outcome.complete,
    files: outcome.files.map((f) => join(outcome.outDir, f)),
    points,
  };
}

/**
 * `plan --json`: the settings simulated, the Pareto front (time to 95 % against mean energy per
 * device) and the recommendation with the sentence the text output prints.
 */
export function planJson(plan: CapacityPlan, constraints: { deadlineS?: number; energyBudgetJ?: number }, text: string): Record<string, unknown> {
  const r = plan.recommendation;
  return {
    command: 'plan',
    outDir: plan.outDir,
    deadlineS: constraints.deadlineS ?? null,
    energyBudgetJ: constraints.energyBudgetJ ?? null,
    settings: plan.candidates.length,
    skipped: plan.skipped,
    front: plan.front,
    // why a class has no setting on the front (the sentences the text output prints under the table)
    absent: absenceReasons(plan.candidates, plan.front),
    recommendation: {
      choice: r.choice,
      binding: r.binding,
      fastestWithinBudget: r.fastestWithinBudget,
      cheapestWithinDeadline: r.cheapestWithinDeadline,
      text,
    },
  };
}

/** `compare --json`: every value compared with its verdict, and the overall result (the exit code's meaning). */
export function compareJson(files: { baseline: string; current: string }, rows: readonly CompareRow[], changesOnly: boolean): Record<string, unknown> {
  const changed = rows.filter((r) => r.verdict === 'CHANGED').length;
  const missing = rows.filter((r) => r.verdict === 'MISSING').length;
  const shown = changesOnly ? rows.filter((r) => r.verdict !== 'ok' || r.changePercent !== 0) : rows;
  return {
    command: 'compare',
    baseline: files.baseline,
    current: files.current,
    result: changed + missing > 0 ? 'regression' : 'ok',
    values: rows.length,
    runs: new Set(rows.map((r) => r.run)).size,
    changed,
    missing,
    rows: shown.map((r) => ({
      run: r.run,
      metric: r.metric,
      baseline: r.baseline ?? null,
      current: r.current ?? null,
      // a relative change from 0 has no finite value: null, with the verdict CHANGED
      changePercent: r.changePercent !== null && Number.isFinite(r.changePercent) ? r.changePercent : null,
      tolerancePercent: r.tolerancePercent,
      verdict: r.verdict,
    })),
  };
}
