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

  it('gives the order of one sorted list for any mix of pushes and pops, at any time scale', () => {
    // times from the first bucket to well past the ring (2^20 µs buckets, 4096 of them): the near
    // heap, the ring, the overflow heap and the jumps between them; equal times pushed at different
    // moments, so an event may wait in one tier while its equal lands in another
    const time = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 21 }),
      fc.integer({ min: 0, max: 2 ** 33 }),
      fc.integer({ min: 0, max: 2 ** 44 }),
      fc.constantFrom(0, 2 ** 20 - 1, 2 ** 20, 2 ** 21, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 2 ** 20),
    );
    const op = fc.oneof(
      fc.record({ push: fc.constant(true), dt: time, p: fc.integer({ min: 0, max: 3 }), fromNow: fc.boolean() }),
      fc.record({ push: fc.constant(false) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const q = new EventQueue(16);
        const model: { t: number; p: number; i: number }[] = [];
        let now = 0;
        let i = 0;
        const popBoth = () => {
          model.sort((x, y) => x.t - y.t || x.p - y.p || x.i - y.i);
          const want = model.shift();
          expect(q.peekTime()).toBe(want === undefined ? Infinity : want.t);
          expect(q.pop()).toBe(want !== undefined);
          if (want === undefined) return;
          expect([q.time, q.kind, q.a, q.b]).toEqual([want.t, want.i, want.i * 2, -want.i | 0]);
          now = want.t;
        };
        for (const o of ops) {
          if ('dt' in o) {
            // as the kernel schedules (at or after the last event) or anywhere, earlier included
            const t = o.fromNow ? now + o.dt : o.dt;
            q.push(t, i, i * 2, -i | 0, o.p);
            model.push({ t, p: o.p, i });
            i++;
          } else popBoth();
          expect(q.size).toBe(model.length);
        }
        while (model.length > 0) popBoth();
        expect(q.pop()).toBe(false);
      }),
    );
  });

  it('keeps FIFO order between an event that waited in a later bucket and its equal pushed once that bucket is near', () => {
    const q = new EventQueue(16);
    const bucketUs = 2 ** 20;
    q.push(2 * bucketUs, 1); // two buckets ahead: waits in the ring
    q.push(bucketUs + 5, 2);
    expect(q.pop() && q.kind).toBe(2); // the queue has moved on to the bucket before it
    q.push(2 * bucketUs, 3); // the same time, pushed later: after event 1
    q.push(2 * bucketUs, 4, 0, 0, 0); // the same time, a higher priority: before both
    expect([q.pop() && q.kind, q.pop() && q.kind, q.pop() && q.kind]).toEqual([4, 1, 3]);
  });

  it('keeps order through crowded buckets that grow and are used again on the ring\'s next turn', () => {
    // 3 000 events in each of three buckets an hour apart (4 096 buckets of 2^20 µs make a turn),
    // pushed in a scrambled order, two rounds: the second lands in the buckets the first emptied
    const bucketUs = 2 ** 20;
    const q = new EventQueue(16);
    let kind = 0;
    for (const round of [0, 1]) {
      const base = round * 4096 * bucketUs;
      const want: { t: number; k: number }[] = [];
      for (let j = 0; j < 9000; j++) {
        const t = base + (1 + (j % 3) * 1500) * bucketUs + ((j * 7919) % bucketUs);
        q.push(t, kind, j);
        want.push({ t, k: kind++ });
      }
      want.sort((x, y) => x.t - y.t || x.k - y.k);
      const got: number[] = [];
      for (let j = 0; j < 9000 && q.pop(); j++) got.push(q.kind);
      expect(got).toEqual(want.map((w) => w.k));
      expect(q.size).toBe(0);
    }
    expect(q.pop()).toBe(false);
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
