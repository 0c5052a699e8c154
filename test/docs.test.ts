/**
 * The outputs, numbers and figures that README.md and docs/*.md show are generated (bench/docs/
 * blocks.ts). This test regenerates the cheap, deterministic ones and fails when the committed docs
 * differ: refresh them with `npm run docs` (or `npm run docs -- --checked` for these alone).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCKS, blockText, DocsContext, FIGURES, withBlock } from '../bench/docs/blocks.js';
import { repoRoot } from './helpers/shared.js';

const ctx = new DocsContext(repoRoot);
const refresh = 'out of date: run npm run docs (or npm run docs -- --checked) and commit the result';

describe('generated docs', () => {
  it('replace the text between their markers and read it back', () => {
    const doc = 'a\n<!-- generated: x (npm run docs) -->\nold\n<!-- end generated: x -->\nb\n';
    const next = withBlock(doc, 'x', 'new\ntext');
    expect(next).toBe('a\n<!-- generated: x (npm run docs) -->\nnew\ntext\n<!-- end generated: x -->\nb\n');
    expect(blockText(next, 'x')).toBe('new\ntext');
    expect(blockText(doc, 'y')).toBeNull();
    expect(() => withBlock(doc, 'y', '')).toThrow(/no markers/);
  });

  it('have markers for every block in their files', () => {
    for (const b of BLOCKS) expect(blockText(readFileSync(join(repoRoot, b.file), 'utf8'), b.name), `${b.file}: ${b.name}`).not.toBeNull();
  });

  for (const b of BLOCKS.filter((x) => x.checked)) {
    it(`${b.file}: ${b.name} is what the code produces`, async () => {
      const committed = blockText(readFileSync(join(repoRoot, b.file), 'utf8'), b.name);
      expect(committed, `${b.file}: ${b.name} ${refresh}`).toBe(await b.make(ctx));
    });
  }

  for (const f of FIGURES.filter((x) => x.checked)) {
    it(`${f.file} is what the plot code draws`, async () => {
      const same = readFileSync(join(repoRoot, f.file), 'utf8') === (await f.make(ctx));
      expect(same, `${f.file} ${refresh}`).toBe(true);
    });
  }
});
