/**
 * The mutable context of one run, shared by the campaign's models: the world, the kernel, the
 * gateways' transmitters, the frame log, and the session's timing. Models receive it explicitly;
 * nothing is module-level.
 */
import type { Kernel } from '../engine/kernel.js';
import type { GatewayRadio } from './gateway.js';
import type { TxLog } from './txlog.js';
import type { World } from './world.js';

export interface RunContext {
  world: World;
  kernel: Kernel;
  gateways: GatewayRadio[];
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
