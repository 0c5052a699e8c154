/**
 * Capacity planning (`fuota-sim plan`): simulate the user's fleet under every setting of a grid
 * (capacity-grid.ts), then report the Pareto front of time to 95 % against mean energy per device
 * and the setting to use under a deadline and an energy budget (pareto.ts). Writes the runs as a
 * sweep folder plus plan.csv, the plot (plan.vl.json, plan.svg) and report.html (planReport.ts).
 */
import { join } from 'node:path';
import { InputError, showPath } from '../errors/index.js';
import { summaryCsv } from '../output/csv.js';
import { writeFileAtomic } from '../output/atomic.js';
import { roundDeep, stableJson } from '../output/format.js';
import type { VlSpec } from '../output/plots/index.js';
import { renderSvg } from '../output/svg.js';
import { loadScenarioFile } from '../scenario/load.js';
import { capacityPlot } from './capacity-plot.js';
import { defaultGrid, expandPlanGrid, PLAN_PATHS, type PlanGrid } from './capacity-grid.js';
import { paretoFront, recommend, type PlanCandidate, type PlanConstraints, type Recommendation } from './pareto.js';
import { executeSweep, type SweepRunOptions } from './runner.js';
import { buildPlanReportHtml } from './planReport.js';
import { aggregateMetric, readRunRecords } from './tables.js';
import { SIMULATOR_VERSION } from '../sim/simulate.js';

export interface CapacityOptions extends PlanConstraints, Pick<SweepRunOptions, 'workers' | 'out' | 'force' | 'resume' | 'onStart' | 'onProgress'> {
  /** grid axes to use instead of the defaults */
  grid?: Partial<PlanGrid>;
  /** lift the size limits (--allow-large) */
  allowLarge?: boolean;
}

export interface CapacityPlan {
  outDir: string;
  grid: PlanGrid;
  candidates: PlanCandidate[];
  front: PlanCandidate[];
  recommendation: Recommendation;
  /** grid combinations left out, with the reason */
  skipped: string[];
}

export const PLAN_CSV_COLUMNS = [
  'point', 'dlClass', 'dlDr', 'redundancyPercent', 'fragmentSizeBytes', 'n', 'timeTo95S', 'energyMeanJ', 'updatedRatio',
  'paretoFront', 'meetsDeadline', 'meetsEnergyBudget', 'recommended',
];

/** Thrown when no setting of the grid is valid for the scenario (the CLI exits 2). */
export class EmptyPlanError extends InputError {
  override name = 'EmptyPlanError';
}

export async function planCapacity(file: string, opts: CapacityOptions = {}): Promise<CapacityPlan> {
  const { raw, scenario, baseDir } = loadScenarioFile(file, { allowLarge: opts.allowLarge });
  const grid: PlanGrid = { ...defaultGrid(scenario.region), ...opts.grid };
  const { prepared, skipped } = expandPlanGrid(raw, scenario, grid, { baseDir, sourceName: file, allowLarge: opts.allowLarge });
  if (prepared.points.length === 0) {
    throw new EmptyPlanError(skipped, `no setting of the grid is valid for ${showPath(file)}:`);
  }
  const outcome = await executeSweep(prepared, { ...opts, out: opts.out ?? join('results', prepared.name), plots: false });
  const runs = readRunRecords(outcome.outDir, outcome.manifest);
  const candidates = prepared.points.map((pt): PlanCandidate => {
    const own = runs.filter((r) => r.point === pt.index);
    const mean = (m: string) => aggregateMetric(own.map((r) => r.metrics[m] ?? null)).mean;
    // devices that rebuilt and verified the image (what time to 95 % counts), when the summaries carry it
    const rebuilt = own.every((r) => typeof r.metrics.devicesRebuilt === 'number' && typeof r.metrics.devices === 'number' && r.metrics.devices > 0)
      ? aggregateMetric(own.map((r) => (r.metrics.devicesRebuilt as number) / (r.metrics.devices as number))).mean
      : null;
    const v = pt.values;
    return {
      point: pt.index,
      dlClass: String(v[PLAN_PATHS[0]]),
      dlDr: Number(v[PLAN_PATHS[1]]),
      redundancyPercent: Number(v[PLAN_PATHS[2]]),
      fragmentSizeBytes: Number(v[PLAN_PATHS[3]]),
      n: own.length,
      timeTo95S: mean('timeTo95S'),
      energyMeanJ: mean('energyMeanJ'),
      updatedRatio: mean('updatedRatio'),
      reachedRatio: rebuilt ?? mean('updatedRatio'),
    };
  });
  const constraints: PlanConstraints = { deadlineS: opts.deadlineS, energyBudgetJ: opts.energyBudgetJ };
  const front = paretoFront(candidates);
  const recommendation = recommend(candidates, constraints);
  const onFront = new Set(front.map((c) => c.point));
  const rows = candidates.map((c) => ({
    ...c,
    paretoFront: onFront.has(c.point),
    meetsDeadline: c.timeTo95S !== null && (constraints.deadlineS === undefined || c.timeTo95S <= constraints.deadlineS),
    meetsEnergyBudget: c.energyMeanJ !== null && (constraints.energyBudgetJ === undefined || c.energyMeanJ <= constraints.energyBudgetJ),
    recommended: recommendation.choice?.point === c.point,
  }));
  await writeFileAtomic(join(outcome.outDir, 'plan.csv'), summaryCsv(rows, PLAN_CSV_COLUMNS));
  const spec = roundDeep(capacityPlot(candidates, front, recommendation.choice, constraints, `Capacity plan: ${scenario.name}`)) as VlSpec;
  await writeFileAtomic(join(outcome.outDir, 'plan.vl.json'), stableJson(spec));
  await writeFileAtomic(join(outcome.outDir, 'plan.svg'), await renderSvg(spec));
  const plan: CapacityPlan = { outDir: outcome.outDir, grid, candidates, front, recommendation, skipped };
  const plot = {
    name: 'plan',
    title: 'Capacity plan',
    description:
      'Upper panel: each setting that updated 95 % of the devices, by how long that took and the mean energy per device; settings with the same outcome share one mark (×n). ' +
      'Filled marks on the dashed line are the Pareto front; the ring is the recommendation; red dashed lines are the deadline and the energy budget. ' +
      'Lower panel: the settings that never updated 95 %, by the share they did reach: why they are not on the front.',
    spec,
  };
  const html = buildPlanReportHtml({ plan, scenario, simulatorVersion: SIMULATOR_VERSION, deadlineS: opts.deadlineS, energyBudgetJ: opts.energyBudgetJ, plot });
  await writeFileAtomic(join(outcome.outDir, 'report.html'), html);
  return plan;
}
