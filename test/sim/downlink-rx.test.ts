import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/engine/kernel.js';
import { survivesInterference } from '../../src/radio/interference.js';
import { newRunContext, type RunContext } from '../../src/sim/context.js';
import { DownlinkRx } from '../../src/sim/downlink-rx.js';
import { identityOrder, rowsInSlotOrder } from '../../src/sim/device-order.js';
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

/**
 * `count` devices on a line from x0, 100 m apart, each offset `wobbleM` × (i mod `period`) across it,
 * under the given gateways; returns the run context and a fresh DownlinkRx.
 */
function deviceLine(
  count: number, x0: number, wobbleM: number, period: number,
  gateways: NonNullable<Parameters<typeof makeScenario>[0]>['gateways'], channel: NonNullable<Parameters<typeof makeScenario>[0]>['channel'],
): { ctx: RunContext; rx: DownlinkRx } {
  const positions: [number, number][] = Array.from({ length: count }, (_, i) => [x0 + i * 100, wobbleM * (i % period)]);
  const s = makeScenario({ devices: { count, placement: { kind: 'list', positions } }, gateways, channel });
  const ctx = newRunContext(buildWorld(s), new Kernel(() => {}), new TxLog(false));
  return { ctx, rx: new DownlinkRx(ctx) };
}

/** The received powers a table held: the gateways' EIRP plus the device antenna gain less each link's loss, in single precision. */
function linkDbm(ctx: RunContext): Float32Array {
  const { s, links } = ctx.world;
  const txDbm = s.gateways.txPowerDbm + s.gateways.antennaGainDbi + s.devices.antennaGainDbi;
  return Float32Array.from(links.lossDb, (loss) => txDbm - loss);
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

  it('answers a frame overlapped at several spreading factors as survivesInterference does on each link\'s power, every time', () => {
    // 40 devices on a line through three gateways; gateway 0's SF7 frame is overlapped by gateway 1's
    // SF7 frame and gateway 2's SF12 and SF9 frames: the mixed case, where the links' mW values are kept
    const { ctx, rx } = deviceLine(40, -2000, 37, 3, { positions: [[-1200, 0], [300, 0], [1500, 0]] }, { shadowingSigmaDb: 4 });
    ctx.gateways[0].transmit(0, 400_000, P, 0, 7);
    ctx.gateways[1].transmit(150_000, 400_000, P, 150_000, 7);
    ctx.gateways[2].transmit(-1_100_000, 1_300_000, P, -1_100_000, 12);
    ctx.gateways[2].transmit(250_000, 100_000, P, 250_000, 9);
    expect(rx.collect(0, 400_000, 0, P, 125_000, 7)).toBe(3);
    expect(rx.nInt).toBe(3);
    expect(rx.allCoSf).toBe(false);
    const G = 3;
    const dbm = linkDbm(ctx);
    let kept = 0;
    for (let round = 0; round < 2; round++) {
      for (let d = 0; d < 40; d++) {
        const powers = [dbm[d * G + rx.intGw[0]], dbm[d * G + rx.intGw[1]], dbm[d * G + rx.intGw[2]]];
        const sfs = [rx.intSf[0], rx.intSf[1], rx.intSf[2]];
        const expected = survivesInterference(dbm[d * G], 7, powers, sfs, 3);
        expect(rx.interferenceOk(d, ctx.world.fleet.order.slotOf[d], 0, dbm[d * G], 7, 0, 125_000, P, 0, 400_000)).toBe(expected);
        if (expected) kept++;
      }
    }
    // both answers occur along the line
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(80);
  });

  it('answers a frame overlapped at its own spreading factor by comparing each link\'s mW value in single precision, worked out at the first read', () => {
    // 50 devices on a line through three gateways; gateway 0's SF7 frame overlapped by SF7 frames of
    // gateways 1 and 2 (the co-SF rule on precomputed powers: 6 dB over the sum of the others)
    // a gateway gain off the single-precision grid, so that each link's power is rounded to it
    const { ctx, rx } = deviceLine(50, -2500, 23, 5, { positions: [[-1200, 0], [300, 0], [1500, 0]], antennaGainDbi: 2.15 }, { shadowingSigmaDb: 5 });
    ctx.gateways[0].transmit(0, 400_000, P, 0, 7);
    ctx.gateways[1].transmit(150_000, 400_000, P, 150_000, 7);
    ctx.gateways[2].transmit(-250_000, 400_000, P, -250_000, 7);
    expect(rx.collect(0, 400_000, 0, P, 125_000, 7)).toBe(2);
    expect(rx.allCoSf).toBe(true);
    // the values a table filled at construction held: each link's 10 ** (dBm / 10) stored in single precision
    const dbm = linkDbm(ctx);
    const eager = Float32Array.from(dbm, (p) => 10 ** (p / 10));
    const G = 3;
    let kept = 0;
    for (let round = 0; round < 2; round++) {
      for (let d = 0; d < 50; d++) {
        const expected = eager[d * G] >= 10 ** 0.6 * (eager[d * G + rx.intGw[0]] + eager[d * G + rx.intGw[1]]);
        expect(rx.interferenceOk(d, ctx.world.fleet.order.slotOf[d], 0, dbm[d * G], 7, 0, 125_000, P, 0, 400_000)).toBe(expected);
        if (expected) kept++;
      }
    }
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(100);
    // each link's power, and its mW value at the first read and read back, are the stored values;
    // the slot-ordered reads give device deviceOf[i]'s (the fleet is stored by strongest gateway here)
    const { slotOf } = ctx.world.fleet.order;
    expect(Array.from(slotOf).some((i, d) => i !== d)).toBe(true);
    for (let link = 0; link < dbm.length; link++) expect(rx.rxDbmAt(link)).toBe(dbm[link]);
    rx.readBySlot();
    for (let d = 0; d < 50; d++) for (let g = 0; g < G; g++) expect(rx.rxDbmAtSlot(slotOf[d] * G + g)).toBe(dbm[d * G + g]);
    const fresh = new DownlinkRx(ctx);
    for (let round = 0; round < 2; round++) {
      for (let d = 0; d < 50; d++) for (let g = 0; g < G; g++) expect(fresh.linkMwF32(slotOf[d] * G + g)).toBe(eager[d * G + g]);
    }
  });

  it('adds a copy sent in the same instant to the signal and judges a copy sent 150 ms apart as an interferer, as the capture rule on powers says', () => {
    const { ctx, rx } = deviceLine(30, -1500, 20, 4, { positions: [[-900, 0], [900, 0], [0, 800]] }, { shadowingSigmaDb: 4, combineCopies: true });
    // the wanted frame (content 5) from gateway 0; its copy from gateway 1 in the same instant;
    // another copy from gateway 2 150 ms later, after its class A frame at SF12
    ctx.gateways[2].transmit(700_000, 1_400_000, P, 700_000, 12);
    ctx.gateways[0].transmit(2_000_000, 400_000, P, 2_000_000, 7, 5);
    ctx.gateways[1].transmit(2_000_000, 400_000, P, 2_000_000, 7, 5);
    ctx.gateways[2].transmit(2_150_000, 400_000, P, 2_150_000, 7, 5);
    expect(rx.collect(2_000_000, 2_400_000, 0, P, 125_000, 7, 5)).toBe(3);
    const G = 3;
    const mw = (p: number) => 10 ** (p / 10);
    const dbm = linkDbm(ctx);
    let kept = 0;
    for (let round = 0; round < 2; round++) {
      for (let d = 0; d < 30; d++) {
        const own = dbm[d * G];
        // gateway 1's copy arrives within a few µs (light time over 1.8 km at most): it combines
        const signal = 10 * Math.log10(mw(own) + mw(dbm[d * G + 1]));
        const p2 = dbm[d * G + 2];
        const expected = survivesInterference(signal, 7, [p2, p2], [12, 7], 2);
        expect(rx.interferenceOk(d, ctx.world.fleet.order.slotOf[d], 0, own, 7, 0, 125_000, P, 2_000_000, 2_400_000)).toBe(expected);
        if (expected) kept++;
      }
    }
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(60);
  });

  it('draws the burst loss from the device\'s process at the frame end', () => {
    const { ctx, rx } = twoGateways({ channel: { burst: { model: 'gilbert-elliott', meanBurstS: 1000, meanGapS: 1e-3, lossGood: 0, lossBad: 1 } } });
    const id = ctx.gateways[0].transmit(0, 100_000, P, 0, 7);
    // the process is bad nearly all the time: the frame is lost
    expect(rx.receives(1, 0, id, 0, 100_000, P, 7, 125_000, -123)).toBe(false);
    expect(ctx.world.fleet.burst!.stateAt(ctx.world.fleet.order.slotOf[1], 100_000)).toBe(1);
  });

  it('reorders the link table by storage slot, and keeps the table itself when the fleet is stored as numbered', () => {
    const loss = Float32Array.from({ length: 12 }, (_, k) => 100 + k); // 4 devices × 3 gateways
    expect(rowsInSlotOrder(loss, 3, identityOrder(4))).toBe(loss);
    expect(Array.from(rowsInSlotOrder(loss, 3, { deviceOf: Int32Array.from([2, 0, 3, 1]), slotOf: Int32Array.from([1, 3, 0, 2]) }))).toEqual([106, 107, 108, 100, 101, 102, 109, 110, 111, 103, 104, 105]);
  });
});
