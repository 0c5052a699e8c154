/** `fuota-sim plot <results-dir>`: redraw a run's plots and report from its result files. */
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { readdirSync } from 'node:fs';
import { InputError, showPath } from '../../errors/index.js';
import { writeFileAtomic } from '../../output/atomic.js';
import { MARKER_FILE, markerText, readMarker } from '../../output/marker.js';
import { checkOutputFolder, checkReplaceableFolder } from '../../output/target.js';
import type { PlotFormat } from '../../output/plotFiles.js';

interface PlotArgs {
  dir: string;
  format: PlotFormat;
  report: boolean;
  out?: string;
  quiet: boolean;
}

/**
 * Runs `fn` on the content of a results folder: values of the wrong type in its files (a damaged
 * folder, or one of another version) surface as TypeError or RangeError and are reported as such.
 */
async function damagedAsInput<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) {
      throw new InputError(`${showPath(dir)}: the result files hold values fuota-sim cannot draw (damaged, or written by another version): ${err.message}`);
    }
    throw err;
  }
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
      .option('out', { type: 'string', describe: 'write the plots to this folder instead of the results folder (a new folder, or one fuota-sim wrote)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'do not list the files written' })
      .example('$0 plot results/default', 'redraw every plot and the report of the default run')
      .example('$0 plot results/default --format vl --no-report --out /tmp/specs', 'only the vega-lite specs, elsewhere'),
  handler: async (args) => {
    const dir = resolve(args.dir);
    const outDir = resolve(args.out ?? dir);
    const [{ readRunResults }, { plotFiles }] = await Promise.all([import('../../output/read.js'), import('../../output/plotFiles.js')]);
    const { input, data } = await damagedAsInput(dir, () => readRunResults(dir));
    // files go into the results folder itself, or a new folder, or one fuota-sim wrote: never among other files
    if (outDir !== dir) {
      const { exists } = checkOutputFolder(outDir, { force: false, resume: true });
      if (exists && readMarker(outDir) === null && readdirSync(outDir).length > 0) checkReplaceableFolder(outDir);
    }
    const files = await damagedAsInput(dir, () => plotFiles(input, data, { format: args.format, report: args.report }));
    if (outDir !== dir && readMarker(outDir) === null) await writeFileAtomic(join(outDir, MARKER_FILE), markerText({ kind: 'plots' }));
    for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content);
    if (!args.quiet) process.stdout.write(`${files.map(([name]) => showPath(join(outDir, name))).join('\n')}\n`);
  },
};
