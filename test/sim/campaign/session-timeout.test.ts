/**
 * TS005 session timeouts at run time: a class C session lasts 2^TimeOut s, a class B one 2^TimeOut
 * beacon periods; then the devices return to class A and stop collecting fragments (LoRaMac-node
 * starts a stop timer of 2^SessionTimeOut s at SessionTime, lorawan-facts 4.1).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/sim/simulate.js';
import { resolveScenario } from '../../../src/scenario/resolve.js';
import { frames, nearFleet } from './fleet.js';

describe('the session timeout', () => {
  it('ends a class C session 2^TimeOut s after SessionTime: no fragment after it, nobody listening, nobody rebuilt', () => {
    // 64 s at one fragment every 4 s (fragmentIntervalMs) carries 16 of the 24 fragments
    let listenTo: number[] = [];
    let endUs = 0;
    const r = simulate(nearFleet(10, { completion: { statusRequest: false }, fuotaTask: { fragmentIntervalMs: 4000 }, multicastGroup: { sessionTimeoutS: 64 } }), {
      onFinish: (ctx) => {
        endUs = ctx.sessionEndUs;
        listenTo = Array.from(ctx.members, (d) => ctx.world.fleet.bySlot.listenToUs[ctx.world.fleet.order.slotOf[d]]);
      },
    });
    expect(endUs).toBe(r.summary.sessionStartS! * 1e6 + 64e6);
    const sent = frames(r, (f) => f.kind === 'fragment');
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.length).toBeLessThan(r.summary.nbFrag + r.summary.fragmentsCoded);
    for (const f of sent) expect(f.endUs).toBeLessThanOrEqual(endUs);
    expect(listenTo.length).toBe(10);
    for (const t of listenTo) expect(t).toBe(endUs);
    expect(r.summary.devicesRebuilt).toBe(0);
    expect(r.summary.statusCounts.MissingFrag).toBe(10);
  });

  it('counts class B sessions in 128 s beacon periods: 100 s becomes one period, and no ping-slot fragment comes after it', () => {
    const s = nearFleet(10, {
      completion: { statusRequest: false },
      multicastGroup: { dlClass: 'ClassB', dlDr: 3, sessionTimeoutS: 128 },
      fuotaTask: { fragmentSizeBytes: 100 },
    });
    let endUs = 0;
    const r = simulate(s, { onFinish: (ctx) => { endUs = ctx.sessionEndUs; } });
    expect(endUs - r.summary.sessionStartS! * 1e6).toBe(128e6);
    for (const f of frames(r, (x) => x.kind === 'fragment')) expect(f.endUs).toBeLessThanOrEqual(endUs);
    const raw = { multicastGroup: { dlClass: 'ClassB', dlDr: 3, sessionTimeoutS: 100 }, fuotaTask: { fragmentSizeBytes: 100 } };
    expect(resolveScenario(raw, { baseDir: '.' }).multicastGroup.sessionTimeoutS).toBe(128);
  });
});
