/**
 * User text in messages: field names, values, file names and arguments come from files and command
 * lines that may hold anything (escape sequences that recolour or clear a terminal, newlines that
 * would forge extra message lines, megabytes of text). Every piece of it is escaped and shortened
 * here before it reaches a message.
 */

/**
 * Characters that change what a terminal shows rather than being shown: C0 and C1 controls (ESC
 * starts the ANSI sequences), DEL, line and paragraph separators, bidirectional overrides and
 * isolates (which reorder the text around them), zero-width marks and the byte-order mark.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The same set, to test for (a global regex keeps state between `test` calls). */
const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source);

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `s` with every unprintable character written as an escape (`\n`, `\u001b`, ...). */
export function escapeText(s: string): string {
  return s.replace(UNPRINTABLE, escapeChar);
}

/** The first `max` UTF-16 units of `s`, never ending in half a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A user string in double quotes, escaped (quotes, backslashes and unprintable characters) and cut
 * to about `max` characters: `"abc…" (12345 characters)` when longer.
 */
export function quote(s: string, max = 80): string {
  const body = escapeText(JSON.stringify(cut(s, max)));
  return s.length > max ? `${body.slice(0, -1)}…" (${s.length} characters)` : body;
}

/** A printable one-line form of a message line, cut to `max` characters. */
export function printableLine(line: string, max = 2000): string {
  const text = escapeText(line);
  return text.length > max ? `${cut(text, max - 1)}…` : text;
}

/**
 * A value as a message shows it: compact JSON, strings quoted and escaped, cut to `max` characters
 * with "..." (deep or huge values are never serialised in full).
 */
export function showValue(value: unknown, max = 60): string {
  const parts: string[] = [];
  let length = 0;
  const push = (s: string): boolean => {
    parts.push(s);
    length += s.length;
    return length <= max;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (length > max) return false;
    if (v === undefined) return push('undefined');
    if (v === null || typeof v === 'boolean') return push(String(v));
    if (typeof v === 'number') return push(Number.isFinite(v) ? String(v) : 'null');
    if (typeof v === 'string') return push(quote(v, max));
    if (typeof v !== 'object') return push(`<${typeof v}>`);
    if (depth >= 8) return push('…');
    if (Array.isArray(v)) {
      if (!push('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if ((i > 0 && !push(',')) || !walk(v[i], depth + 1)) return false;
      }
      return push(']');
    }
    if (!push('{')) return false;
    let first = true;
    for (const key of Object.keys(v)) {
      if ((!first && !push(',')) || !push(`${quote(key, max)}:`) || !walk((v as Record<string, unknown>)[key], depth + 1)) return false;
      first = false;
    }
    return push('}');
  };
  walk(value, 0);
  const text = parts.join('');
  return text.length > max ? `${cut(text, max - 3)}...` : text;
}

/** A key of a dotted path: `.name` when it reads as a name, `[3]` for list entries, `["odd key"]` otherwise. */
export function pathSegment(segment: PropertyKey, first: boolean): string {
  if (typeof segment === 'number') return `[${segment}]`;
  const s = String(segment);
  if (/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/.test(s)) return first ? s : `.${s}`;
  return `[${quote(s, 40)}]`;
}

/** A file or folder name for a message: as given when it is printable and short, else quoted. */
export function showPath(path: string): string {
  return path.length <= 200 && !HAS_UNPRINTABLE.test(path) && !/^\s|\s$/.test(path) && path !== ''
    ? path
    : quote(path, 200);
}

/** Why the file system refused, for a message: `EACCES (permission denied)`. */
export function fsReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' ? e.code : null;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder, not a file',
    EEXIST: 'already exists',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    EMFILE: 'too many open files',
    ENAMETOOLONG: 'name too long',
    ELOOP: 'too many symbolic links',
    EXDEV: 'on another device',
    EBUSY: 'busy',
    ENOTEMPTY: 'folder not empty',
    EIO: 'input/output error',
  };
  if (code) return known[code] ? `${code}: ${known[code]}` : code;
  return printableLine(err instanceof Error ? err.message : String(err), 200);
}
