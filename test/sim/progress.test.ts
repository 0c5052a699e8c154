import { describe, expect, it } from 'vitest';
import { runProgress } from '../../src/sim/progress.js';
import { simulate } from '../../src/sim/simulate.js';
import { makeScenario } from '../helpers/scenario.js';

const base = { campaignStartUs: 0, sessionStartUs: NaN, sessionEndUs: 0, setUp: 0, devices: 1000, setupShare: 0, sessionTimeoutUs: 3600e6 };

describe('run progress', () => {
  it('extrapolates setup from the share of its steps done, then adds the session window', () => {
    // a quarter of the setup steps in 1 h: setup ends at 4 h, the session window (1 h) after it
    const p = runProgress({ ...base, nowUs: 3600e6, setUp: 100, setupShare: 0.25 });
    expect(p.fraction).toBeCloseTo(1 / 5, 12);
    expect(p.stage).toBe('setup 100/1000 devices');
  });

  it('counts to the end of the booked session window, waiting or in the session', () => {
    const booked = { ...base, sessionStartUs: 8 * 3600e6, sessionEndUs: 10 * 3600e6 };
    expect(runProgress({ ...booked, nowUs: 5 * 3600e6, setUp: 1000 })).toEqual({ fraction: 0.5, stage: 'waiting for the session' });
    expect(runProgress({ ...booked, nowUs: 5 * 3600e6, setUp: 400 })).toEqual({ fraction: 0.5, stage: 'setup 400/1000 devices' });
    expect(runProgress({ ...booked, nowUs: 9 * 3600e6 })).toEqual({ fraction: 0.9, stage: 'session' });
    expect(runProgress({ ...booked, nowUs: 11 * 3600e6 }).fraction).toBe(0.99);
  });

  it('reports a share that never goes back and ends at 1 on a real run', () => {
    const s = makeScenario({ devices: { count: 60, placement: { kind: 'disc', radiusM: 800 } }, firmware: { sizeBytes: 8192 }, setup: { mode: 'classA' }, traffic: { uplinkIntervalS: 300 } });
    const seen: Array<[number, string | undefined]> = [];
    simulate(s, { onProgress: (f, stage) => seen.push([f, stage]) });
    const fs = seen.map(([f]) => f);
    expect(fs.at(-1)).toBe(1);
    expect(fs.every((f, i) => i === 0 || f >= fs[i - 1])).toBe(true);
    expect(fs.filter((f) => f < 1).every((f) => f <= 0.99)).toBe(true);
    expect(seen.some(([, stage]) => stage?.startsWith('setup '))).toBe(true);
  });
});
