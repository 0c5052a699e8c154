/** `fuota-sim compare <baseline> <current>`: regression check of result summaries (exit 1 on a change). */
import type { CommandModule } from 'yargs';
import {
  compareSummaries,
  CompareInputError,
  formatCompareTable,
  loadSummarySet,
  parseTolerances,
  updateBaseline,
} from '../../sweep/compare.js';
import { CliError } from '../errors.js';

interface CompareArgs {
  baseline: string;
  current: string;
  tolerance?: string[];
  update: boolean;
  'changes-only': boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <baseline> <current>',
  describe: 'Compare two results metric by metric; exit 1 when a metric moved beyond its tolerance',
  builder: (y) =>
    y
      .positional('baseline', {
        type: 'string',
        demandOption: true,
        describe: 'baseline: a summary.json or summary.csv, or a result folder (single run or sweep)',
      })
      .positional('current', { type: 'string', demandOption: true, describe: 'the result to check, in the same forms' })
      .option('tolerance', {
        type: 'string',
        array: true,
        describe:
          'allowed change in percent, metric=percent (repeatable); "*=p" sets it for every metric. ' +
          'Default 0: the simulator is deterministic, so any change is reported. Timing is never compared',
      })
      .option('update', {
        type: 'boolean',
        default: false,
        describe: 'accept the current values: rewrite the baseline file with them (creates it when missing)',
      })
      .option('changes-only', { type: 'boolean', default: false, describe: 'list only the metrics that changed' })
      .example('$0 compare bench/baselines/classc-small results/classc-small', 'check a run against its baseline')
      .example('$0 compare base/ cur/ --tolerance timeTo95S=2 --tolerance "*=0.5"', 'allow small changes')
      .example('$0 compare bench/baselines/classc-small results/classc-small --update', 'accept a deliberate change')
      .epilog('Exit codes: 0 all within tolerance (or updated), 1 a metric moved beyond its tolerance, 2 unreadable or mismatched inputs.'),
  handler: (argv) => {
    try {
      const current = loadSummarySet(argv.current);
      if (argv.update) {
        const written = updateBaseline(argv.baseline, current);
        process.stdout.write(`baseline updated: ${written} (from ${current.file})\n`);
        return;
      }
      const tolerances = parseTolerances(argv.tolerance ?? []);
      const baseline = loadSummarySet(argv.baseline);
      const rows = compareSummaries(baseline, current, tolerances);
      process.stdout.write(formatCompareTable(rows, { changesOnly: argv['changes-only'] }));
      const failed = rows.filter((r) => r.verdict !== 'ok');
      const runs = new Set(rows.map((r) => r.run)).size;
      if (failed.length > 0) {
        const names = [...new Set(failed.map((r) => r.metric))].join(', ');
        throw new CliError(`${failed.length} of ${rows.length} values moved beyond their tolerance (${names}); ` +
          `if the change is intended, run: fuota-sim compare ${argv.baseline} ${argv.current} --update`, 1);
      }
      process.stdout.write(`ok: ${rows.length} values in ${runs} run(s) within tolerance\n`);
    } catch (err) {
      if (err instanceof CompareInputError) throw new CliError(err.message, 2);
      throw err;
    }
  },
};
