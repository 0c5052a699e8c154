import { describe, expect, it } from 'vitest';
import { escapeHtml, scriptJson, tableHtml } from '../../../src/output/report/page.js';

describe('report page helpers', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close its script element and parses back unchanged', () => {
    const value = { s: '</script><!--', u: 'line\u2028sep' };
    const text = scriptJson(value);
    expect(text).not.toContain('<');
    expect(text).not.toContain('\u2028');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('builds a table with escaped cells', () => {
    expect(tableHtml(['a'], [['<1>']])).toContain('<td>&lt;1&gt;</td>');
  });
});
