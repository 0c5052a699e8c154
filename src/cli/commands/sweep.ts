/** `fuota-sim sweep <scenario>`: every sweep point × replication, on worker threads, shardable and resumable. */
import type { CommandModule } from 'yargs';
import { parseShard, type Shard } from '../../sweep/plan.js';
import { defaultWorkers } from '../../sweep/pool.js';
import { UsageError } from '../errors.js';
import { jsonFlag, printJson } from '../json.js';
import { allowLargeFlag, numberFlag, numberOption } from '../options.js';

interface SweepArgs {
  scenario: string;
  workers?: string;
  shard?: string;
  resume: boolean;
  force: boolean;
  out?: string;
  quiet: boolean;
  trace: boolean;
  plots: boolean;
  'run-plots': boolean;
  'allow-large': boolean;
  json: boolean;
}

/** Most worker threads accepted (each holds a whole run in memory). */
const MAX_WORKERS = 1024;

/** Checks --workers and --shard; throws UsageError listing the problems. No --workers: undefined (automatic, sweep/autoWorkers.ts). */
export function parseParallelism(workers: unknown, shard: unknown): { workers: number | undefined; shard: Shard | null } {
  const problems: string[] = [];
  const w = numberOption(workers, { flag: '--workers', min: 1, max: MAX_WORKERS }, problems);
  let s: Shard | null = null;
  if (Array.isArray(shard)) {
    problems.push('--shard: given more than once; allowed: one i/N');
  } else if (shard !== undefined) {
    try {
      s = parseShard(String(shard));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
  return { workers: w, shard: s };
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'Run every point of a scenario\'s sweep × its replications; write per-run folders, summary.csv, aggregate.csv and plots',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (JSON or YAML) with a "sweep" and/or "replications"' })
      .option('workers', numberFlag(
        `worker threads running runs in parallel, 1..${MAX_WORKERS}; 1 runs in this thread. Default: runs start in this thread, and worker threads (up to the idle cores, here ${defaultWorkers()} cores) ` +
          'take over only when the remaining runs are long enough to pay for their start-up (see docs/workflows.md). Results are byte-identical for any value',
      ))
      .option('shard', {
        type: 'string',
        describe: 'run only slice i of N (i = 1..N): runs whose index ≡ i−1 (mod N). Give each shard its own --out and join them with "fuota-sim merge"',
      })
      .option('resume', { type: 'boolean', default: false, describe: 'finish an interrupted sweep in its folder: run only the runs without a complete folder' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing sweep folder' })
      .option('out', { type: 'string', describe: 'sweep folder (default results/<name>, or results/<name>-shard-<i>of<N> with --shard)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar (it is also off when standard error is not a terminal)' })
      .option('trace', { type: 'boolean', default: false, describe: 'write transmissions.csv in every run folder' })
      .option('plots', { type: 'boolean', default: true, describe: 'draw the sweep plots and report.html (--no-plots skips them)' })
      .option('run-plots', { type: 'boolean', default: false, describe: "also draw every run's own plots and report.html (slow; off by default)" })
      .option('allow-large', allowLargeFlag)
      .option('json', jsonFlag)
      .example('$0 sweep scenarios/sweep-class-redundancy.json', 'all points, all cores → results/<name>/')
      .example('$0 sweep s.json --shard 2/4 --out out/shard-2', 'the second of four slices (one machine of four)')
      .example('$0 sweep s.json --resume', 'finish a sweep that was interrupted')
      .epilog('Replications run with seeds seed, seed+1, ...; aggregate.csv has mean, sd and a Student-t 95 % CI per point. See docs/workflows.md.'),
  handler: async (argv) => {
    const { workers, shard } = parseParallelism(argv.workers, argv.shard);
    if (argv.resume && argv.force) throw new UsageError(['--resume and --force contradict each other: pick one']);
    // the sweep machinery (and vega for its plots) loads only when a sweep runs: start-up stays fast
    const [{ runSweep }, { displayPath }] = await Promise.all([import('../../sweep/prepare.js'), import('../../sweep/runner.js')]);
    const outcome = await runSweep(argv.scenario, {
      workers,
      shard,
      resume: argv.resume,
      force: argv.force,
      out: argv.out,
      trace: argv.trace,
      plots: argv.plots,
      runPlots: argv['run-plots'],
      quiet: argv.quiet,
      allowLarge: argv['allow-large'],
    });
    if (argv.json) {
      printJson((await import('../json-results.js')).sweepJson('sweep', outcome));
      return;
    }
    const { manifest } = outcome;
    const total = manifest.runs.length;
    const slice = shard ? `shard ${shard.index}/${shard.count}: ${outcome.runsInSlice} of ${total} runs` : `${total} runs`;
    const redone = outcome.runsRedone > 0 ? `, ${outcome.runsRedone} incomplete run folder(s) redone` : '';
    const skipped = outcome.runsSkipped > 0 ? ` (${outcome.runsSkipped} already complete${redone})` : redone ? ` (${redone.slice(2)})` : '';
    process.stdout.write(
      `sweep ${manifest.name}: ${manifest.points.length} point(s) × ${manifest.replications} replication(s); ${slice}, ` +
        `ran ${outcome.runsExecuted}${skipped} → ${displayPath(outcome.outDir)}\n`,
    );
    if (!outcome.complete) {
      process.stdout.write(`${total - outcome.runsPresent} run(s) of the sweep are elsewhere: join the shard folders with fuota-sim merge <dirs...> --out DIR\n`);
    }
  },
};

