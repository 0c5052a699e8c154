/**
 * The names the commands use for the shared errors (src/errors/): `CliError(message, exitCode)` and
 * `UsageError(problems)` (exit code 2). The command line only prints them (app.ts).
 */
export { FuotaSimError as CliError, InputError as UsageError } from '../errors/index.js';
