import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/engine/kernel.js';
import { newRunContext, type RunContext } from '../../src/sim/context.js';
import { DownlinkRx } from '../../src/sim/downlink-rx.js';
import { TxLog } from '../../src/sim/txlog.js';
import { buildWorld } from '../../src/sim/world.js';
import { makeScenario } from '../helpers/scenario.js';

/** Two gateways 600 m apart; device 0 halfway (equal powers), device 1 next to gateway 0. */
function twoGateways(over: Parameters<typeof makeScenario>[0] = {}): { ctx: RunContext; rx: DownlinkRx } {
  const s = makeScenario({
    ...over,
    devices: { count: 2, placement: { kind: 'list', positions: [[0, 0], [-290, 0]] } },
    gateways: { positions: [[-300, 0], [300, 0]] },
    channel: { shadowingSigmaDb: 0, ...(over.channel ?? {}) },
  });
  const world = buildWorld(s);
  const ctx = newRunContext(world, new Kernel(() => {}), new TxLog(false));
  return { ctx, rx: new DownlinkRx(ctx) };
}

const P = 869_525_000;
const SENS_SF12 = -136;

describe('DownlinkRx: one rule for every downlink', () => {
  it('loses a class A frame to another gateway\'s overlapping frame on the same channel unless 6 dB stronger', () => {
    const { ctx, rx } = twoGateways();
    // gateway 0 answers in RX2 (DR0, SF12) while gateway 1 sends a fragment (SF7) and then an RX2 answer (SF12)
    const wanted = ctx.gateways[0].transmit(1_000_000, 1_400_000, P, 1_000_000, 12);
    expect(rx.receives(0, 0, wanted, 1_000_000, 2_400_000, P, 12, 125_000, SENS_SF12)).toBe(true); // alone
    ctx.gateways[1].transmit(1_200_000, 1_400_000, P, 1_200_000, 12);
    expect(rx.receives(0, 0, wanted, 1_000_000, 2_400_000, P, 12, 125_000, SENS_SF12)).toBe(false); // equal powers
    expect(rx.receives(1, 0, wanted, 1_000_000, 2_400_000, P, 12, 125_000, SENS_SF12)).toBe(true); // 20 dB stronger
    // another channel does not interfere (RX1 on 868.1 and 868.3 MHz; a low threshold keeps the
    // 16 dBm EIRP cap of sub-band M out of the question)
    const other = ctx.gateways[0].transmit(3_000_000, 100_000, 868_100_000, 3_000_000, 7);
    ctx.gateways[1].transmit(3_050_000, 100_000, 868_300_000, 3_050_000, 7);
    expect(rx.receives(0, 0, other, 3_000_000, 3_100_000, 868_100_000, 7, 125_000, -150)).toBe(true);
    const same = ctx.gateways[0].transmit(4_000_000, 100_000, 868_100_000, 4_000_000, 7);
    ctx.gateways[1].transmit(4_050_000, 100_000, 868_100_000, 4_050_000, 7);
    expect(rx.receives(0, 0, same, 4_000_000, 4_100_000, 868_100_000, 7, 125_000, -150)).toBe(false);
  });

  it('applies the inter-SF isolation: an SF12 frame survives an equal SF7 one (isolation −36 dB)', () => {
    const { ctx, rx } = twoGateways();
    const wanted = ctx.gateways[0].transmit(0, 1_400_000, P, 0, 12);
    ctx.gateways[1].transmit(100_000, 394_496, P, 100_000, 7);
    expect(rx.collect(0, 1_400_000, 0, P, 125_000, 12)).toBe(1);
    expect(rx.allCoSf).toBe(false);
    expect(rx.receives(0, 0, wanted, 0, 1_400_000, P, 12, 125_000, SENS_SF12)).toBe(true);
  });

  it('draws the burst loss from the device\'s process at the frame end', () => {
    const { ctx, rx } = twoGateways({ channel: { burst: { model: 'gilbert-elliott', meanBurstS: 1000, meanGapS: 1e-3, lossGood: 0, lossBad: 1 } } });
    const id = ctx.gateways[0].transmit(0, 100_000, P, 0, 7);
    // the process is bad nearly all the time: the frame is lost
    expect(rx.receives(1, 0, id, 0, 100_000, P, 7, 125_000, -123)).toBe(false);
    expect(ctx.world.fleet.burst!.stateAt(1, 100_000)).toBe(1);
  });
});
