/**
 * The mutable context of one run, shared by the campaign's models: the world, the kernel, the
 * gateways' transmitters, the frame log, and the session's timing. Models receive it explicitly;
 * nothing is module-level.
 */
import type { Kernel } from '../engine/kernel.js';
import type { DownlinkAir } from './downlink-air.js';
import type { DownlinkRx } from './downlink-rx.js';
import type { GatewayRadio } from './gateway.js';
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
