/**
 * Parameters of the Gilbert–Elliott burst loss of radio/burst.ts (docs/models/reception.md), as
 * the scenario field channel.burst gives them.
 */
export interface BurstModel {
  model: 'none' | 'gilbert-elliott';
  /** mean time in the bad state, s */
  meanBurstS: number;
  /** mean time in the good state, s */
  meanGapS: number;
  lossGood: number;
  lossBad: number;
}
