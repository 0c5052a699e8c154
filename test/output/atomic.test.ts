import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.js';
import { writeDirAtomic, writeFileAtomic } from '../../src/output/atomic.js';
import { MARKER_FILE, markerText } from '../../src/output/marker.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'fuota-atomic-'));

describe('atomic file writes', () => {
  it('writes text, bytes and chunks and leaves no temporary file', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a.txt'), 'hello');
    await writeFileAtomic(join(dir, 'b.bin'), Uint8Array.from([1, 2, 3]));
    await writeFileAtomic(join(dir, 'c.csv'), ['x\n', Buffer.from('1\n'), '2\n']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe('x\n1\n2\n');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin', 'c.csv']);
  });

  it('keeps the old file whole when the new content fails half way', async () => {
    const dir = fresh();
    const path = join(dir, 'f.csv');
    writeFileSync(path, 'old');
    function* failing(): Generator<string> {
      yield 'new-part';
      throw new Error('boom');
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow('boom');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['f.csv']);
  });
});

describe('atomic result folders', () => {
  it('creates the folder only when the fill is complete', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    await writeDirAtomic(out, async (tmp) => {
      expect(existsSync(out)).toBe(false);
      writeFileSync(join(tmp, 'summary.json'), '{}');
    }, { force: false });
    expect(readdirSync(out)).toEqual(['summary.json']);
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('refuses an existing folder with exit code 2 and a message naming --force', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'x');
    const err = await writeDirAtomic(out, () => undefined, { force: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(2);
    expect((err as InputError).message).toContain('--force');
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  it('replaces an existing folder fuota-sim wrote (its marker) whole with force', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'stale.txt'), 'x');
    writeFileSync(join(out, MARKER_FILE), markerText({ kind: 'run' }));
    await writeDirAtomic(out, (tmp) => writeFileSync(join(tmp, 'new.txt'), 'y'), { force: true });
    expect(readdirSync(out)).toEqual(['new.txt']);
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('never replaces, with force, a folder without the marker, a file, or the working folder', async () => {
    const parent = fresh();
    const foreign = join(parent, 'mine');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'thesis.tex'), 'x');
    await expect(writeDirAtomic(foreign, (tmp) => writeFileSync(join(tmp, 'new.txt'), 'y'), { force: true })).rejects.toThrow(/not written by fuota-sim/);
    expect(readdirSync(foreign)).toEqual(['thesis.tex']);
    const file = join(parent, 'file.txt');
    writeFileSync(file, 'keep');
    await expect(writeDirAtomic(file, (tmp) => writeFileSync(join(tmp, 'new.txt'), 'y'), { force: true })).rejects.toThrow(/is a file/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
    await expect(writeDirAtomic(process.cwd(), () => undefined, { force: true })).rejects.toThrow(/working folder/);
    expect(readdirSync(parent).sort()).toEqual(['file.txt', 'mine']);
  });

  it('leaves nothing behind when the fill fails', async () => {
    const parent = fresh();
    const out = join(parent, 'run');
    await expect(writeDirAtomic(out, () => { throw new Error('crash'); }, { force: false })).rejects.toThrow('crash');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('cleans a crashed temporary sibling on the next write but keeps look-alikes and live ones', async () => {
    const parent = fresh();
    const dead = join(parent, '.tmp-run-999999999-0123abcd');
    const other = join(parent, '.tmp-run-b-1-0123abcd');
    const live = join(parent, `.tmp-run-${process.pid}-89abcdef`);
    for (const d of [dead, other, live]) mkdirSync(d);
    await writeDirAtomic(join(parent, 'run'), () => undefined, { force: false });
    expect(readdirSync(parent).sort()).toEqual([`.tmp-run-${process.pid}-89abcdef`, '.tmp-run-b-1-0123abcd', 'run']);
  });
});
