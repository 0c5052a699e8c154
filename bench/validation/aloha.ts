/**
 * The uplink medium alone under Poisson traffic (validation cases 8 and 9): devices at one distance
 * from one gateway (equal received powers, so capture never saves a frame), one data rate, arrivals
 * at a given rate spread over the network's uplink channel plan. An arrival at a device that may not
 * send yet (its previous exchange, or its duty cycle on every sub-band) goes to the next free device,
 * so the arrivals stay Poisson.
 */
import { Kernel } from '../../src/engine/kernel.js';
import { stream } from '../../src/engine/rng.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { newRunContext } from '../../src/sim/context.js';
import { Ev } from '../../src/sim/events.js';
import { TxLog } from '../../src/sim/txlog.js';
import { UplinkMedium } from '../../src/sim/uplinks.js';
import { buildWorld } from '../../src/sim/world.js';

const ARRIVE = 100;
const PHY_BYTES = 20 + 13;

export interface AlohaOptions {
  region: 'US915' | 'EU868';
  /** offered load per channel of the plan */
  G: number;
  uplinks: number;
  devices: number;
  seed: number;
  /** demodulation paths of the gateway; default 0 (unlimited: pure ALOHA) */
  demodulators?: number;
}

export interface AlohaRun {
  pdr: number;
  airtimeUs: number;
  /** 125 kHz channels the devices spread over */
  channels: number;
  /** uplinks per channel frequency */
  perChannel: Map<number, number>;
  /** uplinks the gateway could not demodulate because every path was busy */
  blocked: number;
}

/** Delivery ratio of Poisson uplinks (SF7/125, 20-byte payload) at a per-channel offered load G. */
export function alohaRun(o: AlohaOptions): AlohaRun {
  const us = o.region === 'US915';
  const s = resolveScenario({
    seed: o.seed,
    region: o.region,
    firmware: { sizeBytes: 1000, signature: 'none' },
    devices: { count: o.devices, placement: { kind: 'ring', minM: 99.99, maxM: 100 } },
    // pure ALOHA: only collisions decide, so the gateway's demodulation paths are unlimited
    gateways: { demodulators: o.demodulators ?? 0 },
    channel: { shadowingSigmaDb: 0, pathLoss: { model: 'log-distance' } },
    traffic: { uplinkDr: us ? 3 : 5, payloadBytes: 20 },
  }, { baseDir: '.' });
  const world = buildWorld(s);
  let medium: UplinkMedium | null = null;
  const kernel: Kernel = new Kernel((kind, a) => {
    if (kind === Ev.uplinkEnd) medium!.onEnd(a);
    else if (kind === ARRIVE) arrive();
  });
  const ctx = newRunContext(world, kernel, new TxLog(false));
  medium = new UplinkMedium(ctx);
  const plan = world.region.uplinkChannels(s.gateways.subBands);
  const channels = plan.bwHz.filter((b) => b === 125_000).length;
  const airtimeUs = medium.airtimeUs(0, PHY_BYTES);
  // offered load G per channel = rate × airtime / channels
  const meanGapUs = airtimeUs / (o.G * channels);
  const next = stream(o.seed, 99, 0);
  const perChannel = new Map<number, number>();
  let delivered = 0;
  let sent = 0;
  const owner = medium.register((_d, _arg, gateway) => {
    if (gateway >= 0) delivered++;
  });
  function arrive(): void {
    if (sent >= o.uplinks) return;
    sent++;
    const n = world.fleet.count;
    let d = Math.floor(next() * n);
    while (kernel.now < medium!.freeAtUs(d)) d = (d + 1) % n;
    const f = medium!.send(d, PHY_BYTES, 'uplink', owner);
    perChannel.set(f, (perChannel.get(f) ?? 0) + 1);
    kernel.after(Math.max(1, Math.round(-Math.log(1 - next()) * meanGapUs)), ARRIVE);
  }
  kernel.at(0, ARRIVE);
  kernel.run();
  const blocked = medium.rx.demodulators === null ? 0 : medium.rx.demodulators.lostAllBusy[0];
  return { pdr: delivered / sent, airtimeUs, channels, perChannel, blocked };
}
