/** `fuota-sim plan <scenario>`: which class, data rate, redundancy and fragment size meet a deadline and an energy budget. */
import type { CommandModule } from 'yargs';
import type { DlClass } from '../../scenario/types.js';
import type { CapacityPlan } from '../../sweep/capacity.js';
import type { FragmentSizeChoice, PlanGrid } from '../../sweep/capacity-grid.js';
import { progressHooks } from '../../sweep/progress-hooks.js';
import { parseDurationS, parseEnergyJ } from '../../sweep/units.js';
import { quote } from '../../errors/index.js';
import { CliError, UsageError } from '../errors.js';
import { jsonFlag, printJson } from '../json.js';
import { allowLargeFlag, numberFlag } from '../options.js';
import { parseParallelism } from './sweep.js';

interface PlanArgs {
  scenario: string;
  deadline?: string;
  'energy-budget'?: string;
  workers?: string;
  classes?: string;
  'data-rates'?: string;
  redundancies?: string;
  'fragment-sizes'?: string;
  out?: string;
  force: boolean;
  resume: boolean;
  quiet: boolean;
  'allow-large': boolean;
  json: boolean;
}

function list<T>(text: string | undefined, option: string, parse: (item: string) => T | null, problems: string[]): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: T[] = [];
  for (const item of items) {
    const v = parse(item);
    if (v === null) problems.push(`--${option}: ${quote(item, 40)} is not allowed`);
    else out.push(v);
  }
  if (items.length === 0) problems.push(`--${option}: give at least one value`);
  return out;
}

const int = (min: number, max: number) => (s: string) => (/^\d+$/.test(s) && +s >= min && +s <= max ? Number(s) : null);

/** The grid and constraints from the options; throws UsageError listing every problem. */
export function parsePlanArgs(argv: PlanArgs): { grid: Partial<PlanGrid>; deadlineS?: number; energyBudgetJ?: number } {
  const problems: string[] = [];
  const grid: Partial<PlanGrid> = {};
  const classes = list<DlClass>(argv.classes, 'classes', (s) => ({ b: 'ClassB', classb: 'ClassB', c: 'ClassC', classc: 'ClassC' } as const)[s.toLowerCase() as 'b'] ?? null, problems);
  const dataRates = list(argv['data-rates'], 'data-rates', int(0, 15), problems);
  const redundancies = list(argv.redundancies, 'redundancies', int(0, 100), problems);
  const sizes = list<FragmentSizeChoice>(argv['fragment-sizes'], 'fragment-sizes', (s) => (s === 'max' || s === 'half' ? s : int(1, 255)(s)), problems);
  if (classes) grid.classes = classes;
  if (dataRates) grid.dataRates = dataRates;
  if (redundancies) grid.redundancies = redundancies;
  if (sizes) grid.fragmentSizes = sizes;
  const quantity = (text: string | undefined, parse: (t: string) => number, option: string): number | undefined => {
    if (text === undefined) return undefined;
    try {
      return parse(text);
    } catch (err) {
      problems.push(`--${option}: ${(err as Error).message}`);
      return undefined;
    }
  };
  const deadlineS = quantity(argv.deadline, parseDurationS, 'deadline');
  const energyBudgetJ = quantity(argv['energy-budget'], parseEnergyJ, 'energy-budget');
  if (problems.length > 0) throw new UsageError(problems);
  return { grid, deadlineS, energyBudgetJ };
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan <scenario>',
  describe: 'Capacity planning: simulate class B/C × data rate × redundancy × fragment size for your fleet; print the Pareto front and a recommendation',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file with your fleet, region, gateways and image' })
      .option('deadline', { type: 'string', describe: 'time by which 95 % of the fleet must be updated, e.g. 90s, 45m, 6h, 2d, 1h30m' })
      .option('energy-budget', { type: 'string', describe: 'mean radio energy a device may spend on the campaign, e.g. 500mJ, 5J, 0.5Wh' })
      .option('workers', numberFlag('worker threads, 1..1024 (default: as for sweep, this thread first and workers when they pay)'))
      .option('classes', { type: 'string', describe: 'classes to try, comma-separated (default: ClassB,ClassC)' })
      .option('data-rates', { type: 'string', describe: 'downlink data rates to try (default: the slowest, a middle and the fastest class-B data rate of the region)' })
      .option('redundancies', { type: 'string', describe: 'redundancy percentages to try (default: 10,25,50)' })
      .option('fragment-sizes', { type: 'string', describe: 'fragment sizes in bytes, or max / half (of the largest for the data rate) (default: max,half)' })
      .option('out', { type: 'string', describe: 'folder for the runs, plan.csv and plan.svg (default results/<name>-plan)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing plan folder' })
      .option('resume', { type: 'boolean', default: false, describe: 'finish an interrupted plan' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar' })
      .option('allow-large', allowLargeFlag)
      .option('json', jsonFlag)
      .example('$0 plan scenarios/city.json --deadline 6h --energy-budget 5J', 'what meets 6 hours and 5 J per device?')
      .example('$0 plan city.json --classes ClassB --data-rates 3,5 --redundancies 5,10,20', 'a custom grid')
      .epilog(
        'The recommendation is the setting with the least mean energy per device among those that update 95 % of the fleet ' +
          'within the deadline and the budget. Exit code 1 when no setting meets the constraints.',
      ),
  handler: async (argv) => {
    const { grid, deadlineS, energyBudgetJ } = parsePlanArgs(argv);
    const { workers } = parseParallelism(argv.workers, undefined);
    const [{ EmptyPlanError, planCapacity }, { displayPath }, { frontTable, recommendationText }, { absenceReasons }] = await Promise.all([
      import('../../sweep/capacity.js'),
      import('../../sweep/runner.js'),
      import('../../sweep/planReport.js'),
      import('../../sweep/pareto.js'),
    ]);
    const hooks = progressHooks('plan', argv.quiet);
    let plan: CapacityPlan;
    try {
      plan = await planCapacity(argv.scenario, {
        grid, deadlineS, energyBudgetJ, workers, out: argv.out, force: argv.force, resume: argv.resume, allowLarge: argv['allow-large'],
        onStart: hooks.onStart,
        onProgress: hooks.onProgress,
      });
    } finally {
      hooks.stop();
    }
    const lines = [
      `capacity plan: ${plan.candidates.length} settings simulated → ${displayPath(plan.outDir)} (report.html, plan.csv, plan.svg)`,
      ...(plan.skipped.length > 0 ? [`${plan.skipped.length} combination(s) skipped as invalid (e.g. ${plan.skipped[0]})`] : []),
      'Pareto front, time to 95 % updated against mean energy per device:',
      plan.front.length > 0 ? frontTable(plan) : '  (empty: no setting reached 95 %)',
      ...absenceReasons(plan.candidates, plan.front),
      recommendationText(plan, deadlineS, energyBudgetJ),
    ];
    if (argv.json) printJson((await import('../json-results.js')).planJson(plan, { deadlineS, energyBudgetJ }, recommendationText(plan, deadlineS, energyBudgetJ)));
    else process.stdout.write(`${lines.join('\n')}\n`);
    if (!plan.recommendation.choice && (deadlineS !== undefined || energyBudgetJ !== undefined || plan.recommendation.binding === 'never-95')) {
      throw new CliError('no setting meets the constraints', 1);
    }
  },
};
