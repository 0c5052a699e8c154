/**
 * Regenerates every output, number and figure that README.md and docs/*.md show (bench/docs/blocks.ts):
 *
 *   npm run docs                 # every block and figure (runs the plan and sweep examples: minutes)
 *   npm run docs -- --checked    # only the cheap, deterministic ones that the tests check
 *
 * Run it after a change that moves results, and commit what it rewrites.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCKS, DocsContext, FIGURES, withBlock } from './docs/blocks.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const onlyChecked = process.argv.includes('--checked');
const ctx = new DocsContext(repo);

for (const b of BLOCKS) {
  if (onlyChecked && !b.checked) continue;
  const path = join(repo, b.file);
  const text = await b.make(ctx);
  writeFileSync(path, withBlock(readFileSync(path, 'utf8'), b.name, text));
  console.log(`${b.file}: ${b.name}`);
}
for (const f of FIGURES) {
  if (onlyChecked && !f.checked) continue;
  writeFileSync(join(repo, f.file), await f.make(ctx));
  console.log(f.file);
}
