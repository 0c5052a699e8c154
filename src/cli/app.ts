/**
 * `fuota-sim` entry point: argument parsing and exit codes only. Each sub-command lives in
 * `commands/<name>.ts` and calls the library API.
 */
import yargs from 'yargs';
import { commands } from './commands/index.js';
import { CliError } from './errors.js';

export async function main(argv: string[]): Promise<number> {
  let parser = yargs(argv)
    .scriptName('fuota-sim')
    .usage(
      'fuota-sim — a deterministic simulator of LoRaWAN firmware updates over the air (FUOTA).\n\n' +
        'Usage: fuota-sim <command> [options]\n\n' +
        'Start with:  fuota-sim run scenarios/default.json   (writes results/default/)',
    )
    .strict()
    .strictCommands()
    .exitProcess(false)
    .demandCommand(1, 'Name a command; see the list above.')
    .recommendCommands()
    .epilog(
      'Typical work:\n' +
        '  fuota-sim run scenarios/default.json              one campaign → results/default/ (open report.html)\n' +
        '  fuota-sim sweep scenarios/sweep-class-redundancy.json --workers 2\n' +
        '                                                    many runs, mean and 95 % CI per point\n' +
        '  fuota-sim plan scenarios/default.json --deadline 12h --energy-budget 200J\n' +
        '                                                    which class / data rate / redundancy to choose\n' +
        '  fuota-sim compare bench/baselines/x/summary.json results/x/summary.json\n' +
        '                                                    fail CI when a result moved\n\n' +
        'Scenario fields: docs/scenarios.md   Result files: docs/results.md   Models: docs/models/',
    )
    // `fuota-sim completion >> ~/.bashrc` (or ~/.zshrc): tab completes commands and options
    .completion('completion', 'Print a bash/zsh script that completes commands and options: fuota-sim completion >> ~/.bashrc')
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new CliError(msg, 2);
    });
  for (const c of commands) parser = parser.command(c);
  try {
    await parser.parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`fuota-sim: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

