/**
 * Shared types for benchmark suites. Each suite in `bench/suites/` exports `suite`; `bench/run.ts`
 * runs them in one process, prints a table and writes `bench/results.json`.
 */
export interface BenchRow {
  suite: string;
  case: string;
  /** metric name -> value; names carry their unit (e.g. `wallS`, `usPerFragment`, `bytesPerDevice`) */
  metrics: Record<string, number>;
}

export interface BenchSuite {
  name: string;
  /** smoke: a few seconds in total, for CI; full: the figures quoted in docs/benchmarks.md */
  run(opts: { smoke: boolean }): Promise<BenchRow[]>;
}
