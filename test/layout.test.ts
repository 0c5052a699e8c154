import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

/**
 * The floors of src/ as docs/architecture.md lists them under "## Floors": numbered lines, each
 * naming its folders (`engine/`) or root files (`index.ts`) in backticks, lowest floor first.
 */
function floorsFromDocs(): Map<string, number> {
  const doc = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Floors'));
  if (!section) throw new Error('docs/architecture.md has no "## Floors" section');
  const floors = new Map<string, number>();
  for (const line of section.split('\n')) {
    const m = /^(\d+)\. (.*)$/.exec(line);
    if (!m) continue;
    const head = m[2].split(/ [—-] /)[0];
    for (const [, name] of head.matchAll(/`([^`]+)`/g)) floors.set(name.replace(/\/$/, ''), Number(m[1]));
  }
  return floors;
}

/** Every relative module a file imports or re-exports: `from '…'`, `import '…'`, `import('…')`. */
function importedSpecifiers(text: string): string[] {
  const code = text.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
}

/** The floor name of a path relative to src/: its first folder, or the file itself at the root. */
const unitOf = (relPath: string) => relPath.split(sep)[0];

/** "from → to" for every import of src/ that reaches a higher floor. */
function upwardImports(files: ReadonlyArray<{ path: string; text: string }>, floors: ReadonlyMap<string, number>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    const from = relative(src, path);
    for (const spec of importedSpecifiers(text)) {
      const to = relative(src, resolve(dirname(path), spec));
      const a = floors.get(unitOf(from));
      const b = floors.get(unitOf(to));
      if (a === undefined || b === undefined || b > a) found.push(`${from} → ${to}`);
    }
  }
  return found;
}

describe('the floors of src/ (docs/architecture.md)', () => {
  const floors = floorsFromDocs();
  const files = walk(src)
    .filter((f) => f.endsWith('.ts'))
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('places every folder and root file of src/ on exactly one floor', () => {
    const units = [...new Set(files.map((f) => unitOf(relative(src, f.path))))].sort();
    expect(units.filter((u) => !floors.has(u))).toEqual([]);
    expect([...floors.keys()].filter((u) => !units.includes(u))).toEqual([]);
    // the bottom floor is 1 and floors are consecutive
    expect([...new Set(floors.values())].sort((a, b) => a - b)).toEqual(Array.from({ length: new Set(floors.values()).size }, (_, i) => i + 1));
  });

  it('finds the imports of a module, static, re-exported, multi-line and dynamic, and not those in comments', () => {
    const text = [
      "import { a } from './a.js';",
      "import type {\n  B,\n  C,\n} from '../b/c.js';",
      "export { d } from '../d/index.js';",
      "import './side.js';",
      "const e = await import('../../e.js');",
      "type F = typeof import('../f.js');",
      "const glob = 'dist/src/**/*.js';",
      "import { readFileSync } from 'node:fs';",
      "// import { g } from '../g.js';",
      "/** see `import { h } from '../h.js'` */",
    ].join('\n');
    expect(importedSpecifiers(text)).toEqual(['./a.js', '../b/c.js', '../d/index.js', './side.js', '../../e.js', '../f.js']);
  });

  it('flags an import from a higher floor and accepts one from the same or a lower floor', () => {
    const at = (p: string) => join(src, p);
    const probe = [
      { path: at('radio/x.ts'), text: "import type { A } from '../scenario/types.js';\nimport { b } from '../engine/rng.js';" },
      { path: at('sim/y.ts'), text: "import { c } from './z.js';\nimport { d } from '../lorawan/regions/index.js';" },
      { path: at('sweep/w.ts'), text: "import { e } from '../cli/progress.js';" },
    ];
    expect(upwardImports(probe, floors)).toEqual([`radio${sep}x.ts → scenario${sep}types.js`, `sweep${sep}w.ts → cli${sep}progress.js`]);
  });

  it('has no module importing from a higher floor', () => {
    expect(upwardImports(files, floors)).toEqual([]);
  });
});
