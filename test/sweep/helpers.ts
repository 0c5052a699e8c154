/** Test helpers for the sweep and its commands: run the CLI in-process and capture its output. */
import { vi } from 'vitest';
import { main } from '../../src/cli/app.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `fuota-sim <argv>` in this process; returns the exit code and what it printed. */
export async function runCli(argv: string[]): Promise<CliRun> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(argv);
    const text = (s: typeof out) => s.mock.calls.map((c) => String(c[0])).join('');
    return { code, stdout: text(out), stderr: text(err) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
