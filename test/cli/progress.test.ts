import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from '../../src/cli/progress.js';

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
