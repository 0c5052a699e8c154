import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../src/engine/heap.js';

describe('EventHeap', () => {
  it('pops in (time, key) order with each event\'s own key and payload, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 48 })), { maxLength: 300 }), (items) => {
        const h = new EventHeap(16);
        items.forEach(([t, k], i) => h.push(t, k, i, 3 * i, -7 * i | 0));
        const want = items.map(([t, k], i) => ({ t, k, i })).sort((x, y) => x.t - y.t || x.k - y.k || x.i - y.i);
        for (const w of want) {
          expect(h.peekTime()).toBe(w.t);
          expect(h.pop()).toBe(true);
          expect([h.time, h.key]).toEqual([w.t, w.k]);
          // equal (time, key) pairs may come out in either order; each carries its own payload
          expect([h.a, h.b]).toEqual([3 * h.kind, -7 * h.kind | 0]);
          expect(items[h.kind]).toEqual([w.t, w.k]);
        }
        expect(h.pop()).toBe(false);
        expect(h.peekTime()).toBe(Infinity);
      }),
    );
  });
});
