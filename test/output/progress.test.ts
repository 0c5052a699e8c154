import { describe, expect, it } from 'vitest';
import { createProgress, ETA_WINDOW_MS, etaSeconds, type ProgressStream } from '../../src/output/progress.js';

/** A fake terminal that records what is written; the visible text has the escape codes removed. */
function fakeStream(isTTY: boolean): ProgressStream & { text(): string; writes: number } {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 120,
    write(chunk: string) {
      chunks.push(String(chunk));
      return true;
    },
    text: () => chunks.join('').replace(/\x1B(\[[0-9;?]*[A-Za-z]|[78])/g, ''),
    get writes() {
      return chunks.length;
    },
  };
}

describe('progress bar', () => {
  it('writes nothing when quiet', () => {
    const stream = fakeStream(true);
    const p = createProgress({ total: 10, label: 'run', quiet: true, stream, delayMs: 0 });
    p.update(5);
    p.stop();
    expect(stream.writes).toBe(0);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const stream = fakeStream(false);
    const p = createProgress({ total: 10, label: 'run', stream, delayMs: 0 });
    p.update(5);
    p.stop();
    expect(stream.writes).toBe(0);
  });

  it('stays silent until the delay has passed, then shows done/total, rate and ETA', () => {
    const stream = fakeStream(true);
    let clock = 0;
    const p = createProgress({ total: 40, label: 'town', stream, delayMs: 1000, now: () => clock, unit: 'runs' });
    clock = 500;
    p.update(10);
    expect(stream.writes).toBe(0);
    clock = 2000;
    p.update(20, 'point 3');
    const shown = stream.text();
    expect(shown).toContain('town |');
    expect(shown).toContain('20/40 runs');
    expect(shown).toContain('10.0/s'); // 20 done in 2 s
    expect(shown).toContain('ETA');
    expect(shown).toContain('· point 3');
    p.stop();
  });

  it('draws the final state on stop and ignores updates after it', () => {
    const stream = fakeStream(true);
    let clock = 0;
    const p = createProgress({ total: 4, label: 'sweep', stream, delayMs: 0, now: () => clock });
    clock = 1000;
    p.update(1);
    clock = 4000;
    p.update(4);
    p.stop();
    const before = stream.writes;
    expect(stream.text()).toContain('4/4');
    p.update(2);
    p.stop();
    expect(stream.writes).toBe(before);
  });
});

describe('ETA', () => {
  it('is the remaining work at the recent rate, and "…" while nothing moved, never NF or Inf', () => {
    const still = fakeStream(true);
    const a = createProgress({ total: 100, label: 'run', stream: still, delayMs: 0, now: () => 0, percent: true });
    a.update(0, 'setup');
    expect(still.text()).toContain('0 % · ETA … · setup');
    a.stop();
    const stream = fakeStream(true);
    let clock = 0;
    const p = createProgress({ total: 100, label: 'run', stream, delayMs: 0, now: () => clock, percent: true });
    clock = 10_000;
    p.update(20, 'setup 200/1000 devices'); // 20 % in 10 s: 40 s to go
    expect(stream.text()).toContain('20 % · ETA 40 s · setup 200/1000 devices');
    expect(stream.text()).not.toMatch(/NF|Inf/);
    p.stop();
  });

  it('follows the pace of the last 20 s, not of the whole run', () => {
    // slow at first (10 % in 60 s), then 10 % in the last 10 s: 70 s to go at the recent pace, not 6 min
    const eta = etaSeconds([[0, 0], [60_000, 10], [70_000, 20]], 100);
    expect(eta).toBeCloseTo(80, 6);
    expect(ETA_WINDOW_MS).toBe(20_000);
    expect(etaSeconds([[0, 0], [5_000, 0]], 100)).toBeNull();
    expect(etaSeconds([[0, 0]], 100)).toBeNull();
    // within the window: the rate since the first sample
    expect(etaSeconds([[0, 0], [5_000, 10], [10_000, 20]], 100)).toBeCloseTo(40, 6);
  });
});
