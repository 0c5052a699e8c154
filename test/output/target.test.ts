import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/index.js';
import { MARKER_FILE, markerText, readMarker } from '../../src/output/marker.js';
import { checkOutputFile, checkOutputFolder, checkReplaceableFolder, holdsWorkingFolder } from '../../src/output/target.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'fuota-target-'));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }
  throw new Error('expected a refusal');
}

describe('output folders, checked before any work', () => {
  it('accepts a new folder under a writable one and leaves nothing behind', () => {
    const parent = fresh();
    expect(checkOutputFolder(join(parent, 'a', 'b'), { force: false })).toEqual({ exists: false });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a path under a file, a virtual file system and an existing file', () => {
    const parent = fresh();
    writeFileSync(join(parent, 'file'), 'x');
    expect(refusal(() => checkOutputFolder(join(parent, 'file', 'out'), { force: false }))).toMatch(/file is a file, so no folder can be made under it/);
    expect(refusal(() => checkOutputFolder('/proc/fuota-sim-out', { force: false }))).toMatch(/cannot write in \/proc \(E[A-Z]+/);
    expect(refusal(() => checkOutputFolder(join(parent, 'file'), { force: true }))).toMatch(/is a file; .*never replaces a file/);
  });

  it('replaces with force only a folder fuota-sim wrote, or an empty one', () => {
    const parent = fresh();
    const ours = join(parent, 'ours');
    mkdirSync(ours);
    writeFileSync(join(ours, 'summary.json'), '{}');
    expect(refusal(() => checkOutputFolder(ours, { force: false }))).toMatch(/already exists; pass --force/);
    expect(refusal(() => checkOutputFolder(ours, { force: true }))).toMatch(/not written by fuota-sim \(it has no \.fuota-sim\.json\)/);
    writeFileSync(join(ours, MARKER_FILE), markerText({ kind: 'run' }));
    expect(checkOutputFolder(ours, { force: true })).toEqual({ exists: true });
    mkdirSync(join(parent, 'empty'));
    expect(checkOutputFolder(join(parent, 'empty'), { force: false })).toEqual({ exists: true });
  });

  it('recognises a results folder of an earlier version by its files alone, and nothing more', () => {
    const parent = fresh();
    const run = join(parent, 'old-run');
    mkdirSync(run);
    for (const f of ['scenario.resolved.json', 'summary.json', 'summary.csv', 'timing.json', 'completion.svg']) writeFileSync(join(run, f), '{}');
    expect(() => checkReplaceableFolder(run)).not.toThrow();
    writeFileSync(join(run, 'notes.txt'), 'mine');
    expect(refusal(() => checkReplaceableFolder(run))).toMatch(/not written by fuota-sim/);
    const sweep = join(parent, 'old-sweep');
    mkdirSync(join(sweep, 'runs', 'p00-r0'), { recursive: true });
    writeFileSync(join(sweep, 'sweep.json'), '{\n  "format": "fuota-sim-sweep/1",\n  "name": "x"\n}\n');
    writeFileSync(join(sweep, 'aggregate.csv'), 'point\n');
    expect(() => checkReplaceableFolder(sweep)).not.toThrow();
    mkdirSync(join(sweep, 'runs', 'my-data'));
    expect(refusal(() => checkReplaceableFolder(sweep))).toMatch(/not written by fuota-sim/);
    const lookalike = join(parent, 'lookalike');
    mkdirSync(lookalike);
    writeFileSync(join(lookalike, 'summary.json'), '{}');
    expect(refusal(() => checkReplaceableFolder(lookalike))).toMatch(/not written by fuota-sim/);
  });

  it('never replaces the working folder, a folder above it, or a link', () => {
    expect(holdsWorkingFolder(process.cwd())).toBe(true);
    expect(holdsWorkingFolder(dirname(process.cwd()))).toBe(true);
    expect(holdsWorkingFolder(fresh())).toBe(false);
    expect(refusal(() => checkReplaceableFolder(process.cwd()))).toMatch(/working folder/);
    expect(refusal(() => checkOutputFolder('/', { force: true }))).toMatch(/working folder/);
    const parent = fresh();
    const target = join(parent, 'target');
    mkdirSync(target);
    writeFileSync(join(target, MARKER_FILE), markerText({ kind: 'run' }));
    symlinkSync(target, join(parent, 'link'));
    expect(refusal(() => checkReplaceableFolder(join(parent, 'link')))).toMatch(/symbolic link/);
  });

  it('reads a marker only when it is one', () => {
    const dir = fresh();
    expect(readMarker(dir)).toBeNull();
    writeFileSync(join(dir, MARKER_FILE), '{"format":"something-else"}');
    expect(readMarker(dir)).toBeNull();
    writeFileSync(join(dir, MARKER_FILE), markerText({ kind: 'sweep' }));
    expect(readMarker(dir)).toEqual({ format: 'fuota-sim-folder/1', kind: 'sweep' });
  });
});

describe('output files', () => {
  it('accept a new file or a regular one, never a folder or a device', () => {
    const dir = fresh();
    expect(() => checkOutputFile(join(dir, 'new.json'), { overwrite: false, option: '--out' })).not.toThrow();
    writeFileSync(join(dir, 'old.json'), '{}');
    expect(refusal(() => checkOutputFile(join(dir, 'old.json'), { overwrite: false, option: '--out' }))).toMatch(/already exists; pass --force/);
    expect(() => checkOutputFile(join(dir, 'old.json'), { overwrite: true, option: '--out' })).not.toThrow();
    expect(refusal(() => checkOutputFile(dir, { overwrite: true, option: '--out' }))).toMatch(/is a folder/);
    expect(refusal(() => checkOutputFile('/dev/null', { overwrite: true, option: '--out' }))).toMatch(/not a regular file/);
  });
});
