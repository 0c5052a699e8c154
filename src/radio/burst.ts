/**
 * Gilbert–Elliott burst loss: a two-state Markov chain per device (Good/Bad), each state with its
 * own loss probability (docs/models/reception.md).
 *
 * Convention: the chain steps once per frame opportunity the device listens to (a frame on air while
 * the device has a receive window open), whether or not that frame would otherwise be received; then
 * the loss draw uses the new state:
 *   state = geStep(state, u1, p, r); lost = geLoss(state, u2, lossGood, lossBad)
 * The initial state is drawn from the stationary distribution with {@link geInitialState}, so the
 * first opportunity is already in steady state. Time spent not listening does not advance the chain.
 */
import type { BurstModel } from '../scenario/types.js';

export const GE_GOOD = 0;
export const GE_BAD = 1;
export type GeState = 0 | 1;

/** One transition: Good→Bad with probability `pGoodToBad` (u < p), Bad→Good with `pBadToGood`. */
export function geStep(state: number, u: number, pGoodToBad: number, pBadToGood: number): GeState {
  if (state === GE_GOOD) return u < pGoodToBad ? GE_BAD : GE_GOOD;
  return u < pBadToGood ? GE_GOOD : GE_BAD;
}

/** Whether a frame is lost in `state`: u < lossBad in Bad, u < lossGood in Good. */
export function geLoss(state: number, u: number, lossGood: number, lossBad: number): boolean {
  return u < (state === GE_BAD ? lossBad : lossGood);
}

/**
 * Long-run share of opportunities spent in Bad: p / (p + r). A chain that never moves (p = r = 0)
 * stays in its Good start state, so 0.
 */
export function geStationaryBadProbability(pGoodToBad: number, pBadToGood: number): number {
  const s = pGoodToBad + pBadToGood;
  return s > 0 ? pGoodToBad / s : 0;
}

/** Initial state drawn from the stationary distribution: Bad iff u < p / (p + r). */
export function geInitialState(u: number, pGoodToBad: number, pBadToGood: number): GeState {
  return u < geStationaryBadProbability(pGoodToBad, pBadToGood) ? GE_BAD : GE_GOOD;
}

/** Long-run loss probability of the model: πG·lossGood + πB·lossBad; 0 for model 'none'. */
export function geMeanLoss(model: BurstModel): number {
  if (model.model === 'none') return 0;
  const piBad = geStationaryBadProbability(model.pGoodToBad, model.pBadToGood);
  return (1 - piBad) * model.lossGood + piBad * model.lossBad;
}

/** Mean length of a Bad burst, in opportunities: 1 / r (Infinity when r = 0). */
export function geMeanBadBurstLength(pBadToGood: number): number {
  return 1 / pBadToGood;
}
