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
/** TS005 SessionTimeOut is a 4-bit exponent (lorawan-facts.md 4.2). */
export const TS005_MAX_TIMEOUT_EXPONENT = 15;
/** Longest class C session TS005 can encode: 2^15 s (about 9.1 h). */
export const CLASS_C_MAX_TIMEOUT_S = 2 ** TS005_MAX_TIMEOUT_EXPONENT;
/** Class B session timeouts count beacon periods of 128 s (lorawan-facts.md 3.1, 4.2). */
const BEACON_PERIOD_S = 128;

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

/** The longest power of two within AWS's SessionTimeout range: 2^17 s. */
export const LONGEST_POWER_OF_TWO_TIMEOUT_S = 2 ** Math.floor(Math.log2(SESSION_TIMEOUT_MAX_S));

/**
 * What a SessionTimeout of `s` seconds becomes: AWS rounds a value that is not a power of two up to
 * the next one (lorawan-facts.md 7.1), here never beyond its own 172800 s range (a value above 2^17 s
 * becomes 2^17 s); TS005 then sends it as TimeOut = log2 of the session length in seconds (class C)
 * or in 128 s beacon periods (class B), so a class B session lasts at least one beacon period. The
 * class C cap (2^15 s) is checked by the caller.
 */
export function roundSessionTimeoutS(s: number, dlClass: DlClass): number {
  const t = Math.min(LONGEST_POWER_OF_TWO_TIMEOUT_S, 2 ** Math.ceil(Math.log2(Math.max(SESSION_TIMEOUT_MIN_S, s))));
  return dlClass === 'ClassB' ? Math.max(BEACON_PERIOD_S, t) : t;
}

/** The TS005 TimeOut field (4 bits) of a rounded session timeout: log2 of seconds (class C) or of beacon periods (class B). */
export function ts005TimeOut(timeoutS: number, dlClass: DlClass): number {
  return Math.log2(dlClass === 'ClassB' ? timeoutS / BEACON_PERIOD_S : timeoutS);
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

/**
 * Derived SessionTimeout: 1.5 × the estimated distribution time within AWS's 60..172800 s, rounded
 * as a given value is; a class C session is cut to TS005's 2^15 s (then the estimate says the
 * session may end before every fragment is out).
 */
export function deriveSessionTimeoutS(d: DistributionInput): number {
  const rounded = roundSessionTimeoutS(Math.min(SESSION_TIMEOUT_MAX_S, TIMEOUT_MARGIN * estimateDistributionS(d)), d.dlClass);
  return d.dlClass === 'ClassC' ? Math.min(CLASS_C_MAX_TIMEOUT_S, rounded) : rounded;
}

/**
 * A booked session start (multicastGroup.sessionStart given as seconds after the campaign start or
 * as an ISO-8601 UTC time) in seconds from simulation time 0 (`startTime`); null for "after-setup"
 * and "chirpstack".
 */
export function bookedSessionStartS(sessionStart: number | string, startTime: string, campaignStartS: number): number | null {
  if (typeof sessionStart === 'number') return campaignStartS + sessionStart;
  if (sessionStart === 'after-setup' || sessionStart === 'chirpstack') return null;
  return (Date.parse(sessionStart) - Date.parse(startTime)) / 1000;
}

/** AWS schedules a session at least 30 min and at most 48 h ahead (lorawan-facts.md 7.1, 7.3). */
export const AWS_MIN_LEAD_S = 1800;
export const AWS_MAX_LEAD_S = 172_800;

/** A warning when a booking lead (s) breaks AWS's 30 min / 48 h rule, else null. */
export function awsLeadWarning(leadS: number): string | null {
  if (leadS < AWS_MIN_LEAD_S) return `the session is booked ${leadS} s ahead; AWS requires at least ${AWS_MIN_LEAD_S} s (30 min)`;
  if (leadS > AWS_MAX_LEAD_S) return `the session is booked ${leadS} s ahead; AWS accepts at most ${AWS_MAX_LEAD_S} s (48 h)`;
  return null;
}
