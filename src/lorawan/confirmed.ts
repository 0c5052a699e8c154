/**
 * Retransmissions of one uplink, as a pure state machine (docs/models/traffic.md).
 *
 * LoRaWAN 1.0.4 §18.4 / 1.1 (NbTrans of LinkADRReq, default 1, 1..15):
 * - a confirmed uplink is sent until the device receives a downlink with the ACK bit in RX1 or RX2,
 *   at most NbTrans times; LoRaWAN 1.0.2 stacks (LoRaMac-node before 4.4) used an application retry
 *   count instead (8 in the example applications), which `nbTrans` also expresses;
 * - an unconfirmed uplink is repeated NbTrans times unless a downlink arrives in RX1/RX2 (any
 *   downlink stops the repetitions);
 * - a repetition starts ACK_TIMEOUT = 2 ± 1 s (uniform) after the RX2 window of the previous
 *   transmission (RP002 ACK_TIMEOUT; lorawan-facts has no entry for it: [U]), on a fresh channel.
 * The network answers a confirmed uplink with an ACK in a class A window (it costs the gateway
 * airtime and duty cycle like any downlink); a frame the network already received and acknowledged
 * is acknowledged again (same FCnt).
 */

/** ACK_TIMEOUT bounds, µs (RP002: 2 ± 1 s). */
export const ACK_TIMEOUT_MIN_US = 1_000_000;
export const ACK_TIMEOUT_MAX_US = 3_000_000;

/** What to do after transmission number `attempt` (1-based) of a frame. */
export type NextStep =
  | { kind: 'done'; delivered: boolean }
  | { kind: 'repeat'; afterRx2Us: number };

/**
 * The device's decision after an attempt. `stopped`: what ends the repetitions reached the device
 * in RX1/RX2 (an ACK for a confirmed frame, any downlink for an unconfirmed one); `everHeard`: the
 * network received this or an earlier attempt (the delivery statistic); `u`: a uniform in (0, 1)
 * for the ACK_TIMEOUT draw.
 */
export function afterAttempt(attempt: number, nbTrans: number, stopped: boolean, everHeard: boolean, u: number): NextStep {
  if (!Number.isInteger(nbTrans) || nbTrans < 1 || nbTrans > 15) throw new RangeError(`NbTrans ${nbTrans} is not an integer 1..15`);
  if (stopped || attempt >= nbTrans) return { kind: 'done', delivered: everHeard };
  return { kind: 'repeat', afterRx2Us: Math.round(ACK_TIMEOUT_MIN_US + u * (ACK_TIMEOUT_MAX_US - ACK_TIMEOUT_MIN_US)) };
}
