import { parse } from 'csv-parse/sync';
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

  it('reads quote-free text on its fast path exactly as csv-parse does', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', '.', '-', ' ', 'e') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (rows, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = [['p', 'q', 'r'], ...rows].map((r) => r.join(',') + eol).join('');
        const [columns, ...body] = parse(text, { relax_column_count: true }) as string[][];
        expect(parseCsv(text)).toEqual({ columns, rows: body });
      }),
    );
  });

  it('keeps records of another length than the header (the callers name them)', () => {
    expect(parseCsv('a,b\n"1",2,3\n4\n')).toEqual({ columns: ['a', 'b'], rows: [['1', '2', '3'], ['4']] });
    expect(parseCsv('a,b\n1,2,3\n4\n')).toEqual({ columns: ['a', 'b'], rows: [['1', '2', '3'], ['4']] });
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
