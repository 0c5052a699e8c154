/** `fuota-sim plot <results-dir>`: redraw a run's plots and report from its result files. */
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeFileAtomic } from '../../output/atomic.js';
import type { PlotFormat } from '../../output/plotFiles.js';

interface PlotArgs {
  dir: string;
  format: PlotFormat;
  report: boolean;
  out?: string;
  quiet: boolean;
}

export const plotCommand: CommandModule<object, PlotArgs> = {
  command: 'plot <dir>',
  describe: 'Redraw the plots (vega-lite specs and SVG) and report.html of a results folder from its CSV/JSON files',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'a results folder written by `fuota-sim run`, e.g. results/default' })
      .option('format', {
        choices: ['svg', 'vl'] as const,
        default: 'svg' as PlotFormat,
        describe: 'svg: write <plot>.vl.json and <plot>.svg; vl: only the vega-lite specs',
      })
      .option('report', { type: 'boolean', default: true, describe: 'also rewrite report.html (--no-report to skip)' })
      .option('out', { type: 'string', describe: 'write the plots to this folder instead of the results folder' })
      .option('quiet', { type: 'boolean', default: false, describe: 'do not list the files written' })
      .example('$0 plot results/default', 'redraw every plot and the report of the default run')
      .example('$0 plot results/default --format vl --no-report --out /tmp/specs', 'only the vega-lite specs, elsewhere'),
  handler: async (args) => {
    const dir = resolve(args.dir);
    const outDir = resolve(args.out ?? dir);
    const [{ readRunResults }, { plotFiles }] = await Promise.all([import('../../output/read.js'), import('../../output/plotFiles.js')]);
    const { input, data } = await readRunResults(dir);
    const files = await plotFiles(input, data, { format: args.format, report: args.report });
    for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content);
    if (!args.quiet) process.stdout.write(`${files.map(([name]) => join(outDir, name)).join('\n')}\n`);
  },
};
