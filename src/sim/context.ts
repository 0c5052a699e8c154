/**
 * The mutable context of one run, shared by the campaign's models: the world, the kernel, the
 * gateways' transmitters, the frame log, and the session's timing. Models receive it explicitly;
 * nothing is module-level.
 */
import type { Kernel } from '../engine/kernel.js';
import { isoToGpsUs } from '../lorawan/gps.js';
import { DownlinkAir } from './downlink-air.js';
import type { DownlinkRx } from './downlink-rx.js';
import { GatewayRadio } from './gateway.js';
import type { TxLog } from './txlog.js';
import type { World } from './world.js';

export interface RunContext {
  world: World;
  kernel: Kernel;
  gateways: GatewayRadio[];
  /** every downlink frame of every gateway (interference at the devices) */
  downlinkAir: DownlinkAir;
  /** the devices' downlink receiver (link table, interference, bursts); built on first use */
  downlinkRx?: DownlinkRx;
  txlog: TxLog;
  /** campaign start (fuotaTask.startTimeS), µs */
  campaignStartUs: number;
  /** multicast session window, µs */
  sessionStartUs: number;
  sessionEndUs: number;
  /** devices taking part in the multicast session (set up and accepted it), ascending */
  members: Int32Array;
  /** GPS time of simulation time 0, µs */
  gpsEpochUs: number;
}

/** A run's context before anything has happened: the scenario's gateways, sharing one downlink log; no session yet. */
export function newRunContext(world: World, kernel: Kernel, txlog: TxLog): RunContext {
  const { s } = world;
  const downlinkAir = new DownlinkAir(s.gateways.positions.length);
  return {
    world,
    kernel,
    gateways: s.gateways.positions.map((_, g) => new GatewayRadio(g, world.region, s.gateways.dutyCycle, downlinkAir)),
    downlinkAir,
    txlog,
    campaignStartUs: s.fuotaTask.startTimeS * 1e6,
    sessionStartUs: 0,
    sessionEndUs: 0,
    members: new Int32Array(0),
    gpsEpochUs: isoToGpsUs(s.startTime),
  };
}
