import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fragmentLine, parseFragmentLine } from '../../../src/fuota/ts004/index.js';

describe('fragment JSON lines', () => {
  it('write {"n":N,"data":"<hex>"} and read it back', () => {
    expect(fragmentLine({ n: 3, data: Uint8Array.of(0, 255) })).toBe('{"n":3,"data":"00ff"}');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16383 }), fc.uint8Array({ maxLength: 40 }), (n, data) => {
        expect(parseFragmentLine(fragmentLine({ n, data }))).toEqual({ ok: true, n, data });
      }),
    );
  });

  it('accept spaces and extra fields, as in the contract example', () => {
    expect(parseFragmentLine('{"n": 1, "data": "AB", "rssi": -90}')).toEqual({ ok: true, n: 1, data: Uint8Array.of(0xab) });
  });

  it('describe what is wrong with a malformed line instead of throwing', () => {
    expect(parseFragmentLine('{"n": 1')).toEqual({ ok: false, problem: 'not a JSON object' });
    expect(parseFragmentLine('[1, "00"]')).toEqual({ ok: false, problem: 'not a JSON object' });
    expect(parseFragmentLine('{"n": 1.5, "data": "00"}')).toEqual({ ok: false, problem: '"n" is not an integer' });
    expect(parseFragmentLine('{"n": 1, "data": 5}')).toEqual({ ok: false, problem: '"data" is not a string' });
    expect(parseFragmentLine('{"n": 1, "data": "0"}')).toEqual({ ok: false, problem: '"data" is not an even-length hex string' });
  });
});
