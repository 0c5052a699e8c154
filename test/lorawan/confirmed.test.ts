import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACK_TIMEOUT_MAX_US, ACK_TIMEOUT_MIN_US, afterAttempt } from '../../src/lorawan/confirmed.js';

/** Runs the state machine over a sequence of per-attempt outcomes; returns transmissions and delivery. */
function run(nbTrans: number, outcomes: Array<{ heard: boolean; stopped: boolean }>): { sent: number; delivered: boolean } {
  let ever = false;
  for (let a = 1; ; a++) {
    const o = outcomes[a - 1] ?? { heard: false, stopped: false };
    ever ||= o.heard;
    const next = afterAttempt(a, nbTrans, o.stopped, ever, 0.5);
    if (next.kind === 'done') return { sent: a, delivered: next.delivered };
  }
}

describe('uplink retransmissions (NbTrans / ACK)', () => {
  it('stops at the first ACK', () => {
    expect(run(8, [{ heard: false, stopped: false }, { heard: true, stopped: true }])).toEqual({ sent: 2, delivered: true });
  });

  it('gives up after NbTrans transmissions, delivered if any was heard (the ACK was lost)', () => {
    expect(run(3, [{ heard: true, stopped: false }, { heard: false, stopped: false }, { heard: false, stopped: false }])).toEqual({ sent: 3, delivered: true });
    expect(run(3, [])).toEqual({ sent: 3, delivered: false });
    expect(run(1, [{ heard: true, stopped: false }])).toEqual({ sent: 1, delivered: true });
  });

  it('never sends more than NbTrans and waits ACK_TIMEOUT = 2 ± 1 s after RX2', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 15 }), fc.array(fc.record({ heard: fc.boolean(), stopped: fc.boolean() }), { maxLength: 20 }), (nb, outs) => {
      const r = run(nb, outs);
      expect(r.sent).toBeLessThanOrEqual(nb);
      const firstStop = outs.findIndex((o) => o.stopped);
      if (firstStop >= 0 && firstStop < nb) expect(r.sent).toBe(firstStop + 1);
    }));
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (u) => {
      const s = afterAttempt(1, 2, false, false, u);
      expect(s.kind).toBe('repeat');
      if (s.kind === 'repeat') {
        expect(s.afterRx2Us).toBeGreaterThanOrEqual(ACK_TIMEOUT_MIN_US);
        expect(s.afterRx2Us).toBeLessThanOrEqual(ACK_TIMEOUT_MAX_US);
      }
    }));
  });

  it('refuses NbTrans outside 1..15', () => {
    expect(() => afterAttempt(1, 0, false, false, 0.5)).toThrow(RangeError);
    expect(() => afterAttempt(1, 16, false, false, 0.5)).toThrow(RangeError);
  });
});
