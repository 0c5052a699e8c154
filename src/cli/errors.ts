/**
 * Errors the CLI reports as a clean message (no stack trace) with a given exit code.
 * Exit code 2 means bad input (arguments or scenario); 1 means a check failed (e.g. compare).
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = 2) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad user input: exit code 2. `problems` are printed one per line. */
export class UsageError extends CliError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'), 2);
    this.name = 'UsageError';
  }
}
