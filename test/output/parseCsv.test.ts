import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/output/parseCsv.js';

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and CRLF line ends', () => {
    expect(parseCsv('a,b\r\n"x,y","say ""hi"""\r\n"two\nlines",\r\n')).toEqual({
      columns: ['a', 'b'],
      rows: [['x,y', 'say "hi"'], ['two\nlines', '']],
    });
  });

  it('reads plain tables on the fast path, with empty cells kept', () => {
    expect(parseCsv('x,y,z\n1,,3\n4,5,\n')).toEqual({ columns: ['x', 'y', 'z'], rows: [['1', '', '3'], ['4', '5', '']] });
    expect(parseCsv('')).toEqual({ columns: [], rows: [] });
  });

  it('reads back whatever csv-stringify writes', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 10 }), (rows) => {
        const text = stringify([['p', 'q', 'r'], ...rows]);
        expect(parseCsv(text)).toEqual({ columns: ['p', 'q', 'r'], rows });
      }),
    );
  });
});
