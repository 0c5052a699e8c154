/**
 * Defaults that follow from other fields: the session's data rate and frequency, the largest
 * fragment, the fragment count and the session timeout. Pure functions of the region tables.
 */
import type { Region } from '../lorawan/regions/index.js';
import { lorawanDownlinkAirtimeUs } from '../radio/airtime.js';
import type { DlClass, RegionName } from './types.js';

/** Default multicast DR: the fastest 125 kHz LoRa DR (EU868, AS923-1, IN865 DR5 SF7/125) or 500 kHz DR13 (US915, AU915 SF7/500), lorawan-facts.md 2.1. */
export const DEFAULT_DL_DR: Readonly<Record<RegionName, number>> = Object.freeze({
  EU868: 5,
  'AS923-1': 5,
  IN865: 5,
  US915: 13,
  AU915: 13,
});

/** Default image size, bytes (256 KiB). */
export const DEFAULT_IMAGE_BYTES = 262_144;

/** DataFragment overhead inside FRMPayload: CID (1 B) + index/N field (2 B), lorawan-facts.md 2.2. */
export const FRAGMENT_HEADER_BYTES = 3;
/** LoRaWAN framing around FRMPayload: MHDR 1 + FHDR 7 + FPort 1 + MIC 4 (lorawan-facts.md 8: PHY = fragSize + 16). */
export const LORAWAN_OVERHEAD_BYTES = 13;

/** Session timeout bounds, s (AWS SessionTimeout 60..172800, lorawan-facts.md 7.1). */
export const SESSION_TIMEOUT_MIN_S = 60;
export const SESSION_TIMEOUT_MAX_S = 172_800;

/** Class B ping slot length, s (lorawan-facts.md 3.1). */
const PING_SLOT_S = 0.03;
/** Share of a beacon period open to ping slots: 122.88 s of 128 s (lorawan-facts.md 3.1). */
const PING_WINDOW_SHARE = 122.88 / 128;
/** Margin over the estimated distribution time when the timeout is derived. */
const TIMEOUT_MARGIN = 1.5;

/** Largest fragment for a downlink DR: N(dr) − 3 from the non-repeater table (AS923 with DownlinkDwellTime = 1: its dwell table); 0 when the DR carries no payload. */
export function maxFragmentSizeBytes(region: Region, dr: number, dwellTime = false): number {
  return Math.max(0, region.maxFrmPayloadBytes(dr, { dwellTime }) - FRAGMENT_HEADER_BYTES);
}

/** Next power of two ≥ `s` (seconds), within the AWS bounds: what AWS does with a SessionTimeout. */
export function roundSessionTimeoutS(s: number): number {
  const t = Math.max(SESSION_TIMEOUT_MIN_S, s);
  return Math.min(2 ** Math.ceil(Math.log2(t)), SESSION_TIMEOUT_MAX_S);
}

export interface DistributionInput {
  region: Region;
  dlClass: DlClass;
  dlDr: number;
  dlFreq: number;
  fragmentSizeBytes: number;
  fragmentIntervalMs: number;
  pingSlotPeriod: number;
  totalFragments: number;
}

/**
 * Estimated time to send every fragment once through one gateway, s: fragments × the slowest of
 * the server interval, the duty-cycle spacing ToA / dc of dlFreq's sub-band and (class B) the ping
 * period stretched by the beacon guard (a ping period of p slots fits 122.88 s of each 128 s).
 */
export function estimateDistributionS(d: DistributionInput): number {
  const rate = d.region.dataRates[d.dlDr];
  const airtimeS = rate && rate.sf > 0
    ? lorawanDownlinkAirtimeUs(rate.sf, rate.bwHz, d.fragmentSizeBytes + FRAGMENT_HEADER_BYTES + LORAWAN_OVERHEAD_BYTES) / 1e6
    : 0;
  const dutyCycle = d.region.subBandOf(d.dlFreq)?.dutyCycle ?? 1;
  let perFragmentS = Math.max(d.fragmentIntervalMs / 1000, airtimeS / dutyCycle);
  if (d.dlClass === 'ClassB') perFragmentS = Math.max(perFragmentS, (d.pingSlotPeriod * PING_SLOT_S) / PING_WINDOW_SHARE);
  return d.totalFragments * perFragmentS;
}

/** Derived SessionTimeout: the smallest power of two ≥ 1.5 × the estimated distribution time, within 60..172800 s. */
export function deriveSessionTimeoutS(d: DistributionInput): number {
  return roundSessionTimeoutS(TIMEOUT_MARGIN * estimateDistributionS(d));
}
