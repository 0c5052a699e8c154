import { describe, expect, it } from 'vitest';
import { TxLog } from '../../src/sim/txlog.js';

describe('TxLog frame details', () => {
  it('has no detail columns unless asked for, and then costs nothing per frame', () => {
    const log = new TxLog(true);
    const row = log.add(0, 10, 0, 'fragment', 869_525_000, 5, 7, 125_000, 116, 1);
    log.detail(row, 3, 7, 9); // ignored
    expect(log.table().detail).toBeUndefined();
    expect(() => new TxLog(false, true)).toThrow(/rows kept/);
  });

  it('records device, message and argument per row; rows without detail are multicast (-1, 0, 0)', () => {
    const log = new TxLog(true, true);
    log.add(0, 10, 0, 'fragment', 869_525_000, 5, 7, 125_000, 116, 1);
    log.detail(log.add(5, 10, -3, 'setup', 868_100_000, 5, 7, 125_000, 16), 2, 34);
    log.detail(log.add(9, 10, 0, 'setup', 869_525_000, 0, 12, 125_000, 19), 2, 5, -3);
    const t = log.table();
    expect(Array.from(t.detail!.device)).toEqual([-1, 2, 2]);
    expect(Array.from(t.detail!.msg)).toEqual([0, 34, 5]);
    expect(Array.from(t.detail!.arg)).toEqual([0, 0, -3]);
  });

  it('keeps the details through growth and through the sort of an out-of-order log', () => {
    const log = new TxLog(true, true);
    const n = 3000; // more than the initial 1024 rows
    for (let i = 0; i < n; i++) log.detail(log.add((n - i) * 10, 1, -1 - (i % 5), 'uplink', 868_100_000, 5, 7, 125_000, 25), i % 5, i % 200, i);
    const t = log.table();
    expect(t.count).toBe(n);
    for (let k = 0; k < n; k++) {
      const i = n - 1 - k; // sorted by start: the last added comes first
      expect(t.startUs[k]).toBe((n - i) * 10);
      expect([t.detail!.device[k], t.detail!.msg[k], t.detail!.arg[k]]).toEqual([i % 5, i % 200, i]);
    }
  });
});
