/**
 * What one simulation run produces. The recorders fill these; `output/` turns them into files.
 * Names match `docs/results.md` (the results contract): keep them stable.
 */
import type { ResolvedScenario } from '../scenario/types.js';

/** AWS FuotaDeviceStatus values (results contract). */
export const DEVICE_STATUSES = [
  'Initial',
  'Package_Not_Supported',
  'FragAlgo_unsupported',
  'Not_enough_memory',
  'FragIndex_unsupported',
  'Wrong_descriptor',
  'SessionCnt_replay',
  'MissingFrag',
  'MemoryError',
  'MICError',
  'Successful',
] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/**
 * Why a device did not end `Successful` (src/sim/diagnosis.ts; docs/results.md), in the order they
 * are decided: the first that applies.
 */
export const REASONS = [
  'deviceRefused',
  'noCoverage',
  'notConfirmed',
  'setupTooLate',
  'setupFailed',
  'outOfReach',
  'missingFragments',
] as const;
export type Reason = (typeof REASONS)[number];

export interface Summary {
  devices: number;
  devicesUpdated: number;
  updatedRatio: number;
  setupDurationS: number;
  distributionDurationS: number;
  campaignDurationS: number;
  timeTo50S: number | null;
  timeTo90S: number | null;
  timeTo95S: number | null;
  timeTo99S: number | null;
  timeToAllS: number | null;
  nbFrag: number;
  fragmentsCoded: number;
  fragmentsSent: number;
  fragmentSizeBytes: number;
  paddingBytes: number;
  downlinkAirtimeS: number;
  uplinkAirtimeS: number;
  maxDutyCycle: number;
  dutyCycleWaitS: number;
  energyMeanJ: number;
  energyP95J: number;
  energyMaxJ: number;
  uplinks: number;
  uplinkCollisions: number;
  backgroundPdr: number | null;
  events: number;
  /** devices that rebuilt and verified the image, whatever happened after (devicesUpdated counts Successful) */
  devicesRebuilt: number;
  /** devices ending in each AWS status, every status present (zeros included), in DEVICE_STATUSES order */
  statusCounts: Record<DeviceStatus, number>;
  /** when the multicast session began (TS005 SessionTime), s from the campaign start; null without a session (unicast) */
  sessionStartS: number | null;
  /** when every device the session could reach was set up (the last one's session answer heard), s from the campaign start */
  fleetReadyS: number | null;
  /** sessionStartS − fleetReadyS when positive, else 0 */
  idleBeforeSessionS: number | null;
  /** the shortest booking lead (campaign start → session start) that sets up 90 / 95 / 99 % of the devices the session could reach, s */
  leadTimeFor90S: number | null;
  leadTimeFor95S: number | null;
  leadTimeFor99S: number | null;
  /** as timeTo…S, counted from the session start */
  timeTo50FromSessionS: number | null;
  timeTo90FromSessionS: number | null;
  timeTo95FromSessionS: number | null;
  timeTo99FromSessionS: number | null;
  timeToAllFromSessionS: number | null;
  /** devices per reason for not ending Successful, every reason present (zeros included), in REASONS order */
  reasons: Record<Reason, number>;
  /** the downlink data rate that would reach the outOfReach devices (the fastest reaching all, else the one reaching most); null when none */
  reachDr: number | null;
  /** how many of the outOfReach devices reachDr reaches */
  reachDrDevices: number | null;
  /** redundancy (%) with which 90 % of the missingFragments devices that held any fragment would have rebuilt the image */
  redundancyNeededPercent: number | null;
}

/** The summary fields that hold counts by name (an object of numbers). */
export type SummaryCounts = 'statusCounts' | 'reasons';

/** Summary fields that hold one number (or null): every field but the counts. */
export type SummaryMetric = Exclude<keyof Summary, SummaryCounts>;

/**
 * Summary metric names in their stable order (summary.json keys, summary.csv columns); the first 27
 * are the original set, the later ones are appended so that existing column positions hold.
 * statusCounts sits between devicesRebuilt and sessionStartS in summary.json and becomes the
 * `status<Name>` columns there in summary.csv; reasons sits after timeToAllFromSessionS and becomes
 * the `reason<Name>` columns (COUNT_GROUPS).
 */
export const SUMMARY_METRICS: readonly SummaryMetric[] = [
  'devices', 'devicesUpdated', 'updatedRatio',
  'setupDurationS', 'distributionDurationS', 'campaignDurationS',
  'timeTo50S', 'timeTo90S', 'timeTo95S', 'timeTo99S', 'timeToAllS',
  'nbFrag', 'fragmentsCoded', 'fragmentsSent', 'fragmentSizeBytes', 'paddingBytes',
  'downlinkAirtimeS', 'uplinkAirtimeS', 'maxDutyCycle', 'dutyCycleWaitS',
  'energyMeanJ', 'energyP95J', 'energyMaxJ',
  'uplinks', 'uplinkCollisions', 'backgroundPdr', 'events',
  'devicesRebuilt',
  'sessionStartS', 'fleetReadyS', 'idleBeforeSessionS', 'leadTimeFor90S', 'leadTimeFor95S', 'leadTimeFor99S',
  'timeTo50FromSessionS', 'timeTo90FromSessionS', 'timeTo95FromSessionS', 'timeTo99FromSessionS', 'timeToAllFromSessionS',
  'reachDr', 'reachDrDevices', 'redundancyNeededPercent',
];

/** summary.csv column of a status count: `status` + the AWS name (statusInitial, statusPackage_Not_Supported, ...). */
export function statusColumn(status: DeviceStatus): string {
  return `status${status}`;
}

/** summary.csv column of a reason count: `reason` + the reason, first letter upper case (reasonNoCoverage, ...). */
export function reasonColumn(reason: Reason): string {
  return `reason${reason[0].toUpperCase()}${reason.slice(1)}`;
}

/** The count objects of a summary: where they sit among the flat metrics, and their columns. */
export const COUNT_GROUPS: ReadonlyArray<{ key: SummaryCounts; after: SummaryMetric; names: readonly string[]; column: (name: string) => string }> = [
  { key: 'statusCounts', after: 'devicesRebuilt', names: DEVICE_STATUSES, column: (name) => statusColumn(name as DeviceStatus) },
  { key: 'reasons', after: 'timeToAllFromSessionS', names: REASONS, column: (name) => reasonColumn(name as Reason) },
];

/** Every flat summary column in order: the metrics with each count group's columns after its metric. */
export const SUMMARY_COLUMNS: readonly string[] = SUMMARY_METRICS.flatMap((m) => {
  const g = COUNT_GROUPS.find((x) => x.after === m);
  return g ? [m, ...g.names.map(g.column)] : [m];
});

/**
 * A summary object as read back from summary.json (or built in memory) with its count objects
 * (statusCounts, reasons) spread into their columns (status<Name>, reason<Name>); other keys
 * unchanged. Sweeps and compare read metrics this way.
 */
export function flattenCounts(obj: Record<string, unknown>): Record<string, unknown> {
  let rest = obj;
  for (const g of COUNT_GROUPS) {
    const counts = rest[g.key];
    if (counts === null || typeof counts !== 'object') continue;
    const { [g.key]: _, ...others } = rest;
    for (const [k, v] of Object.entries(counts as Record<string, unknown>)) others[g.column(k)] = v;
    rest = others;
  }
  return rest;
}

/** The summary as flat columns (SUMMARY_COLUMNS order): the count objects spread into their columns. */
export function flatSummary(summary: Summary): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of SUMMARY_METRICS) {
    out[m] = summary[m];
    const g = COUNT_GROUPS.find((x) => x.after === m);
    if (g) for (const name of g.names) out[g.column(name)] = (summary[g.key] as Record<string, number>)[name];
  }
  return out;
}

/** One row per device, stored column-wise (struct of arrays). */
export interface DeviceTable {
  count: number;
  xM: Float64Array;
  yM: Float64Array;
  /** index of the best gateway (strongest downlink) */
  gateway: Int32Array;
  rssiDbm: Float64Array;
  snrDb: Float64Array;
  fragmentsReceived: Int32Array;
  /** fragments held when the image could be rebuilt; -1 when never */
  fragmentsNeeded: Int32Array;
  /** seconds from campaign start; NaN when never */
  decodedAtS: Float64Array;
  status: DeviceStatus[];
  /** the sum of the parts below */
  energyJ: Float64Array;
  energyRxJ: Float64Array;
  energyTxJ: Float64Array;
  energySleepJ: Float64Array;
  energyStandbyJ: Float64Array;
  /** image work (devices.mcu): download slot erase and fragment storage; hash and signature check; install at the reboot */
  energyStoreJ: Float64Array;
  energyVerifyJ: Float64Array;
  energyApplyJ: Float64Array;
  /** why the device did not end Successful: index into REASONS, 255 when it did (src/sim/diagnosis.ts) */
  reason: Uint8Array;
}

export type TxKind = 'fragment' | 'beacon' | 'setup' | 'status' | 'uplink' | 'repair' | 'ack';
/** `ack`: the network's acknowledgement of a confirmed background uplink (traffic.confirmed) */
export const TX_KINDS: readonly TxKind[] = ['fragment', 'beacon', 'setup', 'status', 'uplink', 'repair', 'ack'];

/** One row per radio frame, stored column-wise. `node` >= 0 is a gateway id, < 0 is -(device id) - 1. */
export interface TransmissionTable {
  count: number;
  startUs: Float64Array;
  airtimeUs: Float64Array;
  node: Int32Array;
  kind: Uint8Array; // index into TX_KINDS
  frequencyHz: Float64Array;
  dr: Uint8Array;
  sf: Uint8Array;
  bwHz: Float64Array;
  phyPayloadBytes: Uint16Array;
  /** TS004 N (1-based) for fragments, 0 otherwise */
  fragmentIndex: Uint16Array;
  /** what each frame carried, recorded only when asked for (the `--pcap` capture); absent otherwise */
  detail?: FrameDetailColumns;
}

/**
 * Per frame: the device it was sent by or to (-1: multicast or beacon), the campaign message code
 * (src/sim/campaign/messages.ts `Msg`; 0: background traffic or a multicast frame, told apart by
 * `kind`) and the message's argument (the fragment N of a unicast DataFragment, the TimeCorrection of
 * an AppTimeAns, the reboot time of a DevRebootTimeReq; 0 otherwise).
 */
export interface FrameDetailColumns {
  device: Int32Array;
  msg: Uint8Array;
  arg: Int32Array;
}

/** Airtime used per gateway sub-band, in fixed bins, for the duty-cycle plot. */
export interface DutyCycleSeries {
  binS: number;
  /** one entry per (gateway, sub-band) that carried traffic */
  series: Array<{ gateway: number; subBand: string; airtimeS: Float64Array }>;
}

export interface RunResult {
  scenario: ResolvedScenario;
  simulatorVersion: string;
  summary: Summary;
  devices: DeviceTable;
  transmissions: TransmissionTable;
  dutyCycle: DutyCycleSeries;
  /** time line of campaign phases, seconds from simulation start */
  phases: Array<{ phase: 'setup' | 'distribution' | 'status' | 'repair' | 'apply'; startS: number; endS: number }>;
  /** non-deterministic facts about the run, kept apart from the deterministic results */
  timing: { wallTimeS: number; peakRssBytes: number };
}
