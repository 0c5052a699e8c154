/** `fuota-sim compare <baseline> <current>`: regression check of result summaries (exit 1 on a change). */
import type { CommandModule } from 'yargs';
import { CheckFailedError, showPath } from '../../errors/index.js';
import { jsonFlag, printJson } from '../json.js';
import {
  compareSummaries,
  formatCompareTable,
  loadSummarySet,
  parseTolerances,
  updateBaseline,
} from '../../sweep/compare.js';

interface CompareArgs {
  baseline: string;
  current: string;
  tolerance?: string[];
  update: boolean;
  'changes-only': boolean;
  json: boolean;
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
      .option('json', jsonFlag)
      .example('$0 compare bench/baselines/classc-small results/classc-small', 'check a run against its baseline')
      .example('$0 compare base/ cur/ --tolerance timeTo95S=2 --tolerance "*=0.5"', 'allow small changes')
      .example('$0 compare bench/baselines/classc-small results/classc-small --update', 'accept a deliberate change')
      .epilog('Exit codes: 0 all within tolerance (or updated), 1 a metric moved beyond its tolerance, 2 unreadable, malformed ' +
        '(a summary lacking metrics, a value that is not a number) or mismatched inputs.'),
  handler: async (argv) => {
    // every input is read and checked first: a malformed one is exit 2, only a real change is exit 1
    const tolerances = parseTolerances((argv.tolerance ?? []).map(String));
    const current = loadSummarySet(argv.current);
    if (argv.update) {
      const written = await updateBaseline(argv.baseline, current);
      if (argv.json) printJson({ command: 'compare', result: 'updated', baseline: written, current: current.file });
      else process.stdout.write(`baseline updated: ${showPath(written)} (from ${showPath(current.file)})\n`);
      return;
    }
    const baseline = loadSummarySet(argv.baseline);
    const rows = compareSummaries(baseline, current, tolerances);
    if (argv.json) {
      const { compareJson } = await import('../json-results.js');
      printJson(compareJson({ baseline: baseline.file, current: current.file }, rows, argv['changes-only']));
    } else {
      process.stdout.write(formatCompareTable(rows, { changesOnly: argv['changes-only'] }));
    }
    const failed = rows.filter((r) => r.verdict !== 'ok');
    const runs = new Set(rows.map((r) => r.run)).size;
    if (failed.length > 0) {
      const names = [...new Set(failed.map((r) => r.metric))];
      const list = names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
      throw new CheckFailedError(`${failed.length} of ${rows.length} values moved beyond their tolerance (${list}); ` +
        `if the change is intended, run: fuota-sim compare ${showPath(argv.baseline)} ${showPath(argv.current)} --update`);
    }
    if (!argv.json) process.stdout.write(`ok: ${rows.length} values in ${runs} run(s) within tolerance\n`);
  },
};
