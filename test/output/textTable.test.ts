import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/output/textTable.js';

describe('textTable', () => {
  it('pads every column to its widest cell, two spaces apart, trailing spaces trimmed', () => {
    expect(textTable(['metric', 'value'], [['devices', '1000'], ['timeTo95S', '']])).toBe('metric     value\ndevices    1000\ntimeTo95S');
  });

  it('indents every line and draws a rule under the header when asked', () => {
    expect(textTable(['a', 'bb'], [['xyz', '1']], { indent: 2, rule: true })).toBe('  a    bb\n  ---  --\n  xyz  1');
  });
});
