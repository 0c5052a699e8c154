/**
 * `fuota-sim` entry point: argument parsing and exit codes only. Each sub-command lives in
 * `commands/<name>.ts` and calls the library API. Every problem the layers below report is a
 * FuotaSimError (src/errors/); here it becomes lines on standard error and an exit code.
 */
import yargs from 'yargs';
import { EXIT, FuotaSimError, fsReason, printableLine, showPath } from '../errors/index.js';
import { commands } from './commands/index.js';

/** Prints lines on standard error, the first after "fuota-sim: ", each escaped (no control characters). */
export function printError(lines: readonly string[]): void {
  const shown = lines.length > 200 ? [...lines.slice(0, 200), `... and ${lines.length - 200} more lines`] : lines;
  process.stderr.write(shown.map((l, i) => `${i === 0 ? 'fuota-sim: ' : ''}${printableLine(l)}\n`).join(''));
}

/**
 * The exit code for an error thrown by a command, after printing it; null when it is a bug (the
 * caller reports it as an internal error). A refusal of the operating system (a full disk, a
 * permission) that no check caught before is reported plainly with EXIT.io.
 */
export function reportError(err: unknown): number | null {
  if (err instanceof FuotaSimError) {
    printError(err.lines);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException | null;
  if (e instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string') {
    printError([`${e.path === undefined ? e.syscall : showPath(e.path)}: ${fsReason(e)}`]);
    return EXIT.io;
  }
  return null;
}

/** Options that take several values; any other option given twice is a mistake, not a list. */
const LIST_OPTIONS = new Set(['_', '$0', 'tolerance', 'scenario', 'dirs']);

/** Refuses an option given more than once (yargs would pass a list where a value is expected). */
function noRepeats(argv: Record<string, unknown>): void {
  const repeated = Object.keys(argv).filter((k) => Array.isArray(argv[k]) && !LIST_OPTIONS.has(k) && !/[A-Z]/.test(k));
  if (repeated.length > 0) {
    throw new FuotaSimError(repeated.map((k) => `--${k}: given more than once; allowed: once`), EXIT.input);
  }
}

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
        '  fuota-sim sweep scenarios/sweep-class-redundancy.json\n' +
        '                                                    many runs, mean and 95 % CI per point\n' +
        '  fuota-sim plan scenarios/default.json --deadline 12h --energy-budget 200J\n' +
        '                                                    which class / data rate / redundancy to choose\n' +
        '  fuota-sim compare bench/baselines/x/summary.json results/x/summary.json\n' +
        '                                                    fail CI when a result moved\n\n' +
        'Scenario fields: docs/scenarios.md   Result files: docs/results.md   Models: docs/models/',
    )
    .middleware(noRepeats, true)
    // `fuota-sim completion >> ~/.bashrc` (or ~/.zshrc): tab completes commands and options
    .completion('completion', 'Print a bash/zsh script that completes commands and options: fuota-sim completion >> ~/.bashrc')
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      // yargs' own messages (unknown or missing options, bad choices) may span lines
      throw new FuotaSimError(msg.split('\n').filter((l) => l.trim() !== ''), EXIT.input);
    });
  for (const c of commands) parser = parser.command(c);
  try {
    await parser.parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const code = reportError(err);
    if (code === null) throw err;
    return code;
  }
}

