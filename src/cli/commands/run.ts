/**
 * `fuota-sim run <scenario>`: one simulation run, results written to a folder. A scenario with
 * replications runs them all (seeds seed, seed+1, …) through the sweep runner.
 */
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { RunResult } from '../../sim/types.js';
import { humanDuration } from '../../output/report/human.js';
import { quote, showPath } from '../../errors/index.js';
import { checkOutputFile, checkOutputFolder } from '../../output/target.js';
import { readJsonFile } from '../../scenario/json.js';
import { UsageError } from '../errors.js';
import { allowLargeFlag, numberFlag, numberOption } from '../options.js';
import { jsonFlag, printJson } from '../json.js';
import { createProgress } from '../../output/progress.js';

interface RunArgs {
  scenario: string;
  out?: string;
  trace: boolean;
  seed?: string;
  force: boolean;
  quiet: boolean;
  pcap?: string;
  'allow-large': boolean;
  json: boolean;
}

/** A duration for people (the report's format), or that it was never reached. */
const fmtS = (s: number | null): string => (s === null ? 'not reached' : humanDuration(s));

/**
 * The short human summary printed after a run: the share updated, why the others were not (`why`,
 * one line per reason: output/reasons.ts), the figures.
 */
export function humanSummary(result: Pick<RunResult, 'scenario' | 'summary'>, outDir: string, why: readonly string[]): string {
  const x = result.summary;
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  return [
    `${result.scenario.name}: ${x.devicesUpdated} of ${x.devices} devices updated (${pct(x.updatedRatio)})`,
    ...(why.length === 0 ? [] : [`  not updated:`, ...why.map((l) => `    - ${l}`)]),
    `  time to 90 %: ${fmtS(x.timeTo90S)}   time to 95 %: ${fmtS(x.timeTo95S)}   campaign: ${fmtS(x.campaignDurationS)}`,
    `  setup: ${fmtS(x.setupDurationS)}   distribution: ${fmtS(x.distributionDurationS)}   background uplinks delivered: ${x.backgroundPdr === null ? 'none sent' : pct(x.backgroundPdr)}`,
    ...(x.sessionStartS === null ? [] : [
      `  session start: ${fmtS(x.sessionStartS)} (fleet ready ${fmtS(x.fleetReadyS)}, idle ${fmtS(x.idleBeforeSessionS)})   time to 90 % from session start: ${fmtS(x.timeTo90FromSessionS)}`,
    ]),
    `  fragments: ${x.nbFrag} + ${x.fragmentsCoded} coded of ${x.fragmentSizeBytes} B; ${x.fragmentsSent} sent`,
    `  downlink airtime: ${x.downlinkAirtimeS.toFixed(1)} s   max duty cycle: ${pct(x.maxDutyCycle)}   duty-cycle wait: ${fmtS(x.dutyCycleWaitS)}`,
    `  energy per device: mean ${x.energyMeanJ.toFixed(2)} J, p95 ${x.energyP95J.toFixed(2)} J, max ${x.energyMaxJ.toFixed(2)} J`,
    `  results: ${outDir}`,
  ].join('\n');
}

/** Mean and 95 % interval of the headline metrics over the replications (from summary.json). */
export function replicationSummary(name: string, outDir: string): string {
  const j = readJsonFile(join(outDir, 'summary.json')) as { runs: unknown[]; aggregate: Array<Record<string, number | null>> };
  const a = j.aggregate[0];
  const ci = (m: string, f: (v: number) => string) =>
    a[`${m}_mean`] === null ? 'not reached in every run' : `${f(a[`${m}_mean`]!)}${a[`${m}_ci95Low`] === null ? '' : ` (95 % CI ${f(a[`${m}_ci95Low`]!)} … ${f(a[`${m}_ci95High`]!)})`}`;
  return [
    `${name}: ${j.runs.length} replications`,
    `  devices updated: ${ci('updatedRatio', (v) => `${(100 * v).toFixed(1)} %`)}`,
    `  time to 95 %: ${ci('timeTo95S', (v) => fmtS(v))}`,
    `  energy per device (mean): ${ci('energyMeanJ', (v) => `${v.toFixed(2)} J`)}`,
    `  results: ${outDir} (runs/, summary.json, summary.csv, aggregate.csv)`,
  ].join('\n');
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Simulate one FUOTA campaign from a scenario file and write its results',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (JSON or YAML), e.g. scenarios/default.json' })
      .option('out', { type: 'string', describe: 'results folder (default: results/<scenario name>)' })
      .option('trace', { type: 'boolean', default: false, describe: 'also write transmissions.csv, one row per radio frame' })
      .option('seed', numberFlag('override the scenario seed: an integer 0..4294967295'))
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing results folder' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar, no summary' })
      .option('pcap', {
        type: 'string',
        describe:
          'also write every radio frame as a real LoRaWAN frame (LoRaTap pcap, opens in Wireshark) to FILE, with its session keys as Wireshark key tables next to it: ' +
          'encrypted TS003/TS004/TS005/TS006 commands and the image fragments, class B beacons, background uplinks; single runs only (docs/models/pcap.md)',
      })
      .option('allow-large', allowLargeFlag)
      .option('json', jsonFlag)
      .example('$0 run scenarios/default.json', 'run the default town scenario into results/default/')
      .example('$0 run scenarios/eu868-classb.json --seed 7 --out /tmp/b7 --trace', 'another seed, every frame logged')
      .example('$0 run scenarios/default.json --pcap /tmp/default.pcap', 'the run as LoRaWAN frames; open with wireshark /tmp/default.pcap')
      .example('$0 run scenarios/default.json --force --json | jq .summary.updatedRatio', 'the result as one JSON object'),
  handler: async (args) => {
    // loaded here, not at start-up: every other command (and --help) stays fast
    const [{ loadScenarioFile }, { placeholderNotes }, { simulate }, { writeRunResults, orderedSummary }] = await Promise.all([
      import('../../scenario/load.js'),
      import('../../scenario/placeholders.js'),
      import('../../sim/simulate.js'),
      import('../../output/results.js'),
    ]);
    const problems: string[] = [];
    const seed = numberOption(args.seed, { flag: '--seed', min: 0, max: 4_294_967_295 }, problems);
    if (problems.length > 0) throw new UsageError(problems);
    const allowLarge = args['allow-large'];
    const loaded = loadScenarioFile(args.scenario, { seed, allowLarge, trace: args.trace });
    const s = loaded.scenario;
    const file = showPath(args.scenario);
    for (const note of placeholderNotes(loaded.raw, s)) process.stderr.write(`fuota-sim: note: ${file}: ${note}\n`);
    if (s.sweep !== null) {
      const keys = Object.keys(s.sweep).map((k) => quote(k, 60)).join(', ');
      process.stderr.write(`fuota-sim: note: ${file} has a sweep over ${keys}; run simulates its base scenario once (seed ${s.seed}). Use: fuota-sim sweep ${file}\n`);
    } else if (s.replications > 1) {
      // seeds seed, seed+1, …: one run folder each, summary.json per run and aggregated (mean, 95 % CI)
      if (args.pcap !== undefined) throw new UsageError(`--pcap: ${file} has ${s.replications} replications; a capture records one run (set "replications": 1)`);
      if (seed !== undefined) throw new UsageError(`--seed: ${file} has ${s.replications} replications, which run with seeds seed, seed+1, …; set "seed" in the file instead`);
      const { runSweep } = await import('../../sweep/prepare.js');
      const outcome = await runSweep(args.scenario, { out: args.out, force: args.force, trace: args.trace, quiet: args.quiet, allowLarge });
      if (args.json) printJson((await import('../json-results.js')).sweepJson('run', outcome));
      else if (!args.quiet) process.stdout.write(replicationSummary(s.name, outcome.outDir) + '\n');
      return;
    }
    const outDir = resolve(args.out ?? `results/${s.name}`);
    checkOutputFolder(outDir, { force: args.force }); // before the simulation, not after it
    const pcap = args.pcap === undefined ? null : await import('../../output/pcap.js');
    if (pcap) pcap.checkCaptureTarget(resolve(args.pcap!), args.force);
    if (args.pcap !== undefined) checkOutputFile(resolve(args.pcap), { overwrite: true, option: '--pcap' }); // a regular file where it can write
    const capture = pcap?.frameCaptureOptions();
    const bar = createProgress({ total: 1000, label: s.name, quiet: args.quiet, percent: true });
    const result = simulate(s, { trace: args.trace, onProgress: (f, stage) => bar.update(Math.round(f * 1000), stage), ...capture?.options });
    bar.stop();
    const files = await writeRunResults(outDir, result, { force: args.force, trace: args.trace });
    if (pcap && capture) await pcap.writeCapture(resolve(args.pcap!), result, capture.taken());
    if (args.json) {
      const { runJson } = await import('../json-results.js');
      printJson(runJson(result, orderedSummary(result.summary), { outDir, files, pcap: args.pcap === undefined ? null : resolve(args.pcap) }));
    } else if (!args.quiet) {
      const { reasonLines } = await import('../../output/reasons.js');
      process.stdout.write(humanSummary(result, outDir, reasonLines(result.summary, result.scenario)) + '\n');
    }
  },
};
