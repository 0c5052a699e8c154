/**
 * Atomic writes: a file or a result folder either exists whole or not at all.
 *
 * Files are written under a temporary name in the same folder, flushed to disk (fsync) and renamed
 * into place. Folders are filled under a temporary sibling `.tmp-<name>-<pid>-<random>` and renamed
 * when complete. A crash leaves only such a `.tmp-*` sibling, which the next write to the same place
 * removes (unless the process that made it is still running).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../cli/errors.js';

export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

function tmpName(base: string): string {
  return `.tmp-${base}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Write `data` (text, bytes, or chunks of either) to `path` atomically: temp file, fsync, rename. */
export async function writeFileAtomic(path: string, data: FileData): Promise<void> {
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

function refuse(finalDir: string): CliError {
  return new CliError(`${finalDir} already exists; pass --force to replace it`, 2);
}

/**
 * Build a folder atomically: `fill` writes into a fresh temporary sibling, which is renamed to
 * `finalDir` only when `fill` succeeds. An existing `finalDir` is refused with a CliError (exit 2)
 * naming `--force`, unless `force` (then it is replaced). On failure nothing is left behind.
 */
export async function writeDirAtomic(
  finalDir: string,
  fill: (tmpDir: string) => Promise<void> | void,
  opts: { force: boolean },
): Promise<void> {
  const target = resolve(finalDir);
  const parent = dirname(target);
  const base = basename(target);
  if (existsSync(target) && !opts.force) throw refuse(finalDir);
  await mkdir(parent, { recursive: true });
  await cleanStale(parent, base);
  const tmpDir = join(parent, tmpName(base));
  await mkdir(tmpDir);
  try {
    await fill(tmpDir);
    if (existsSync(target)) {
      if (!opts.force) throw refuse(finalDir);
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
