import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidName, NAME_PATTERN, nameFromText, nameProblem } from '../../src/scenario/names.js';
import { nameFromSource } from '../../src/scenario/resolve.js';

describe('the name rule', () => {
  it.each(['default', 'eu868-classb', 'a', 'x1.2_b-c', '0', 'a-', 'conx', 'console', 'x'.repeat(64)])('accepts %s', (name) => {
    expect(nameProblem(name)).toBeNull();
    expect(NAME_PATTERN.test(name)).toBe(true);
  });

  it.each([
    ['.', 'does not follow'], ['..', 'does not follow'], ['...', 'does not follow'], ['-rf', 'does not follow'],
    ['.tmp-x-1-deadbeef', 'does not follow'], ['_x', 'does not follow'], ['a/b', 'does not follow'], ['a\\b', 'does not follow'],
    ['A', 'does not follow'], ['', 'does not follow'], ['x'.repeat(65), 'does not follow'], ['a.', 'ends with "."'],
    ['con', 'reserves (con)'], ['nul', 'reserves (nul)'], ['aux.txt', 'reserves (aux)'], ['com1', 'reserves (com1)'], ['lpt9', 'reserves (lpt9)'], ['prn', 'reserves'],
  ])('refuses %s', (name, why) => {
    expect(nameProblem(name)).toContain(why);
    expect(NAME_PATTERN.test(name)).toBe(false);
  });

  it('makes a valid name out of any text, or the fallback (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const name = nameFromText(text, 'scenario');
        expect(isValidName(name)).toBe(true);
        expect(NAME_PATTERN.test(name)).toBe(true);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('derives default names from file names that would be unsafe as folders', () => {
    expect(nameFromSource('/x/...json')).toBe('scenario'); // its base name is ".."
    expect(nameFromSource('a/My Town (v2).yaml')).toBe('my-town-v2');
    expect(nameFromSource('con.json')).toBe('con-scenario');
    expect(nameFromSource('-rf.json')).toBe('rf');
    expect(nameFromSource('.hidden.yaml')).toBe('hidden');
  });
});
