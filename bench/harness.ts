/**
 * Shared types and helpers for benchmark suites. Each suite in `bench/suites/` exports `suite`;
 * `bench/run.ts` runs them in one process, prints a table and writes `bench/results.json`.
 */
import { execFileSync } from 'node:child_process';

export interface BenchRow {
  suite: string;
  case: string;
  /** metric name -> value; names carry their unit (e.g. `wallS`, `usPerFragment`, `bytesPerDevice`) */
  metrics: Record<string, number>;
}

export interface BenchOptions {
  /** a few seconds in total, for CI; otherwise the figures quoted in docs/benchmarks.md */
  smoke: boolean;
  /** also the long whole-campaign case (100 000 devices, 25 gateways) */
  campaign: boolean;
  /** also the million-device case */
  large: boolean;
}

export interface BenchSuite {
  name: string;
  run(opts: BenchOptions): Promise<BenchRow[]>;
}

/**
 * Runs `node [nodeArgs] script args` in a child process and returns the numeric fields of the JSON
 * object on its last line of output (null and non-numeric fields are left out).
 */
export function runJsonChild(script: string, args: string[], nodeArgs: string[] = []): Record<string, number> {
  const out = execFileSync(process.execPath, [...nodeArgs, script, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const parsed = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
  return metrics;
}
