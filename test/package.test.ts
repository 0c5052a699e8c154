/**
 * What `npm publish` would pack (package.json `files`): what a user of the package needs — the
 * compiled CLI and library with their type declarations, the example scenarios and their JSON
 * Schema, the docs, README and LICENSE — and nothing of the repository's own (tests, benchmarks,
 * source maps of sources that are not shipped).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/shared.js';

describe('the published package', () => {
  const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ files: Array<{ path: string }> }>;
  const files = pack[0].files.map((f) => f.path);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: Record<string, string> };

  it('holds the CLI, the library entry, the scenarios, the docs, README and LICENSE', () => {
    expect(files).toEqual(expect.arrayContaining([
      pkg.bin['fuota-sim'], pkg.exports['.'].replace(/^\.\//, ''), 'dist/src/index.d.ts',
      'scenarios/default.json', 'scenarios/schema.json', 'docs/scenarios.md', 'README.md', 'LICENSE', 'package.json',
    ]));
  });

  it('leaves out tests, benchmarks, TypeScript sources and source maps', () => {
    expect(files.filter((f) => /^(test|bench|src|dist\/test|dist\/bench|results)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });
});
