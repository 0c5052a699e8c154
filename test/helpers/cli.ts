/**
 * Runs the CLI in-process (`main(argv)`) with standard output and error captured: exit code and
 * the text written to each.
 */
import { vi } from 'vitest';
import { main } from '../../src/cli/app.js';

export async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(argv);
    const text = (calls: unknown[][]) => calls.map((c) => String(c[0])).join('');
    return { code, out: text(out.mock.calls), err: text(err.mock.calls) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
