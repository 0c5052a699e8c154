/** `fuota-sim merge <dirs...> --out DIR`: join the folders of a sharded sweep into one sweep folder. */
import type { CommandModule } from 'yargs';

interface MergeArgs {
  dirs: string[];
  out: string;
  force: boolean;
  plots: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs...>',
  describe: 'Join the folders of a sharded sweep (--shard i/N) into exactly what one unsharded sweep writes',
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shard folders (all from the same scenario)' })
      .option('out', { type: 'string', demandOption: true, describe: 'the merged sweep folder to write (must not exist, unless --force)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing --out folder' })
      .option('plots', { type: 'boolean', default: true, describe: 'draw the sweep plots (--no-plots skips them)' })
      .example('$0 merge results/city-shard-* --out results/city', 'join every shard of the "city" sweep')
      .epilog(
        'The shards must come from the same scenario (their sweep.json carries a hash of every resolved run) and ' +
          'together hold every run, each run folder complete (its files as its .fuota-sim.json lists them); ' +
          'otherwise nothing is written and the exit code is 2.',
      ),
  handler: async (argv) => {
    const [{ mergeShards }, { displayPath }] = await Promise.all([import('../../sweep/merge.js'), import('../../sweep/runner.js')]);
    const m = await mergeShards(argv.dirs.map(String), argv.out, { force: argv.force, plots: argv.plots });
    process.stdout.write(`merged ${m.runsPresent} runs from ${argv.dirs.length} folder(s) → ${displayPath(m.outDir)}\n`);
  },
};
