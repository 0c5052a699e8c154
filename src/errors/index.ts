/**
 * The errors every layer throws for problems a user can fix, and the exit codes they map to. They
 * live here, below everything else, so that scenario/, output/, sweep/ and the library API can throw
 * them without reaching up into cli/; the command line (cli/app.ts) only prints their lines and
 * returns their exit code.
 *
 * An error carries its message as separate lines. Each line is printed on its own after escaping
 * (text.ts `printableLine`), so a value quoted in a line can never start a line of its own.
 */
export { escapeText, printableLine, quote, showValue, showPath, pathSegment, fsReason } from './text.js';

/** Exit codes of `fuota-sim` (also documented in README.md). */
export const EXIT = Object.freeze({
  ok: 0,
  /** a check failed: `compare` found a regression, `plan` found no setting, `frag decode` did not decode */
  checkFailed: 1,
  /** bad input: arguments, scenario, results folders, baselines, fragment streams, AWS JSON */
  input: 2,
  /** a bug in fuota-sim (EX_SOFTWARE of sysexits.h) */
  internal: 70,
  /** the operating system refused a read or write while working (disk full, ...) (EX_IOERR) */
  io: 74,
});

/** A problem the user can act on: one or more message lines and the exit code. */
export class FuotaSimError extends Error {
  /** the message, one entry per printed line */
  readonly lines: readonly string[];

  constructor(lines: string | readonly string[], readonly exitCode: number = EXIT.input) {
    const list = typeof lines === 'string' ? [lines] : [...lines];
    super(list.join('\n'));
    this.name = 'FuotaSimError';
    this.lines = list;
  }
}

/** Bad input (exit code 2): each entry of `problems` is one problem, printed on its own line. */
export class InputError extends FuotaSimError {
  readonly problems: string[];

  constructor(problems: string | readonly string[], head?: string) {
    const list = typeof problems === 'string' ? [problems] : [...problems];
    super(head === undefined ? list : [head, ...list.map((p) => `  ${p}`)], EXIT.input);
    this.name = 'InputError';
    this.problems = list;
  }
}

/** A check that ran and failed (exit code 1), e.g. a regression found by `compare`. */
export class CheckFailedError extends FuotaSimError {
  constructor(lines: string | readonly string[]) {
    super(lines, EXIT.checkFailed);
    this.name = 'CheckFailedError';
  }
}

/** `n problem(s)` */
export function countProblems(n: number): string {
  return n === 1 ? '1 problem' : `${n} problems`;
}
