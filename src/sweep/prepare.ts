/** Loads a scenario file and expands its sweep into the points a sweep runs. */
import { loadScenarioFile } from '../scenario/load.js';
import { expandSweep } from '../scenario/sweep.js';
import type { PreparedSweep } from './runner.js';

/** Reads, validates and expands `file`; throws ScenarioError (exit 2) listing every problem. */
export function prepareSweep(file: string): PreparedSweep {
  const { raw, scenario, baseDir } = loadScenarioFile(file);
  const points = expandSweep(raw, { baseDir, sourceName: file });
  return {
    name: scenario.name,
    sweptPaths: Object.keys(points[0].values),
    points: points.map((p) => ({ index: p.index, values: p.values })),
    scenarios: points.map((p) => p.scenario),
    replications: scenario.replications,
  };
}
