/**
 * fragmentsReceived counts distinct fragments: every gateway's copy of fragment N carries the same
 * multicast frame counter, which a device's MAC accepts once (campaign/devices.ts).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { frames, nearFleet } from './fleet.js';

describe('fragmentsReceived', () => {
  // three gateways a few metres apart, each sending every fragment, 1.3 s apart so the copies do not collide
  const s = nearFleet(20, {
    completion: { statusRequest: false },
    setup: { mode: 'instant' },
    gateways: { positions: [[0, 0], [5, 0], [0, 5]] },
    multicastGroup: { transmissionIntervalMs: 1300 },
    fuotaTask: { fragmentIntervalMs: 5000 },
  });
  const r = simulate(s);

  it('counts each N once although three gateways sent it', () => {
    const copies = frames(r, (f) => f.kind === 'fragment').length;
    expect(copies).toBe(3 * r.summary.fragmentsSent);
    for (let d = 0; d < r.devices.count; d++) {
      expect(r.devices.fragmentsReceived[d]).toBeLessThanOrEqual(r.summary.fragmentsSent);
      // no loss here: the device takes fragments until it has rebuilt the block, M of them in order
      expect(r.devices.fragmentsNeeded[d]).toBe(r.summary.nbFrag);
    }
  });
});
