import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckFailedError, EXIT, FuotaSimError, InputError, escapeText, fsReason, pathSegment, printableLine, quote, showPath, showValue } from '../../src/errors/index.js';

/** Characters a terminal acts on instead of showing: none may survive escaping. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('user text in messages', () => {
  it('escapes ANSI sequences, newlines and other controls', () => {
    expect(escapeText('a\u001b[31mred\nnext\tx\u0000')).toBe('a\\u001b[31mred\\nnext\\tx\\u0000');
    expect(escapeText('left\u202eright')).toBe('left\\u202eright');
    expect(escapeText('ünïcode ok, emoji 😀 ok')).toBe('ünïcode ok, emoji 😀 ok');
  });

  it('quotes a string, escaped, and cuts a long one with its length', () => {
    expect(quote('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    const long = quote('x'.repeat(1_000_000), 20);
    expect(long).toBe(`"${'x'.repeat(20)}…" (1000000 characters)`);
    expect(quote('😀'.repeat(30), 21)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // never half a surrogate pair
  });

  it('shows values as compact JSON, bounded in length and depth, whatever their size', () => {
    expect(showValue({ a: [1, 'b', null] })).toBe('{"a":[1,"b",null]}');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(showValue(deep).length).toBeLessThanOrEqual(60);
    expect(showValue(Array.from({ length: 1e6 }, (_, i) => i))).toMatch(/^\[0,1,2,.*\.\.\.$/);
    expect(showValue({ 'k\u001b': 'v\n' })).toBe('{"k\\u001b":"v\\n"}');
  });

  it('never lets an unprintable character through, and bounds every line (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.anything(), (s, v) => {
        for (const out of [escapeText(s), quote(s, 50), printableLine(s, 100), showValue(v, 60), showPath(s), pathSegment(s, false)]) {
          expect(out).not.toMatch(ACTIVE);
        }
        expect(printableLine(s, 100).length).toBeLessThanOrEqual(100);
        expect(showValue(v, 60).length).toBeLessThanOrEqual(60);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('writes dotted-path keys plainly when they are names, quoted otherwise', () => {
    expect(pathSegment('fuotaTask', true)).toBe('fuotaTask');
    expect(pathSegment('redundancy', false)).toBe('.redundancy');
    expect(pathSegment(3, false)).toBe('[3]');
    expect(pathSegment('   ', false)).toBe('["   "]');
    expect(pathSegment('a.b', false)).toBe('["a.b"]');
  });

  it('shows file names as given when printable, quoted otherwise', () => {
    expect(showPath('results/x')).toBe('results/x');
    expect(showPath('a\nb')).toBe('"a\\nb"');
    expect(showPath(' lead')).toBe('" lead"');
  });

  it('names the reason of a file-system refusal', () => {
    const err = Object.assign(new Error('x'), { code: 'EACCES' });
    expect(fsReason(err)).toBe('EACCES: permission denied');
    expect(fsReason(Object.assign(new Error('y'), { code: 'EWEIRD' }))).toBe('EWEIRD');
    expect(fsReason(new Error('plain\nmessage'))).toBe('plain\\nmessage');
  });
});

describe('the shared errors', () => {
  it('carry their lines and exit codes: 2 for input, 1 for a failed check', () => {
    const input = new InputError(['a: 1 is wrong', 'b: 2 is wrong'], 'x.json: 2 problems');
    expect(input.exitCode).toBe(EXIT.input);
    expect(input.lines).toEqual(['x.json: 2 problems', '  a: 1 is wrong', '  b: 2 is wrong']);
    expect(input.problems).toEqual(['a: 1 is wrong', 'b: 2 is wrong']);
    expect(input).toBeInstanceOf(FuotaSimError);
    expect(new CheckFailedError('moved').exitCode).toBe(1);
    expect(new FuotaSimError('x', EXIT.io).exitCode).toBe(74);
  });
});
