/**
 * The default way a sweep runs its runs (`--workers` not given): in this thread first, and on
 * worker threads only once that is measured to pay.
 *
 * Why: a worker thread is not free. Each loads the simulator's modules and warms up its own JIT;
 * measured on a 2-vCPU machine, the first run of a 200-device sweep costs 0.47 s of CPU cold and
 * 0.06 s warm, and loading a worker 0.2 s more (docs/benchmarks.md, "Worker threads"). Two workers
 * pay that twice while this thread idles, so a sweep of short runs finished later with
 * `--workers 2` than with `--workers 1`, and more so when other processes already kept the cores
 * busy. So the runs start here; after at least MEASURE_S of work, the remaining runs are estimated
 * from the latest run, and worker threads (one per idle core, `os.loadavg` deciding which are idle)
 * take over only when the estimate says they would finish at least GAIN sooner than this thread
 * alone, start-up included. Results are byte-identical whichever thread runs a run.
 */
import { availableParallelism, loadavg } from 'node:os';
import { EXIT, FuotaSimError, printableLine } from '../errors/index.js';
import { executeRun, type RunDone, type RunTask } from './execute.js';
import { resolveWorkerFile } from '../engine/worker-file.js';
import { createWorkerPool } from './pool.js';

/** Work measured in this thread before deciding, s. */
export const MEASURE_S = 1;
/** Least share of the remaining time that workers must save. */
export const GAIN = 0.2;
/** Loading the simulator into a fresh worker thread, s (measured: 0.2 s on a 2-vCPU machine). */
export const WORKER_LOAD_S = 0.2;

/**
 * How many worker threads to start for the remaining runs, given the durations of the runs done so
 * far in this thread (s, in order), the runs left, the most workers allowed and the idle cores.
 * 0 or 1: keep running here. A worker costs its load time plus the warm-up this thread paid (first
 * run minus latest run); the runs left are estimated at the latest run's duration.
 */
export function workersWorthStarting(runTimesS: readonly number[], remaining: number, maxWorkers: number, idleCores: number): number {
  if (remaining < 2 || runTimesS.reduce((a, b) => a + b, 0) < MEASURE_S) return 0;
  const w = Math.min(maxWorkers, Math.floor(idleCores), remaining);
  if (w < 2) return 0;
  const latest = runTimesS[runTimesS.length - 1];
  const hereS = remaining * latest;
  const startS = WORKER_LOAD_S + Math.max(0, runTimesS[0] - latest);
  return startS + hereS / w <= (1 - GAIN) * hereS ? w : 0;
}

/** Cores not kept busy by other processes: the cores minus the 1-minute load average (this thread's own share taken out). */
export function idleCores(): number {
  const cores = availableParallelism();
  return Math.max(0, Math.min(cores, Math.round(cores - Math.max(0, loadavg()[0] - 1))));
}

export interface AutoOptions {
  /** most worker threads (default: the cores) */
  maxWorkers?: number;
  /** idle cores now (default: idleCores()) */
  idle?: () => number;
  /** clock in s (default: performance.now() / 1000) */
  nowS?: () => number;
  /** called once when worker threads take over, with their number */
  onWorkers?: (workers: number) => void;
}

/** Runs every task (in this thread, then maybe on workers, see above); `onDone` after each. */
export async function executeAuto(tasks: readonly RunTask[], onDone: (d: RunDone) => void, opts: AutoOptions = {}): Promise<void> {
  const nowS = opts.nowS ?? (() => performance.now() / 1000);
  const queue = [...tasks];
  const times: number[] = [];
  let workers = 0;
  while (queue.length > 0 && workers === 0) {
    const t0 = nowS();
    onDone(await executeRun(queue.shift() as RunTask));
    times.push(nowS() - t0);
    workers = workersWorthStarting(times, queue.length, opts.maxWorkers ?? availableParallelism(), (opts.idle ?? idleCores)());
  }
  if (queue.length === 0) return;
  opts.onWorkers?.(workers);
  await runOnPool(queue, workers, onDone);
}

/** Runs every task on a pool of `workers` worker threads; `onDone` after each. */
export async function runOnPool(tasks: readonly RunTask[], workers: number, onDone: (d: RunDone) => void): Promise<void> {
  const pool = createWorkerPool<RunTask, RunDone>(resolveWorkerFile('worker', import.meta.url), workers);
  try {
    await Promise.all(
      tasks.map((t) =>
        pool.run(t).then(onDone, (err: Error) => {
          // the worker's error arrives as a message: a refused write or a full disk is reported as such
          if (/^E[A-Z]+: /.test(err.message)) throw new FuotaSimError(`run ${t.runId}: ${printableLine(err.message, 300)}`, EXIT.io);
          throw new Error(`run ${t.runId} failed: ${err.message}`, { cause: err });
        }),
      ),
    );
  } finally {
    await pool.close();
  }
}
