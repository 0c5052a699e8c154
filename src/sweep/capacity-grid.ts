/**
 * The settings a capacity plan tries: class × downlink data rate × redundancy × fragment size,
 * applied to the user's scenario (fleet, region, image). Combinations the scenario rules reject
 * (e.g. a fragment too large for the data rate) are skipped with the reason.
 */
import { getRegion } from '../lorawan/regions/index.js';
import { ScenarioError } from '../scenario/errors.js';
import { resolveScenario } from '../scenario/resolve.js';
import type { DlClass, RegionName, ResolvedScenario } from '../scenario/types.js';
import type { PreparedSweep } from './runner.js';

/** A fragment size in bytes, the largest that fits the data rate, or half of that. */
export type FragmentSizeChoice = number | 'max' | 'half';

export interface PlanGrid {
  classes: DlClass[];
  dataRates: number[];
  redundancies: number[];
  fragmentSizes: FragmentSizeChoice[];
}

export const PLAN_PATHS = ['multicastGroup.dlClass', 'multicastGroup.dlDr', 'fuotaTask.redundancyPercent', 'fuotaTask.fragmentSizeBytes'];

/**
 * The default grid: both classes; three downlink LoRa data rates usable for class B, spread from
 * the slowest to the fastest; 10, 25 and 50 % redundancy; the largest fragment and half of it.
 */
export function defaultGrid(regionName: RegionName): PlanGrid {
  const region = getRegion(regionName);
  const drs = region.classBAllowedDataRates.filter((dr) => {
    const rate = region.dataRates[dr];
    return rate?.modulation === 'LoRa' && rate.downlink && region.maxFrmPayloadBytes(dr) > 0;
  });
  const spread = [...new Set([drs[0], drs[Math.floor((drs.length - 1) / 2)], drs[drs.length - 1]])].filter((d) => d !== undefined);
  return { classes: ['ClassB', 'ClassC'], dataRates: spread, redundancies: [10, 25, 50], fragmentSizes: ['max', 'half'] };
}

type Obj = Record<string, unknown>;

function withSetting(raw: Obj, dlClass: DlClass, dlDr: number, redundancyPercent: number, fragmentSizeBytes: number | null): Obj {
  const out = structuredClone(raw);
  delete out.sweep;
  const mg = { ...((out.multicastGroup as Obj | undefined) ?? {}), dlClass, dlDr };
  const task: Obj = { ...((out.fuotaTask as Obj | undefined) ?? {}), redundancyPercent };
  if (fragmentSizeBytes === null) delete task.fragmentSizeBytes;
  else task.fragmentSizeBytes = fragmentSizeBytes;
  return { ...out, multicastGroup: mg, fuotaTask: task };
}

export interface PlanExpansion {
  prepared: PreparedSweep;
  /** combinations left out, with the reason */
  skipped: string[];
}

/** Every valid setting of the grid applied to `raw`, as a sweep named `<name>-plan`. */
export function expandPlanGrid(raw: unknown, base: ResolvedScenario, grid: PlanGrid, opts: { baseDir: string; sourceName?: string; allowLarge?: boolean }): PlanExpansion {
  const rawObj = (raw ?? {}) as Obj;
  const scenarios: ResolvedScenario[] = [];
  const values: Array<Record<string, unknown>> = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const resolve = (r: Obj) => resolveScenario(r, { baseDir: opts.baseDir, sourceName: opts.sourceName, allowLarge: opts.allowLarge });
  for (const dlClass of grid.classes) {
    for (const dlDr of grid.dataRates) {
      for (const redundancy of grid.redundancies) {
        for (const size of grid.fragmentSizes) {
          const label = `${dlClass} DR${dlDr}, ${redundancy} % redundancy, fragment size ${size}`;
          try {
            let bytes: number | null = typeof size === 'number' ? size : null;
            if (size === 'half') bytes = Math.max(1, Math.floor(resolve(withSetting(rawObj, dlClass, dlDr, redundancy, null)).fuotaTask.fragmentSizeBytes / 2));
            const s = resolve(withSetting(rawObj, dlClass, dlDr, redundancy, bytes));
            const key = `${dlClass}/${dlDr}/${redundancy}/${s.fuotaTask.fragmentSizeBytes}`;
            if (seen.has(key)) continue;
            seen.add(key);
            scenarios.push(s);
            values.push({ [PLAN_PATHS[0]]: dlClass, [PLAN_PATHS[1]]: dlDr, [PLAN_PATHS[2]]: redundancy, [PLAN_PATHS[3]]: s.fuotaTask.fragmentSizeBytes });
          } catch (err) {
            if (!(err instanceof ScenarioError)) throw err;
            skipped.push(`${label}: ${err.problems[0]}`);
          }
        }
      }
    }
  }
  return {
    prepared: {
      name: `${base.name}-plan`,
      sweptPaths: PLAN_PATHS,
      points: values.map((v, index) => ({ index, values: v })),
      scenarios,
      replications: base.replications,
    },
    skipped,
  };
}
