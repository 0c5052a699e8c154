#!/usr/bin/env node
/**
 * The `fuota-sim` binary: runs the CLI on the process arguments and sets the exit code. Problems of
 * the input are printed by app.ts; what reaches this file is a bug, reported in one line (the stack
 * only with FUOTA_SIM_DEBUG=1) with exit code 70.
 */
import { hideBin } from 'yargs/helpers';
import { EXIT, printableLine } from '../errors/index.js';
import { main } from './app.js';

// a reader that stops early (`fuota-sim validate ... | head`) is not a failure
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    const detail = process.env.FUOTA_SIM_DEBUG && err instanceof Error && err.stack
      ? `${err.stack}\n`
      : 'fuota-sim: this is a bug in fuota-sim; please report it with the command that caused it (FUOTA_SIM_DEBUG=1 shows where it happened)\n';
    process.stderr.write(`fuota-sim: internal error: ${printableLine(message, 500)}\n${detail}`);
    process.exitCode = EXIT.internal;
  },
);
