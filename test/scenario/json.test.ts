import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonTextError, parseJsonText } from '../../src/scenario/json.js';

function errorOf(text: string): { line: number; column: number; reason: string } {
  try {
    parseJsonText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(JsonTextError);
    const e = err as JsonTextError;
    return { line: e.line, column: e.column, reason: e.reason };
  }
  throw new Error(`parsed: ${text}`);
}

describe('strict JSON', () => {
  it('reads what JSON.parse reads, value for value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        expect(parseJsonText(text)).toEqual(JSON.parse(text));
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it.each([
    ['an empty file', '', 1, 1, /the file is empty/],
    ['only white space', '  \n ', 2, 2, /the file is empty/],
    ['a // comment', '{\n  // note\n  "a": 1\n}', 2, 3, /comments are not allowed in JSON/],
    ['a /* comment */', '{"a": 1 /* x */}', 1, 9, /comments are not allowed/],
    ['NaN', '{"a": NaN}', 1, 7, /NaN is not a JSON number/],
    ['Infinity', '{"a": -Infinity}', 1, 7, /-Infinity is not a JSON number/],
    ['single quotes', "{'a': 1}", 1, 2, /double quotes/],
    ['a trailing comma in an object', '{"a": 1,\n}', 2, 1, /comma before "}"/],
    ['a trailing comma in a list', '[1, 2,]', 1, 7, /comma before "]"/],
    ['an unquoted key', '{a: 1}', 1, 2, /a key in double quotes/],
    ['a leading zero', '{"a": 012}', 1, 7, /not a JSON number/],
    ['a hex number', '{"a": 0x10}', 1, 7, /not a JSON number/],
    ['an unclosed string', '{"a": "b}', 1, 7, /string is not closed/],
    ['a raw newline in a string', '{"a": "b\nc"}', 1, 9, /control character \(U\+000A\)/],
    ['a bad escape', '{"a": "\\x41"}', 1, 8, /not a JSON escape/],
    ['a missing brace', '{"a": {"b": 1}', 1, 15, /ends inside an object/],
    ['a wrong closing bracket', '{"a": [1}', 1, 9, /does not close the list/],
    ['text after the value', '{} {}', 1, 4, /more text after the end/],
    ['a duplicate key', '{"seed": 1,\n "seed": 2}', 2, 2, /duplicate key "seed" \(first at line 1, column 2\)/],
    ['a duplicate escaped key', '{"a": 1, "\\u0061": 2}', 1, 10, /duplicate key "a"/],
    ['__proto__', '{"sweep": {"__proto__": [1]}}', 1, 12, /the key "__proto__" is not allowed/],
    ['constructor', '{"constructor": 1}', 1, 2, /"constructor" is not allowed/],
    ['True', '{"a": True}', 1, 7, /lower case/],
  ])('reports %s with its line and column', (_what, text, line, column, reason) => {
    const e = errorOf(text);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.reason).toMatch(reason);
  });

  it('skips a byte-order mark, as YAML files may have one too', () => {
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ a: 1 });
    expect(errorOf('\ufeff{"a": }')).toMatchObject({ line: 1, column: 7 });
  });

  it('refuses nesting deeper than the limit, at any depth of input, without exhausting the stack', () => {
    expect(parseJsonText(`${'['.repeat(64)}${']'.repeat(64)}`)).toBeDefined();
    expect(errorOf(`${'['.repeat(65)}${']'.repeat(65)}`).reason).toMatch(/nested more than 64 deep/);
    const huge = `{"a": ${'['.repeat(200_000)}`;
    expect(errorOf(huge)).toMatchObject({ line: 1, column: 70 }); // the object and 63 lists fill the 64 levels; the 64th list is the 65th
  });

  it('finds the position of an error at the end of a large file (one pass, no re-parse)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `  [${i}, ${-i}]`);
    const text = `{"positions": [\n${rows.join(',\n')},\n]}`;
    expect(errorOf(text)).toMatchObject({ line: 200_002, column: 1 });
  });
});
