import { describe, expect, it } from 'vitest';
import { runCli } from '../sweep/helpers.js';

describe('shell completion', () => {
  it('prints a completion script for the shell', async () => {
    const r = await runCli(['completion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('###-begin-fuota-sim-completions-###');
    expect(r.stdout).toContain('fuota-sim --get-yargs-completions');
  });

  it('completes command names, then the options of the command', async () => {
    const commands = await runCli(['--get-yargs-completions', 'fuota-sim', '']);
    expect(commands.stdout.split('\n')).toEqual(expect.arrayContaining(['run', 'sweep', 'plan', 'compare', 'validate', 'frag']));
    const options = await runCli(['--get-yargs-completions', 'fuota-sim', 'sweep', '--']);
    expect(options.stdout.split('\n')).toEqual(expect.arrayContaining(['--workers', '--shard', '--resume']));
    expect(options.stdout).not.toContain('--deadline'); // a plan option
  });
});
