/**
 * Where results may go, checked before any work starts, so that a long run never ends in "cannot
 * write" and nothing outside the output is touched:
 *
 * - an output folder is new, or (with --force) a folder fuota-sim wrote itself (marker.ts, or a
 *   results folder of an earlier version, recognised by its files alone), or an empty folder; never
 *   a file, never the working folder or one of its parents;
 * - an output file is new or a regular file (never a folder, a device such as /dev/null, or a link);
 * - the folder that will hold the output can be written to: a temporary folder is made and removed
 *   there, which also catches read-only and virtual file systems such as /proc.
 */
import { closeSync, lstatSync, mkdtempSync, openSync, readdirSync, readSync, realpathSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fsReason, InputError, showPath } from '../errors/index.js';
import { MARKER_FILE, readMarker } from './marker.js';

function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch {
    return null;
  }
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** True when `dir` is the working folder or one of its parents (symbolic links resolved). */
export function holdsWorkingFolder(dir: string): boolean {
  const rel = relative(real(dir), real(process.cwd()));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Checks that folders can be created in the nearest existing folder above `path` (made and removed). */
function checkWritableParent(path: string, option: string, given: string): void {
  let parent = dirname(resolve(path));
  for (;;) {
    const st = statOrNull(parent, true);
    if (st !== null) {
      if (!st.isDirectory()) {
        throw new InputError(`${option} ${showPath(given)}: ${showPath(parent)} is a file, so no folder can be made under it; allowed: a path under a folder`);
      }
      break;
    }
    const up = dirname(parent);
    if (up === parent) break;
    parent = up;
  }
  try {
    rmdirSync(mkdtempSync(join(parent, '.tmp-probe-')));
  } catch (err) {
    throw new InputError(`${option} ${showPath(given)}: cannot write in ${showPath(parent)} (${fsReason(err)}); allowed: a folder you can write to`);
  }
}

/** Files a results folder holds, by name (tables, specs, plots, the report). */
const RESULT_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(json|csv|svg|html)$/;
const RUN_ID = /^p\d{2,7}-r\d{1,5}$/;

/**
 * A results folder written before folders carried the marker: a run folder (scenario.resolved.json,
 * summary.json and timing.json) or a sweep folder (a fuota-sim sweep.json and runs/ of run ids),
 * holding nothing but result files. Such a folder is fuota-sim's own as surely as a marked one.
 */
function isUnmarkedResultsFolder(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  const isResultFile = (d: string, n: string) => RESULT_FILE.test(n) && statOrNull(join(d, n), false)?.isFile() === true;
  const run = ['scenario.resolved.json', 'summary.json', 'timing.json'].every((n) => names.includes(n));
  if (run) return names.every((n) => isResultFile(dir, n));
  if (!names.includes('sweep.json') || !/"format": "fuota-sim-sweep\/1"/.test(readHead(join(dir, 'sweep.json')))) return false;
  return names.every((n) => {
    if (n !== 'runs') return isResultFile(dir, n);
    const runs = join(dir, n);
    return statOrNull(runs, false)?.isDirectory() === true && readdirSync(runs).every((r) => RUN_ID.test(r) || r.startsWith('.tmp-'));
  });
}

/** The first bytes of a file as text ('' when unreadable). */
function readHead(path: string): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(256);
      return buf.subarray(0, readSync(fd, buf, 0, 256, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

function isEmptyFolder(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

/**
 * Refuses replacing `dir` unless fuota-sim wrote it (its marker) or it is empty; refuses the working
 * folder and its parents, files and links whatever the marker says.
 */
export function checkReplaceableFolder(dir: string, option = '--out'): void {
  if (holdsWorkingFolder(dir)) {
    throw new InputError(`${option} ${showPath(dir)}: is the working folder or a folder above it, which fuota-sim never replaces; allowed: a folder of its own, such as results/<name>`);
  }
  const link = statOrNull(dir, false);
  if (link === null) return;
  if (link.isSymbolicLink()) throw new InputError(`${option} ${showPath(dir)}: is a symbolic link, which fuota-sim does not replace; allowed: a folder fuota-sim wrote`);
  if (!link.isDirectory()) throw new InputError(`${option} ${showPath(dir)}: is a file; fuota-sim writes a folder there and never replaces a file; allowed: a new folder`);
  if (readMarker(dir) === null && !isEmptyFolder(dir) && !isUnmarkedResultsFolder(dir)) {
    throw new InputError(
      `${option} ${showPath(dir)}: this folder was not written by fuota-sim (it has no ${MARKER_FILE}), so --force does not replace it; ` +
        'allowed: a new folder, or one fuota-sim wrote (remove this one yourself if you mean it)',
    );
  }
}

export interface FolderTargetOptions {
  /** replace an existing folder (only one fuota-sim wrote) */
  force: boolean;
  /** an existing folder is to be continued, not replaced (sweep --resume) */
  resume?: boolean;
  /** the option that named the folder, for messages */
  option?: string;
  /** what to do about an existing folder (default: pass --force to replace it) */
  existsHint?: string;
}

/** Checks an output folder before any work starts; returns whether it exists. Throws InputError. */
export function checkOutputFolder(dir: string, opts: FolderTargetOptions): { exists: boolean } {
  const option = opts.option ?? '--out';
  if (holdsWorkingFolder(dir)) checkReplaceableFolder(dir, option);
  const st = statOrNull(dir, true);
  if (st === null) {
    checkWritableParent(dir, option, dir);
    return { exists: false };
  }
  if (!st.isDirectory()) {
    throw new InputError(`${option} ${showPath(dir)}: is a file; fuota-sim writes a folder there and never replaces a file; allowed: a new folder`);
  }
  if (opts.resume) {
    checkWritableParent(join(dir, 'x'), option, dir);
    return { exists: true };
  }
  if (!opts.force && !isEmptyFolder(dir)) {
    throw new InputError(`${option} ${showPath(dir)}: already exists; ${opts.existsHint ?? 'pass --force to replace it (a folder fuota-sim wrote)'}`);
  }
  checkReplaceableFolder(dir, option);
  checkWritableParent(dir, option, dir);
  return { exists: true };
}

/**
 * Checks an output file before any work starts: new, or an existing regular file (replaced only
 * when `overwrite`). Throws InputError.
 */
export function checkOutputFile(path: string, opts: { overwrite: boolean; option: string }): void {
  const st = statOrNull(path, false);
  if (st !== null) {
    if (st.isDirectory()) throw new InputError(`${opts.option} ${showPath(path)}: is a folder; allowed: a file name`);
    if (!st.isFile()) throw new InputError(`${opts.option} ${showPath(path)}: is not a regular file (a link, a device or a pipe), which fuota-sim does not replace; allowed: a file name`);
    if (!opts.overwrite) throw new InputError(`${opts.option} ${showPath(path)}: already exists; pass --force to overwrite it`);
  }
  checkWritableParent(path, opts.option, path);
}
