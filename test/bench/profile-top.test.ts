import { describe, expect, it } from 'vitest';
import { inclusiveTimes, selfTimes } from '../../bench/profile-top.js';

/**
 * A hand-made profile: root → main → a → b, main → b, and a recursion a → a' → c. Samples (1 ms
 * each): main 1, a 2, a' 1, b under a 3, b under main 4, c 5.
 */
function node(id: number, functionName: string, children: number[] = []) {
  return { id, callFrame: { functionName, url: functionName === '(root)' ? '' : `file:///x/${functionName}.js`, lineNumber: 0 }, children };
}
const profile = {
  nodes: [node(1, '(root)', [2]), node(2, 'main', [3, 5]), node(3, 'a', [4, 6]), node(4, 'b'), node(5, 'b'), node(6, 'a', [7]), node(7, 'c')],
  samples: [2, 3, 3, 6, 4, 4, 4, 5, 5, 5, 5, 7, 7, 7, 7, 7],
  timeDeltas: new Array(16).fill(1000),
};

describe('profile-top', () => {
  it('sums each function with what it called, a recursive call once', () => {
    const t = new Map(inclusiveTimes(profile).map((x) => [x.name, x.selfMs]));
    expect(t.get('(root)')).toBe(16);
    expect(t.get('main')).toBe(16);
    // a: itself 2 + a' 1 + b 3 + c 5, the inner a not added a second time
    expect(t.get('a')).toBe(11);
    // b under a and under main
    expect(t.get('b')).toBe(7);
    expect(t.get('c')).toBe(5);
    expect(inclusiveTimes(profile)[0].sharePercent).toBe(100);
  });

  it('keeps self time apart: each sample counts once, for its own function', () => {
    const t = new Map(selfTimes(profile).map((x) => [x.name, x.selfMs]));
    expect(t.get('a')).toBe(3);
    expect(t.get('b')).toBe(7);
    expect(t.get('main')).toBe(1);
    expect([...t.values()].reduce((x, y) => x + y, 0)).toBe(16);
  });
});
