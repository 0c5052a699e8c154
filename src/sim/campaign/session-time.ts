/**
 * When the multicast session starts (TS005 SessionTime), by `multicastGroup.sessionStart`:
 *
 * - a number: that many seconds after simulation start, as given;
 * - 'chirpstack': campaign start + (maxRetries + 1) × the devices' uplink interval, fixed before setup
 *   begins (ChirpStack v4 `flow.rs`, lorawan-facts 7.4);
 * - 'after-setup': fixed once every device is synchronised or out of the campaign, far enough ahead
 *   for the session requests to reach the ready devices: (maxRetries + 1) uplink intervals, plus the
 *   time the RX2 sub-band needs under its duty cycle to carry one session request to each of them.
 *
 * Class B sessions start on a beacon (128 s GPS boundary), as ChirpStack aligns them.
 */
import { BEACON_PERIOD_US } from '../../lorawan/classb.js';
import { lorawanDownlinkAirtimeUs } from '../../radio/airtime.js';
import type { RunContext } from '../context.js';
import { Msg, msgPhyBytes } from './messages.js';

/** SessionTime known before setup ('chirpstack' or a number), µs; NaN for 'after-setup'. */
export function presetSessionStartUs(ctx: RunContext, intervalUs: number): number {
  const { s } = ctx.world;
  const start = s.multicastGroup.sessionStart;
  if (start === 'after-setup') return NaN;
  const t = typeof start === 'number' ? start * 1e6 : ctx.campaignStartUs + (s.setup.maxRetries + 1) * intervalUs;
  return alignClassB(ctx, Math.max(t, ctx.campaignStartUs), typeof start !== 'number');
}

/** 'after-setup': SessionTime chosen at `nowUs` for `ready` devices still to be asked. */
export function afterSetupSessionStartUs(ctx: RunContext, nowUs: number, ready: number, intervalUs: number): number {
  const { s, region } = ctx.world;
  const rx2 = region.dataRates[region.rx2.dr]!;
  const airUs = lorawanDownlinkAirtimeUs(rx2.sf, rx2.bwHz, msgPhyBytes(Msg.McSessionReq, s));
  const dc = region.subBandOf(region.rx2.freqHz)?.dutyCycle ?? 1;
  const marginUs = (s.setup.maxRetries + 1) * intervalUs + (ready * airUs) / dc;
  return alignClassB(ctx, Math.ceil((nowUs + marginUs) / 1e6) * 1e6, true);
}

/** Instant setup: the session starts at the campaign start (or the preset time). */
export function instantSessionStartUs(ctx: RunContext, intervalUs: number): number {
  const preset = presetSessionStartUs(ctx, intervalUs);
  return Number.isNaN(preset) ? alignClassB(ctx, Math.ceil(ctx.campaignStartUs / 1e6) * 1e6, true) : preset;
}

function alignClassB(ctx: RunContext, tUs: number, align: boolean): number {
  if (ctx.world.s.multicastGroup.dlClass !== 'ClassB' || !align) return tUs;
  return Math.ceil((ctx.gpsEpochUs + tUs) / BEACON_PERIOD_US) * BEACON_PERIOD_US - ctx.gpsEpochUs;
}
