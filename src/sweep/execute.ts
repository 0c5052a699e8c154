/**
 * One run of a sweep: simulate the resolved scenario and write its result folder
 * `<runsDir>/<runId>/` atomically (writeRunResults fills a temporary sibling and renames it).
 * The same function runs in-process (`--workers 1`) and inside worker threads (worker.ts).
 */
import { join } from 'node:path';
import { writeRunResults } from '../output/results.js';
import type { ResolvedScenario } from '../scenario/types.js';
import { simulate } from '../sim/simulate.js';

export interface RunTask {
  runId: string;
  scenario: ResolvedScenario;
  runsDir: string;
  /** write transmissions.csv for every run */
  trace: boolean;
}

export interface RunDone {
  runId: string;
  wallTimeS: number;
}

export async function executeRun(task: RunTask): Promise<RunDone> {
  const result = simulate(task.scenario);
  await writeRunResults(join(task.runsDir, task.runId), result, { force: true, trace: task.trace, runId: task.runId });
  return { runId: task.runId, wallTimeS: result.timing.wallTimeS };
}
