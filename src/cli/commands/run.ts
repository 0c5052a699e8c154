/** `fuota-sim run <scenario>`: one simulation run, results written to a folder. */
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { Summary } from '../../sim/types.js';
import { createProgress } from '../progress.js';

interface RunArgs {
  scenario: string;
  out?: string;
  trace: boolean;
  seed?: number;
  force: boolean;
  quiet: boolean;
}

const fmtS = (s: number | null): string => {
  if (s === null) return 'not reached';
  if (s < 120) return `${s.toFixed(1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
};

/** The short human summary printed after a run. */
export function humanSummary(name: string, x: Summary, outDir: string): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  return [
    `${name}: ${x.devicesUpdated} of ${x.devices} devices updated (${pct(x.updatedRatio)})`,
    `  time to 90 %: ${fmtS(x.timeTo90S)}   time to 95 %: ${fmtS(x.timeTo95S)}   campaign: ${fmtS(x.campaignDurationS)}`,
    `  setup: ${fmtS(x.setupDurationS)}   distribution: ${fmtS(x.distributionDurationS)}   background uplinks delivered: ${x.backgroundPdr === null ? 'none sent' : pct(x.backgroundPdr)}`,
    `  fragments: ${x.nbFrag} + ${x.fragmentsCoded} coded of ${x.fragmentSizeBytes} B; ${x.fragmentsSent} sent`,
    `  downlink airtime: ${x.downlinkAirtimeS.toFixed(1)} s   max duty cycle: ${pct(x.maxDutyCycle)}   duty-cycle wait: ${fmtS(x.dutyCycleWaitS)}`,
    `  energy per device: mean ${x.energyMeanJ.toFixed(2)} J, p95 ${x.energyP95J.toFixed(2)} J, max ${x.energyMaxJ.toFixed(2)} J`,
    `  results: ${outDir}`,
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
      .option('seed', { type: 'number', describe: 'override the scenario seed' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing results folder' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar, no summary' })
      .example('$0 run scenarios/default.json', 'run the default town scenario into results/default/')
      .example('$0 run scenarios/eu868-classb.json --seed 7 --out /tmp/b7 --trace', 'another seed, every frame logged'),
  handler: async (args) => {
    // loaded here, not at start-up: every other command (and --help) stays fast
    const [{ loadScenarioFile }, { simulate }, { writeRunResults }] = await Promise.all([
      import('../../scenario/load.js'),
      import('../../sim/simulate.js'),
      import('../../output/results.js'),
    ]);
    const loaded = loadScenarioFile(args.scenario, args.seed === undefined ? {} : { seed: args.seed });
    const s = loaded.scenario;
    if (s.sweep !== null || s.replications > 1) {
      const what = [s.sweep !== null ? `a sweep over ${Object.keys(s.sweep).join(', ')}` : '', s.replications > 1 ? `${s.replications} replications` : '']
        .filter(Boolean)
        .join(' and ');
      process.stderr.write(`fuota-sim: note: ${args.scenario} has ${what}; run simulates its base scenario once (seed ${s.seed}). Use: fuota-sim sweep ${args.scenario}\n`);
    }
    const outDir = resolve(args.out ?? `results/${s.name}`);
    const bar = createProgress({ total: 100, label: s.name, quiet: args.quiet });
    const result = simulate(s, { trace: args.trace, onProgress: (f) => bar.update(Math.round(f * 100)) });
    bar.stop();
    await writeRunResults(outDir, result, { force: args.force, trace: args.trace });
    if (!args.quiet) process.stdout.write(humanSummary(s.name, result.summary, outDir) + '\n');
  },
};
