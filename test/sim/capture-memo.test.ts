import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURE_FAILS, CAPTURE_OK, CAPTURE_UNKNOWN, CaptureOutcomes } from '../../src/sim/capture-memo.js';

/** The positions a frame visits: the list, or every position while there is none. */
function visited(o: CaptureOutcomes): number[] {
  const out: number[] = [];
  for (let i = 0; i < o.count; i++) {
    const m = o.positions === null ? i : o.positions[i];
    if (o.outcome[m] !== CAPTURE_FAILS) out.push(m);
  }
  return out;
}

describe('remembered capture outcomes', () => {
  it('visits, frame after frame, exactly the positions not known to fail, in order, whenever it compacts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 60 }), { maxLength: 12 }),
        (length, frames) => {
          const o = new CaptureOutcomes(length);
          const truth = new Uint8Array(length);
          for (const sets of frames) {
            o.compact();
            expect(visited(o)).toEqual([...truth.keys()].filter((m) => truth[m] !== CAPTURE_FAILS));
            // a position's outcome is worked out once
            for (const [x, ok] of sets) {
              const m = x % length;
              if (truth[m] !== CAPTURE_UNKNOWN) continue;
              o.set(m, ok);
              truth[m] = ok ? CAPTURE_OK : CAPTURE_FAILS;
            }
            expect([...o.outcome]).toEqual([...truth]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('makes its list at the first compaction with room for the positions left only', () => {
    const o = new CaptureOutcomes(1000);
    expect(o.positions).toBeNull();
    for (let m = 0; m < 1000; m++) o.set(m, m % 25 === 0);
    o.compact();
    expect(o.positions?.length).toBe(40);
    expect(o.count).toBe(40);
    expect([...(o.positions as Int32Array)]).toEqual(Array.from({ length: 40 }, (_, i) => i * 25));
    // fewer than an eighth failed since: no compaction
    const p = o.positions;
    o.set(0, false);
    o.compact();
    expect(o.positions).toBe(p);
    expect(o.count).toBe(40);
  });
});
