import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURE_FAILS, CAPTURE_OK, CAPTURE_UNKNOWN, CaptureMemo, CaptureOutcomes, capturePatterns, lesserPattern, positionsIn } from '../../src/sim/capture-memo.js';
import type { DownlinkRx } from '../../src/sim/downlink-rx.js';

/** The positions a frame visits: the list, or every position while there is none. */
function visited(o: CaptureOutcomes): number[] {
  const out: number[] = [];
  for (let i = 0; i < o.count; i++) {
    const m = o.positions === null ? i : o.positions[i];
    if (o.outcome[m] !== CAPTURE_FAILS) out.push(m);
  }
  return out;
}

/** A reach list of `length` slots, ascending and spread out (slot 3m + 1 at position m). */
function reach(length: number): Int32Array {
  return Int32Array.from({ length }, (_, m) => 3 * m + 1);
}

/** The slots a frame reads beside the positions: the reach list's entry at each, or null while there are no positions. */
function slotsBeside(o: CaptureOutcomes, list: Int32Array): void {
  if (o.positions === null) {
    expect(o.slots).toBeNull();
    return;
  }
  for (let k = 0; k < o.count; k++) expect(o.slots![k]).toBe(list[o.positions[k]]);
  // the outcomes kept beside the positions, when kept, are the outcomes at them
  if (o.visitOutcome !== null) for (let k = 0; k < o.count; k++) expect(o.visitOutcome[k]).toBe(o.outcome[o.positions[k]]);
}

/** A capture memo and a DownlinkRx stand-in whose capture key is `at.key`. */
function keyed(key: string): { memo: CaptureMemo; rx: DownlinkRx; at: { key: string } } {
  const at = { key };
  return { memo: new CaptureMemo(), rx: { captureKey: () => at.key } as unknown as DownlinkRx, at };
}

/** Gateway 0's pattern 'S;1,7;2,7' over `length` positions: a sure failure at 0, a failure inside the dB band (not sure) at 1, kept at 2. */
function mixedFailures(length: number): { memo: CaptureMemo; rx: DownlinkRx; at: { key: string }; own: CaptureOutcomes } {
  const k = keyed('S;1,7;2,7');
  const own = k.memo.outcomes(0, k.rx, reach(length))!;
  own.set(0, false, true);
  own.set(1, false, false);
  own.set(2, true);
  return { ...k, own };
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
          const list = reach(length);
          for (const sets of frames) {
            o.compact(list);
            expect(visited(o)).toEqual([...truth.keys()].filter((m) => truth[m] !== CAPTURE_FAILS));
            slotsBeside(o, list);
            // a position's outcome is worked out once: by a frame visiting the positions (at its
            // place among them) or, now and then, by one that does not
            for (const [x, ok] of sets) {
              const m = x % length;
              if (truth[m] !== CAPTURE_UNKNOWN) continue;
              const v = o.positions === null ? -1 : o.positions.subarray(0, o.count).indexOf(m);
              if (v >= 0 && x % 5 !== 0) o.setVisited(v, m, ok, false);
              else o.set(m, ok);
              truth[m] = ok ? CAPTURE_OK : CAPTURE_FAILS;
            }
            expect([...o.outcome]).toEqual([...truth]);
            slotsBeside(o, list);
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
    o.compact(reach(1000));
    expect(o.positions?.length).toBe(40);
    expect(o.count).toBe(40);
    expect([...(o.positions as Int32Array)]).toEqual(Array.from({ length: 40 }, (_, i) => i * 25));
    expect([...(o.slots as Int32Array)]).toEqual(Array.from({ length: 40 }, (_, i) => 3 * i * 25 + 1));
    // fewer than an eighth failed since: no compaction
    const p = o.positions;
    o.set(0, false);
    o.compact(reach(1000));
    expect(o.positions).toBe(p);
    expect(o.count).toBe(40);
  });

  it('finds each device of a list with devices left out at its old position, and nothing for a list that is not one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 80 }), fc.array(fc.boolean(), { maxLength: 80 }), (devices, keep) => {
        const before = Int32Array.from(devices);
        const after = Int32Array.from(devices.filter((_, i) => keep[i] ?? true));
        const from = positionsIn(before, after);
        expect(from).not.toBeNull();
        expect([...from!].map((i) => before[i])).toEqual([...after]);
        // a device not in the old list, or two in the other order: no mapping
        expect(positionsIn(before, Int32Array.from([...after, 9999]))).toBeNull();
        if (after.length >= 2) expect(positionsIn(before, Int32Array.from([after[1], after[0], ...after.slice(2)]))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('carries each remembered outcome to its device when the reach lists are compacted, and forgets a gateway whose list is new', () => {
    // the pattern a frame was collected against (captureKey), as DownlinkRx gives it
    let key = 'F;1,7';
    const rx = { captureKey: () => key } as unknown as DownlinkRx;
    const memo = new CaptureMemo();
    const before = [Int32Array.from([3, 8, 10, 12, 15, 20]), Int32Array.from([1, 2, 3])];
    const first = memo.outcomes(0, rx, before[0])!;
    first.set(0, true); // device 3
    first.set(1, false); // device 8
    first.set(4, false); // device 15
    key = 'S;1,7';
    memo.outcomes(0, rx, before[0])!.set(2, false); // device 10, another pattern
    memo.outcomes(1, rx, before[1])!.set(2, true); // gateway 1, device 3
    // devices 10 and 20 finished: gone from gateway 0's list; gateway 1's list changed order
    const after = [Int32Array.from([3, 8, 12, 15]), Int32Array.from([3, 2])];
    memo.rebase(before, after);
    key = 'F;1,7';
    const carried = memo.outcomes(0, rx, after[0])!;
    expect([...carried.outcome]).toEqual([CAPTURE_OK, CAPTURE_FAILS, CAPTURE_UNKNOWN, CAPTURE_FAILS]);
    // half the positions fail: the next compaction leaves the others only
    expect(carried.count).toBe(2);
    expect([...carried.positions!]).toEqual([0, 2]);
    expect([...carried.slots!]).toEqual([3, 12]);
    key = 'S;1,7';
    expect([...memo.outcomes(0, rx, after[0])!.outcome]).toEqual([CAPTURE_UNKNOWN, CAPTURE_UNKNOWN, CAPTURE_UNKNOWN, CAPTURE_UNKNOWN]);
    expect([...memo.outcomes(1, rx, after[1])!.outcome]).toEqual([CAPTURE_UNKNOWN, CAPTURE_UNKNOWN]);
  });

  it('finds a lesser pattern by the same rule whose interferers, per spreading factor, the frame\'s include in order', () => {
    const patterns = new Map<string, CaptureOutcomes>();
    const regular = new CaptureOutcomes(4);
    const linear = new CaptureOutcomes(4);
    const combining = new CaptureOutcomes(4);
    patterns.set('S;15,7;13,7@120', combining);
    patterns.set('F;8,7;6,7', linear);
    patterns.set('S;15,7;13,7', regular);
    // an SF12 answer added, before, between or after the copies
    expect(lesserPattern(patterns, 'S;15,7;13,7;23,12')).toBe(regular);
    expect(lesserPattern(patterns, 'S;23,12;15,7;13,7')).toBe(regular);
    expect(lesserPattern(patterns, 'S;15,7;9,12;13,7;2,12')).toBe(regular);
    // two of one spreading factor in the other order: a + b = b + a
    expect(lesserPattern(patterns, 'S;13,7;15,7;2,12')).toBe(regular);
    expect(lesserPattern(patterns, 'F;6,7;4,7;8,7')).toBe(linear);
    // a copy missing, another rule, a copy that may combine: none
    expect(lesserPattern(patterns, 'S;15,7;23,12')).toBeNull();
    expect(lesserPattern(patterns, 'F;15,7;13,7;11,7')).toBeNull();
    expect(lesserPattern(patterns, 'S;8,7;6,7;1,12')).toBeNull();
    expect(lesserPattern(patterns, 'S;15,7;13,7@120;23,12')).toBeNull();
    // three of one spreading factor out of order: the sum may round differently
    patterns.clear();
    patterns.set('F;1,7;2,7;3,7', linear);
    expect(lesserPattern(patterns, 'F;1,7;2,7;4,7;3,7')).toBe(linear);
    expect(lesserPattern(patterns, 'F;2,7;1,7;3,7')).toBeNull();
  });

  it('answers a frame past its gateway\'s patterns with a lesser one, whose failures count only when sure', () => {
    const { memo, rx, at, own } = mixedFailures(3);
    expect([0, 1, 2].map((m) => own.failsSurely(m))).toEqual([true, false, false]);
    for (let i = 1; i < capturePatterns.perGateway; i++) {
      at.key = `S;1,7;2,7;${i},12`;
      memo.outcomes(0, rx, reach(3));
    }
    at.key = 'S;1,7;9,12;2,7';
    expect(memo.outcomes(0, rx, reach(3))).toBeNull();
    expect(memo.lesser).toBe(own);
    // the next frame with a memo of its own has no lesser one
    at.key = 'S;1,7;2,7';
    expect(memo.outcomes(0, rx, reach(3))).toBe(own);
    expect(memo.lesser).toBeNull();
    // sureness moves with the devices when the lists are compacted
    memo.rebase([Int32Array.from([5, 6, 7])], [Int32Array.from([6, 7])]);
    const carried = memo.outcomes(0, rx, Int32Array.from([6, 7]))!;
    expect([carried.failsSurely(0), carried.failsSurely(1), carried.outcome[0]]).toEqual([false, false, CAPTURE_FAILS]);
  });

  it('starts a new pattern with the sure failures of a lesser one', () => {
    const { memo, rx, at } = mixedFailures(4);
    at.key = 'S;1,7;5,12;2,7';
    const added = memo.outcomes(0, rx, reach(4))!;
    expect([...added.outcome]).toEqual([CAPTURE_FAILS, CAPTURE_UNKNOWN, CAPTURE_UNKNOWN, CAPTURE_UNKNOWN]);
    expect(added.failsSurely(0)).toBe(true);
    // one interferer fewer: not a lesser pattern's frame
    at.key = 'S;1,7';
    expect([...memo.outcomes(0, rx, reach(4))!.outcome]).toEqual([CAPTURE_UNKNOWN, CAPTURE_UNKNOWN, CAPTURE_UNKNOWN, CAPTURE_UNKNOWN]);
  });
});

