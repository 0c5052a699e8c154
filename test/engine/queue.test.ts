import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/engine/queue.js';

describe('EventQueue', () => {
  it('pops events in (time, priority, insertion) order for any sequence of pushes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 })), { maxLength: 400 }),
        (items) => {
          const q = new EventQueue(16);
          items.forEach(([t, p], i) => q.push(t, i, i, -i, p));
          const expected = items
            .map(([t, p], i) => ({ t, p, i }))
            .sort((x, y) => x.t - y.t || x.p - y.p || x.i - y.i);
          const got: number[] = [];
          while (q.pop()) {
            expect(q.b + q.a).toBe(0);
            got.push(q.kind);
          }
          expect(got).toEqual(expected.map((e) => e.i));
        },
      ),
    );
  });

  it('interleaves pushes and pops without losing FIFO order among equal times', () => {
    const q = new EventQueue(2);
    q.push(10, 1);
    q.push(5, 2);
    expect(q.pop() && q.kind).toBe(2);
    q.push(10, 3);
    q.push(10, 4, 0, 0, 0); // higher priority at the same time
    expect([q.pop() && q.kind, q.pop() && q.kind, q.pop() && q.kind]).toEqual([4, 1, 3]);
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('refuses a time that is negative or not finite', () => {
    const q = new EventQueue();
    expect(() => q.push(-1, 0)).toThrow(RangeError);
    expect(() => q.push(Number.NaN, 0)).toThrow(RangeError);
  });
});
