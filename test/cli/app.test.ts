import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/app.js';

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined); // yargs prints help with console.log
  try {
    const code = await main(argv);
    const text = (calls: unknown[][]) => calls.map((c) => String(c[0])).join('');
    return { code, out: text(out.mock.calls) + text(log.mock.calls), err: text(err.mock.calls) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}

describe('fuota-sim CLI shell', () => {
  it('rejects a call without a command with exit code 2', async () => {
    const r = await capture([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^fuota-sim: Name a command/);
  });

  it('rejects an unknown command with exit code 2 and no stack trace', async () => {
    const r = await capture(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^fuota-sim: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reports a missing scenario file in one line with exit code 2', async () => {
    const r = await capture(['run', 'no/such/scenario.json', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n').length).toBeGreaterThanOrEqual(1);
    expect(r.err).toContain('no/such/scenario.json');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('teaches with --help: every command and the typical work', async () => {
    const r = await capture(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run <scenario>', 'sweep <scenario>', 'plan <scenario>', 'compare <baseline> <current>', 'frag', 'validate']) expect(r.out).toContain(c);
    expect(r.out).toContain('Typical work');
  });
});
