import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DutyCycleLedger, ETSI_OBSERVATION_WINDOW_US, maxWindowShare } from '../../src/lorawan/dutycycle.js';

/** airtime of [s, s + a) frames inside [t, t + w) */
function loadAt(frames: Array<[number, number]>, t: number, w: number): number {
  let sum = 0;
  for (const [s, a] of frames) sum += Math.max(0, Math.min(s + a, t + w) - Math.max(s, t));
  return sum;
}

/** brute force: the fullest window over every breakpoint family and a scan of integer starts */
function bruteMaxLoad(frames: Array<[number, number]>, w: number): number {
  const ts = new Set<number>();
  for (const [s, a] of frames) for (const t of [s, s + a - w, s - w, s + a]) ts.add(t);
  const lo = Math.min(...frames.map(([s]) => s)) - w;
  const hi = Math.max(...frames.map(([s, a]) => s + a));
  const step = Math.max(1, Math.floor((hi - lo) / 2000));
  for (let t = lo; t <= hi; t += step) ts.add(t);
  let best = 0;
  for (const t of ts) best = Math.max(best, loadAt(frames, t, w));
  return best;
}

function share(frames: Array<[number, number]>, w: number): number {
  return maxWindowShare(Float64Array.from(frames.map((f) => f[0])), Float64Array.from(frames.map((f) => f[1])), frames.length, w);
}

const requests = fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 40 });

describe('sliding-window ledger', () => {
  it('never lets any window exceed dc · W, and every start is the earliest one allowed', () => {
    fc.assert(
      fc.property(requests, fc.constantFrom(0.1, 0.25, 0.5), (reqs, dc) => {
        const windowUs = 1000;
        const capUs = dc * windowUs;
        const ledger = new DutyCycleLedger({ model: 'sliding-window', dutyCycle: dc, windowUs });
        const frames: Array<[number, number]> = [];
        let nowUs = 0;
        for (const [gapUs, airtimeUs] of reqs) {
          nowUs += gapUs;
          const s = ledger.earliestStartUs(nowUs, airtimeUs);
          const lastEnd = frames.length ? frames[frames.length - 1][0] + frames[frames.length - 1][1] : -Infinity;
          const s0 = Math.max(nowUs, lastEnd);
          expect(s).toBeGreaterThanOrEqual(s0);
          if (s > s0) expect(bruteMaxLoad([...frames, [s - 1, airtimeUs]], windowUs)).toBeGreaterThan(capUs);
          frames.push([s, airtimeUs]);
          ledger.record(s, airtimeUs);
          nowUs = s;
        }
        expect(bruteMaxLoad(frames, windowUs)).toBeLessThanOrEqual(capUs);
        expect(share(frames, windowUs)).toBeLessThanOrEqual(dc);
        expect(ledger.totalAirtimeUs).toBe(frames.reduce((a, f) => a + f[1], 0));
      }),
      { numRuns: 150 },
    );
  });

  it('answers repeated asks between two records as a ledger asked once would (remembered answers)', () => {
    // asks: a time offset from the last frame's end (negative: before it) and one of six airtimes, more
    // than the answers it remembers, so remembered answers are also overwritten
    const asks = fc.array(fc.tuple(fc.integer({ min: -80, max: 900 }), fc.constantFrom(5, 17, 30, 42, 60, 95)), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 60 }), asks), { minLength: 1, maxLength: 25 }), fc.constantFrom(0.1, 0.25), (steps, dc) => {
        const opts = { model: 'sliding-window' as const, dutyCycle: dc, windowUs: 1000 };
        const ledger = new DutyCycleLedger(opts);
        const frames: Array<[number, number]> = [];
        let lastEnd = 0;
        for (const [gapUs, airtimeUs, asked] of steps) {
          for (const [offsetUs, askAirUs] of asked) {
            const nowUs = Math.max(0, lastEnd + offsetUs);
            const fresh = new DutyCycleLedger(opts);
            for (const [s, a] of frames) fresh.record(s, a);
            expect(ledger.earliestStartUs(nowUs, askAirUs)).toBe(fresh.earliestStartUs(nowUs, askAirUs));
          }
          const s = ledger.earliestStartUs(lastEnd + gapUs, airtimeUs);
          frames.push([s, airtimeUs]);
          ledger.record(s, airtimeUs);
          lastEnd = s + airtimeUs;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('fills exactly dc · W per window under back-to-back demand: 10 % of one hour is 360 s', () => {
    const ledger = new DutyCycleLedger({ model: 'sliding-window', dutyCycle: 0.1 });
    expect(ledger.windowUs).toBe(ETSI_OBSERVATION_WINDOW_US);
    expect(ledger.capUs).toBe(360_000_000);
    const airtimeUs = 394_496; // EU868 DR5 fragment of 239 B
    const starts: number[] = [];
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      t = ledger.earliestStartUs(t, airtimeUs);
      ledger.record(t, airtimeUs);
      starts.push(t);
      t += airtimeUs;
    }
    const perWindow = Math.floor(360_000_000 / airtimeUs); // 912 frames fit in the first hour
    expect(starts[perWindow - 1]).toBe((perWindow - 1) * airtimeUs);
    expect(starts[perWindow]).toBeGreaterThanOrEqual(ETSI_OBSERVATION_WINDOW_US - airtimeUs);
    const s = Float64Array.from(starts);
    const a = new Float64Array(starts.length).fill(airtimeUs);
    expect(maxWindowShare(s, a, starts.length, ETSI_OBSERVATION_WINDOW_US)).toBeLessThanOrEqual(0.1);
    expect(maxWindowShare(s, a, starts.length, ETSI_OBSERVATION_WINDOW_US)).toBeGreaterThan(0.0999);
  });

  it('keeps only the frames of the last window in memory', () => {
    const ledger = new DutyCycleLedger({ model: 'sliding-window', dutyCycle: 0.5, windowUs: 1000 });
    for (let i = 0; i < 10_000; i++) ledger.record(i * 100, 10);
    expect(ledger.heldFrames).toBeLessThanOrEqual(11);
    expect(ledger.totalAirtimeUs).toBe(100_000);
  });

  it('answers Infinity for a frame longer than the whole allowance and ignores the cap at 100 %', () => {
    const tight = new DutyCycleLedger({ model: 'sliding-window', dutyCycle: 0.001 }); // 3.6 s per hour
    expect(tight.earliestStartUs(0, 3_600_001)).toBe(Infinity);
    expect(tight.earliestStartUs(0, 3_600_000)).toBe(0);
    const free = new DutyCycleLedger({ model: 'sliding-window', dutyCycle: 1 });
    free.record(0, 5000);
    expect(free.earliestStartUs(0, 5000)).toBe(5000);
  });

  it('refuses frames recorded out of order or overlapping', () => {
    const ledger = new DutyCycleLedger({ model: 'sliding-window', dutyCycle: 0.1 });
    ledger.record(1000, 500);
    expect(() => ledger.record(1200, 10)).toThrow(RangeError);
    expect(() => new DutyCycleLedger({ model: 'sliding-window', dutyCycle: 0 })).toThrow(RangeError);
  });
});

describe('off-time ledger', () => {
  it('keeps the band silent for exactly ToA · (1/dc − 1) after each frame', () => {
    fc.assert(
      fc.property(requests, fc.constantFrom(0.001, 0.01, 0.1), (reqs, dc) => {
        const ledger = new DutyCycleLedger({ model: 'off-time', dutyCycle: dc });
        const factor = Math.round(1 / dc) - 1;
        let nowUs = 0;
        let freeUs = -Infinity;
        for (const [gapUs, airtimeUs] of reqs) {
          nowUs += gapUs * 1000;
          const s = ledger.earliestStartUs(nowUs, airtimeUs * 1000);
          expect(s).toBe(Math.max(nowUs, freeUs));
          ledger.record(s, airtimeUs * 1000);
          freeUs = s + airtimeUs * 1000 * (1 + factor);
          nowUs = s;
        }
      }),
    );
  });

  it('spaces 1 % frames of 100 ms exactly 9.9 s apart', () => {
    const ledger = new DutyCycleLedger({ model: 'off-time', dutyCycle: 0.01 });
    ledger.record(0, 100_000);
    expect(ledger.earliestStartUs(0, 100_000)).toBe(10_000_000);
  });
});

describe('maxWindowShare', () => {
  it('equals the brute-force fullest window for random disjoint frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 80 })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 50, max: 600 }),
        (gaps, windowUs) => {
          const frames: Array<[number, number]> = [];
          let t = 0;
          for (const [g, a] of gaps) {
            t += g;
            frames.push([t, a]);
            t += a;
          }
          const shuffled = [...frames].reverse();
          expect(share(shuffled, windowUs)).toBeCloseTo(bruteMaxLoad(frames, windowUs) / windowUs, 12);
        },
      ),
    );
  });

  it('counts overlapping frames once and returns 0 without frames', () => {
    expect(share([[0, 100], [50, 100]], 1000)).toBeCloseTo(0.15, 12);
    expect(maxWindowShare(new Float64Array(0), new Float64Array(0), 0, 1000)).toBe(0);
  });
});
