/**
 * ClassBLockstep: one ping slot per frame for every gateway of the group (ChirpStack's class B
 * multicast scheduling), copies skipped by gateways that cannot send in that slot.
 */
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/engine/kernel.js';
import { getRegion } from '../../src/lorawan/regions/index.js';
import { ClassBLockstep } from '../../src/sim/classb-schedule.js';
import type { RunContext } from '../../src/sim/context.js';
import { Ev } from '../../src/sim/events.js';
import { GatewayRadio } from '../../src/sim/gateway.js';

const FREQ_HZ = 869_525_000; // sub-band P, 10 %
const AIR_US = 400_000;

interface Sent { j: number; n: number; repair: boolean; atUs: number; readyUs: number }

function setup(gateways: number, slots: number[], sessionEndUs = 1e12) {
  let sched: ClassBLockstep | null = null;
  const kernel = new Kernel((kind) => {
    if (kind === Ev.slotTry) sched!.onTry();
  });
  const radios = Array.from({ length: gateways }, (_, g) => new GatewayRadio(g, getRegion('EU868'), 'sliding-window'));
  const ctx = {
    kernel,
    gateways: radios,
    sessionEndUs,
    world: { groupGateways: radios.map((_, g) => g), radio: { freqHz: FREQ_HZ } },
  } as unknown as RunContext;
  const sent: Sent[] = [];
  sched = new ClassBLockstep(ctx, Float64Array.from(slots), () => AIR_US, (j, n, repair, atUs, readyUs) => {
    sent.push({ j, n, repair, atUs, readyUs });
    radios[j].transmit(atUs, AIR_US, FREQ_HZ, readyUs);
  });
  return { kernel, radios, sched, sent };
}

describe('ClassBLockstep', () => {
  it('sends each frame from every gateway in the same slot, one frame per slot, in queue order', () => {
    const { kernel, sched, sent } = setup(3, [1e6, 2e6, 3e6, 4e6]);
    sched.enqueue(1, 0);
    sched.enqueue(2, 0);
    sched.enqueue(-3, 0); // a repair fragment
    kernel.run();
    expect(sent.map((x) => [x.j, x.n, x.repair, x.atUs])).toEqual([
      [0, 1, false, 1e6], [1, 1, false, 1e6], [2, 1, false, 1e6],
      [0, 2, false, 2e6], [1, 2, false, 2e6], [2, 2, false, 2e6],
      [0, 3, true, 3e6], [1, 3, true, 3e6], [2, 3, true, 3e6],
    ]);
    expect([sched.slotsUsed, sched.copiesSkipped, sched.pending]).toEqual([3, 0, false]);
  });

  it('skips the copy of a gateway that is busy in the slot; the others send', () => {
    const { kernel, radios, sched, sent } = setup(2, [1e6, 2e6]);
    radios[1].transmit(900_000, 200_000, 868_100_000); // busy until 1.1 s on another channel (half-duplex)
    sched.enqueue(7, 0);
    kernel.run();
    expect(sent.map((x) => [x.j, x.atUs])).toEqual([[0, 1e6]]);
    expect(sched.copiesSkipped).toBe(1);
  });

  it('waits for a later slot when no gateway can send, and counts the wait from the first slot with the radio free', () => {
    const { kernel, radios, sched, sent } = setup(1, [1e6, 2e6, 3e6]);
    // a 360 s frame that ended 3238.1 s ago: the one-hour window takes 0.4 s more only from 1.9 s on
    radios[0].transmit(-3_600_000_000 + 1_900_000, 360_000_000, FREQ_HZ);
    sched.enqueue(1, 0);
    kernel.run();
    expect(sent).toHaveLength(1);
    expect(sent[0].atUs).toBe(2e6);
    expect(sent[0].readyUs).toBe(1e6);
    expect(radios[0].dutyCycleWaitUs).toBe(1e6);
  });

  it('drops what is left when no slot fits before the session end', () => {
    const { kernel, sched, sent } = setup(2, [1e6, 2e6], 2e6 + AIR_US - 1);
    sched.enqueue(1, 0);
    sched.enqueue(2, 0);
    kernel.run();
    expect(sent.map((x) => x.n)).toEqual([1, 1]);
    expect(sched.pending).toBe(false);
  });

});
