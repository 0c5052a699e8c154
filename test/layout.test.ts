import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/shared.js';

const src = join(repoRoot, 'src');
const test = join(repoRoot, 'test');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Folders of src/ holding code, as paths relative to src/. */
function codeFolders(): string[] {
  return [...new Set(walk(src).filter((f) => f.endsWith('.ts')).map((f) => relative(src, join(f, '..'))))].filter((d) => d !== '').sort();
}

describe('test/ mirrors src/', () => {
  it('has a folder of tests for every folder of code (cli/commands is tested as test/cli/<command>)', () => {
    const missing = codeFolders()
      .map((d) => (d === 'cli/commands' ? 'cli' : d))
      .filter((d) => {
        try {
          return !readdirSync(join(test, d)).some((f) => f.endsWith('.test.ts'));
        } catch {
          return true;
        }
      });
    expect(missing).toEqual([]);
  });

  it('tests every command of the CLI in test/cli/<command>.test.ts (schema alongside validate)', () => {
    const commands = readdirSync(join(src, 'cli', 'commands'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''));
    const tests = new Set(readdirSync(join(test, 'cli')).map((f) => f.replace(/\.test\.ts$/, '')));
    expect(commands.filter((c) => !tests.has(c === 'schema' ? 'validate' : c))).toEqual([]);
  });
});
