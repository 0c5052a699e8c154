import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseYamlText } from '../../src/scenario/yaml.js';

afterEach(() => vi.restoreAllMocks());

describe('YAML scenario text', () => {
  it('reads plain YAML, a byte-order mark included', () => {
    expect(parseYamlText('name: town\nfuotaTask: { redundancyPercent: 20 }\n')).toEqual({ value: { name: 'town', fuotaTask: { redundancyPercent: 20 } }, problems: [] });
  });

  it('refuses a list as a key with its position, and Node prints no warning', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const r = parseYamlText('seed: 1\n? [a, b]\n: 1\n');
    expect(r.problems).toEqual(['not valid for a scenario (line 2, column 3): a key is a list; allowed: a plain key such as name']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses more than 100 alias uses (a file that expands without bound)', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(parseYamlText(text).problems).toEqual([expect.stringMatching(/aliases \(\*name\) expand to more than 100 times/)]);
  });

  it('refuses deep nesting, block or flow, with a clean message', () => {
    const block = ['x:', ...Array.from({ length: 80 }, (_, i) => `${' '.repeat(i + 1)}a:`)].join('\n') + ' 1\n';
    expect(parseYamlText(block).problems[0]).toMatch(/^not valid YAML \(line \d+, column \d+\): lists and objects are nested more than 64 deep/);
    const flow = `x: ${'['.repeat(6000)}${']'.repeat(6000)}\n`;
    expect(parseYamlText(flow).problems[0]).toMatch(/nested more than 64 deep/);
  });

  it('refuses __proto__, constructor and prototype keys, and duplicate keys, with positions', () => {
    expect(parseYamlText('sweep:\n  __proto__: [1]\n').problems).toEqual([
      'not valid for a scenario (line 2, column 3): the key "__proto__" is not allowed (it names a built-in member of every JavaScript object)',
    ]);
    expect(parseYamlText('seed: 1\nseed: 2\n').problems[0]).toMatch(/^not valid YAML \(line 2, column 1\): Map keys must be unique/);
  });
});
