/**
 * Atomic writes: a file or a result folder either exists whole or not at all.
 *
 * Files are written under a temporary name in the same folder, flushed to disk (fsync) and renamed
 * into place. Folders are filled under a temporary sibling `.tmp-<name>-<pid>-<random>` and renamed
 * when complete. A crash leaves only such a `.tmp-*` sibling, which the next write to the same place
 * removes (unless the process that made it is still running).
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, showPath } from '../errors/index.js';
import { checkReplaceableFolder } from './target.js';

export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

function tmpName(base: string): string {
  return `.tmp-${base}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Write `data` (text, bytes, or chunks of either) to `path` atomically: temp file, fsync, rename.
 * Only a regular file is ever replaced: a folder, a link or a device at `path` is an InputError.
 */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
  const existing = lstatOrNull(path);
  if (existing !== null && !existing.isFile()) {
    throw new InputError(`${showPath(path)}: is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}; fuota-sim replaces only a file it can write`);
  }
  const dir = dirname(resolve(path));
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, tmpName(basename(path)));
  const fh = await open(tmp, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await fh.writeFile(data);
    } else {
      for (const chunk of data) {
        if (typeof chunk === 'string') await fh.write(chunk);
        else await fh.write(chunk);
      }
    }
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, path);
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove `.tmp-<base>-<pid>-*` siblings left by processes that are no longer running. */
async function cleanStale(parent: string, base: string): Promise<void> {
  const prefix = `.tmp-${base}-`;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-[0-9a-f]{8}$/.exec(name.slice(prefix.length));
    if (!m || processAlive(Number(m[1]))) continue;
    await rm(join(parent, name), { recursive: true, force: true });
  }
}

function refuse(finalDir: string): InputError {
  return new InputError(`${showPath(finalDir)} already exists; pass --force to replace it`);
}

/** An existing folder may be replaced with `force` when fuota-sim wrote it or it is empty (target.ts). */
function checkTarget(target: string, finalDir: string, force: boolean): void {
  const st = lstatOrNull(target);
  if (st === null) return;
  if (!force && !(st.isDirectory() && readdirSync(target).length === 0)) throw refuse(finalDir);
  checkReplaceableFolder(target);
}

/**
 * Build a folder atomically: `fill` writes into a fresh temporary sibling, which is renamed to
 * `finalDir` only when `fill` succeeds. An existing `finalDir` is refused with an InputError (exit 2)
 * naming `--force`, unless `force` and fuota-sim wrote it (its marker, marker.ts) or it is empty:
 * then it is replaced. A file, a link, the working folder and its parents are never replaced. On
 * failure nothing is left behind.
 */
export async function writeDirAtomic(
  finalDir: string,
  fill: (tmpDir: string) => Promise<void> | void,
  opts: { force: boolean },
): Promise<void> {
  const target = resolve(finalDir);
  const parent = dirname(target);
  const base = basename(target);
  checkTarget(target, finalDir, opts.force);
  await mkdir(parent, { recursive: true });
  await cleanStale(parent, base);
  const tmpDir = join(parent, tmpName(base));
  await mkdir(tmpDir);
  try {
    await fill(tmpDir);
    if (lstatOrNull(target) !== null) {
      checkTarget(target, finalDir, opts.force); // again: the folder may have appeared meanwhile
      const old = join(parent, tmpName(base));
      await rename(target, old);
      await rename(tmpDir, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmpDir, target);
    }
  } catch (err) {
    await rm(tmpDir, { recursive: true, force: true });
    throw err;
  }
}
