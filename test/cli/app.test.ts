import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/app.js';

describe('fuota-sim CLI shell', () => {
  it('rejects a call without a command with exit code 2 and a one-line message', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await main([]);
    const printed = err.mock.calls.map((c) => String(c[0])).join('');
    err.mockRestore();
    expect(code).toBe(2);
    expect(printed).toMatch(/^fuota-sim: /);
    expect(printed).not.toMatch(/\n\s+at /); // no stack trace
  });
});
