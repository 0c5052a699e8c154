/**
 * Strict JSON for every file fuota-sim reads (scenarios, sweep manifests, result summaries, AWS
 * JSON). `JSON.parse` does the parsing; before it, one linear pass over the text checks what
 * `JSON.parse` does not report, or reports without a position:
 *
 * - every syntax error, with its line and column and a plain reason (comments, NaN, single quotes,
 *   a trailing comma, an empty file, ...);
 * - duplicate keys in one object (JSON.parse keeps the last one silently), named with both places;
 * - keys that name JavaScript object machinery (`__proto__`, `constructor`, `prototype`);
 * - nesting deeper than MAX_NESTING.
 *
 * A byte-order mark at the start is skipped (RFC 8259 section 8.1 lets a parser ignore it).
 */
import { readFileSync, statSync } from 'node:fs';
import { fsReason, InputError, quote, showPath } from '../errors/index.js';
import { FORBIDDEN_KEYS, forbiddenKeyProblem, MAX_NESTING, nestingProblem } from './tree.js';

/** A JSON text that cannot be read: where (1-based line and column) and why. */
export class JsonTextError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'JsonTextError';
  }
}

/** 1-based line and column of `offset` in `text` (columns count UTF-16 units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const enum State {
  /** a value must come */
  Value,
  /** right after "[": a value or "]" */
  FirstItem,
  /** right after "{": a key or "}" */
  FirstKey,
  /** after ",": a key */
  Key,
  /** after a key: ":" */
  Colon,
  /** after a value: ",", "]" or "}" */
  After,
  /** the top-level value is complete: only white space may follow */
  End,
}

interface Frame {
  object: boolean;
  /** key → offset of its first occurrence (objects only) */
  keys: Map<string, number> | null;
}

const NUMBER_SOURCE = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';
const WORD_SOURCE = '[A-Za-z_$][A-Za-z0-9_$]*';
const NOT_JSON_WORDS: Record<string, string> = {
  NaN: 'NaN is not a JSON number; allowed: a number, or null for no value',
  Infinity: 'Infinity is not a JSON number; allowed: a finite number',
  undefined: 'undefined is not a JSON value; allowed: null, or leave the key out',
  True: 'JSON writes true in lower case', False: 'JSON writes false in lower case',
  None: 'JSON writes null, not None', Null: 'JSON writes null in lower case',
};

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Parses `text` as strict JSON; throws JsonTextError with the line and column of the first
 * problem. `maxDepth` bounds the nesting of lists and objects.
 */
export function parseJsonText(text: string, maxDepth = MAX_NESTING): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  scanJson(body, maxDepth);
  return JSON.parse(body) as unknown;
}

function scanJson(text: string, maxDepth: number): void {
  const n = text.length;
  const fail: (offset: number, reason: string) => never = (offset, reason) => {
    const { line, column } = lineColumn(text, offset);
    throw new JsonTextError(reason, line, column);
  };
  // sticky expressions keep their position: one pair per call
  const NUMBER = new RegExp(NUMBER_SOURCE, 'y');
  const WORD = new RegExp(WORD_SOURCE, 'y');
  const stack: Frame[] = [];
  let state = State.Value as State;
  let i = 0;

  /** Scans the string starting at the quote at `i`; returns its end (after the closing quote). */
  const scanString = (start: number): number => {
    let j = start + 1;
    for (;;) {
      if (j >= n) fail(start, 'a string is not closed (no closing double quote before the end of the file)');
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) fail(j, 'a \\u escape needs four hex digits');
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          j += 2;
        } else {
          fail(j, `${quote(`\\${e ?? ''}`)} is not a JSON escape; allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`);
        }
      } else if (c < 0x20) {
        fail(j, `a control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) inside a string; write it as an escape such as \\n`);
      } else {
        j++;
      }
    }
  };

  const push = (object: boolean): void => {
    if (stack.length >= maxDepth) fail(i, nestingProblem(maxDepth));
    stack.push({ object, keys: object ? new Map() : null });
  };

  /** After a value or a closed container. */
  const afterValue = (): void => {
    state = stack.length === 0 ? State.End : State.After;
  };

  /** What is at `i` that cannot start a value: a reason naming it. */
  const unexpected: () => never = () => {
    const c = text[i];
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      fail(i, 'comments are not allowed in JSON; remove them (YAML files, .yaml, may hold # comments)');
    }
    if (c === "'") fail(i, 'strings and keys need double quotes (") in JSON, not single quotes');
    WORD.lastIndex = i;
    const word = WORD.exec(text)?.[0];
    if (word !== undefined) {
      fail(i, NOT_JSON_WORDS[word] ?? `${quote(word, 40)} is not a JSON value; strings need double quotes`);
    }
    if (c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9')) {
      if (text.startsWith('-Infinity', i)) fail(i, '-Infinity is not a JSON number; allowed: a finite number');
      fail(i, 'not a JSON number; allowed: digits with an optional sign, decimals and exponent, e.g. -12.5e3 (no leading zeros, no "+", no hex)');
    }
    const shown = quote(String.fromCodePoint(text.codePointAt(i) ?? 0));
    fail(i, `${shown} is not allowed here`);
  };

  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (state === State.End) return;
      if (n === 0 || /^\s*$/.test(text)) fail(i, 'the file is empty; allowed: a JSON object such as {}');
      fail(i, stack.length > 0 ? `the file ends inside ${stack[stack.length - 1].object ? 'an object (a "}" is missing)' : 'a list (a "]" is missing)'}` : 'the file ends where a value should be');
    }
    const c = text[i];
    switch (state) {
      case State.End:
        if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) unexpected();
        fail(i, 'more text after the end of the JSON value');
        break;
      case State.Value:
      case State.FirstItem:
        if (c === ']' && state === State.FirstItem) {
          stack.pop();
          i++;
          afterValue();
        } else if (c === ']' || c === '}') {
          fail(i, `a comma before "${c}": JSON allows no trailing comma`);
        } else if (c === '[' || c === '{') {
          push(c === '{');
          i++;
          state = c === '{' ? State.FirstKey : State.FirstItem;
        } else if (c === '"') {
          i = scanString(i);
          afterValue();
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          const end = m ? i + m[0].length : i;
          const next = text[end];
          if (!m || (next !== undefined && /[0-9A-Za-z_.+-]/.test(next))) unexpected();
          i = end;
          afterValue();
        } else if (text.startsWith('true', i) || text.startsWith('null', i) || text.startsWith('false', i)) {
          const len = text[i] === 'f' ? 5 : 4;
          if (/[A-Za-z0-9_$]/.test(text[i + len] ?? '')) unexpected();
          i += len;
          afterValue();
        } else {
          unexpected();
        }
        break;
      case State.FirstKey:
      case State.Key: {
        if (c === '}' && state === State.FirstKey) {
          stack.pop();
          i++;
          afterValue();
          break;
        }
        if (c === '}') fail(i, 'a comma before "}": JSON allows no trailing comma');
        if (c !== '"') {
          if (c === "'" || (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) unexpected();
          fail(i, 'a key in double quotes must come here (JSON keys are strings in double quotes)');
        }
        const end = scanString(i);
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        const keys = stack[stack.length - 1].keys!;
        if (FORBIDDEN_KEYS.has(key)) fail(i, forbiddenKeyProblem(key));
        const first = keys.get(key);
        if (first !== undefined) {
          const at = lineColumn(text, first);
          fail(i, `duplicate key ${quote(key, 60)} (first at line ${at.line}, column ${at.column}); allowed: each key once per object`);
        }
        keys.set(key, i);
        i = end;
        state = State.Colon;
        break;
      }
      case State.Colon:
        if (c !== ':') fail(i, 'a ":" must follow the key');
        i++;
        state = State.Value;
        break;
      case State.After: {
        const top = stack[stack.length - 1];
        if (c === ',') {
          i++;
          state = top.object ? State.Key : State.Value;
        } else if ((c === ']' && !top.object) || (c === '}' && top.object)) {
          stack.pop();
          i++;
          afterValue();
        } else if (c === ']' || c === '}') {
          fail(i, `"${c}" does not close the ${top.object ? 'object (a "}" is expected)' : 'list (a "]" is expected)'}`);
        } else {
          if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) unexpected();
          fail(i, `a "," or "${top.object ? '}' : ']'}" must come here`);
        }
        break;
      }
    }
  }
}

/** Largest JSON file read (a sweep manifest of a million runs takes about 100 MB). */
export const MAX_JSON_FILE_BYTES = 512 * 2 ** 20;

/**
 * Reads and parses a JSON file fuota-sim did not necessarily write itself (a results folder, a
 * baseline, AWS JSON); InputError naming the file, the line and the column otherwise. `hint` is
 * added to the message (what to do about it).
 */
export function readJsonFile(path: string, hint = ''): unknown {
  let text: string;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${showPath(path)}: is a folder, not a JSON file${hint}`);
    if (!st.isFile() && !st.isFIFO()) throw new InputError(`${showPath(path)}: is not a regular file${hint}`);
    if (st.size > MAX_JSON_FILE_BYTES) throw new InputError(`${showPath(path)}: ${st.size} bytes, more than the ${MAX_JSON_FILE_BYTES} a JSON file may have${hint}`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${showPath(path)}: cannot read it (${fsReason(err)})${hint}`);
  }
  try {
    return parseJsonText(text);
  } catch (err) {
    if (err instanceof JsonTextError) throw new InputError(`${showPath(path)}: not valid JSON (line ${err.line}, column ${err.column}): ${err.reason}${hint}`);
    throw err;
  }
}
