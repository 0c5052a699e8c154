import { describe, expect, it } from 'vitest';
import { Kernel, Priority } from '../../src/engine/kernel.js';

describe('Kernel', () => {
  it('advances the clock to each event and runs events scheduled by events', () => {
    const seen: Array<[number, number]> = [];
    const k: Kernel = new Kernel((kind) => {
      seen.push([k.now, kind]);
      if (kind === 1) k.after(500, 2);
    });
    k.at(1000, 1);
    k.at(1200, 3, 0, 0, Priority.late);
    k.at(1500, 4, 0, 0, Priority.early);
    k.run();
    // kind 2 (scheduled at 1500 with normal priority) runs after kind 4 (early) at the same time
    expect(seen).toEqual([[1000, 1], [1200, 3], [1500, 4], [1500, 2]]);
    expect(k.events).toBe(4);
  });

  it('stops at the horizon and leaves later events queued', () => {
    const k = new Kernel(() => undefined);
    k.at(10, 1);
    k.at(30, 1);
    k.run(20);
    expect(k.now).toBe(20);
    expect(k.pending).toBe(1);
    expect(() => k.at(5, 1)).toThrow(/past/);
  });
});
