/**
 * AWS IoT Core for LoRaWAN → scenario file. Maps the JSON of CreateFuotaTask, CreateMulticastGroup
 * and StartMulticastGroupSession requests (or what get-fuota-task, get-multicast-group and
 * get-multicast-group-session return) to a raw scenario, with field ranges from lorawan-facts.md 7.1.
 * Values the simulator cannot take are errors; fields it does not model are listed as notes.
 */
import { AWS_MIN_LEAD_S, CLASS_C_MAX_TIMEOUT_S, awsLeadWarning, roundSessionTimeoutS } from '../scenario/derive.js';
import { pathSegment, quote, showValue } from '../errors/index.js';
import { nameFromText } from '../scenario/names.js';
import type { RegionName } from '../scenario/types.js';

export interface AwsInputs {
  fuotaTask: unknown;
  multicastGroup: unknown;
  session?: unknown;
}

export interface AwsImportOptions {
  firmwareSizeBytes?: number;
  firmwareFile?: string;
  devices?: number;
  /** seconds between booking the session (the campaign start) and its start; default the AWS minimum, 1800 */
  leadS?: number;
}

export interface AwsImport {
  scenario: Record<string, unknown>;
  /** fields kept out of the scenario, and adjustments AWS itself makes */
  notes: string[];
  /** values fuota-sim cannot simulate; the import fails when there is any */
  problems: string[];
}

const SUPPORTED_REGIONS: readonly RegionName[] = ['EU868', 'US915', 'AU915', 'AS923-1', 'IN865'];
/** the RfRegion enum of the AWS API (lorawan-facts.md 7.1) */
const AWS_REGIONS = [...SUPPORTED_REGIONS, 'AS923-2', 'AS923-3', 'AS923-4', 'EU433', 'CN470', 'CN779', 'RU864', 'KR920'];
/** the longest lead `import aws --lead-time` accepts (AWS books at most 48 h ahead, lorawan-facts.md 7.3) */
const MAX_LEAD_S = 172_800;
/** Timestamps a scenario can start at: from the GPS epoch (class B beacons count from it) to the year 9999. */
const EARLIEST_S = 315_964_800 + MAX_LEAD_S;
const LATEST_S = 253_402_300_799;
/** scenario.description holds at most 4096 characters */
const MAX_DESCRIPTION = 4096;

/** Fields per object: used ones are mapped, `meta` ones are AWS bookkeeping with no effect on the simulation. */
const KNOWN: Record<string, { used: string[]; meta: string[] }> = {
  fuotaTask: {
    used: ['Name', 'Description', 'LoRaWAN', 'RedundancyPercent', 'FragmentSizeBytes', 'FragmentIntervalMS', 'Descriptor', 'FirmwareUpdateImage', 'CreatedAt'],
    meta: ['ClientRequestToken', 'FirmwareUpdateRole', 'Tags', 'Arn', 'Id', 'Status'],
  },
  'fuotaTask.LoRaWAN': { used: ['RfRegion', 'StartTime'], meta: [] },
  multicastGroup: { used: ['Name', 'Description', 'LoRaWAN'], meta: ['ClientRequestToken', 'Tags', 'Arn', 'Id', 'Status', 'CreatedAt'] },
  'multicastGroup.LoRaWAN': {
    used: ['RfRegion', 'DlClass', 'ParticipatingGateways', 'DefaultSessionParameters', 'NumberOfDevicesRequested', 'NumberOfDevicesInGroup'],
    meta: [],
  },
  'multicastGroup.LoRaWAN.ParticipatingGateways': { used: ['GatewayList', 'TransmissionInterval'], meta: [] },
  'multicastGroup.LoRaWAN.DefaultSessionParameters': { used: ['DlDr', 'DlFreq'], meta: [] },
  session: { used: ['LoRaWAN'], meta: ['Id'] },
  'session.LoRaWAN': { used: ['DlDr', 'DlFreq', 'SessionStartTime', 'SessionTimeout', 'PingSlotPeriod'], meta: [] },
};

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Reads and range-checks the fields of one input, collecting problems and notes. */
class Reader {
  readonly notes: string[] = [];
  readonly problems: string[] = [];
  /** AWS bookkeeping fields seen (ids, ARNs, tokens, tags): listed in one note */
  readonly bookkeeping: string[] = [];

  object(v: unknown, path: string, required: boolean): Obj | undefined {
    if (v === undefined && !required) return undefined;
    if (!isObj(v)) {
      this.problems.push(`${path}: expected a JSON object, got ${v === undefined ? 'nothing' : showValue(v)}`);
      return undefined;
    }
    const known = KNOWN[path];
    if (known) {
      for (const k of Object.keys(v)) {
        if (known.meta.includes(k)) this.bookkeeping.push(`${path}.${k}`);
        else if (!known.used.includes(k)) this.notes.push(`${path}${pathSegment(k, false)}: not a field fuota-sim knows; ignored`);
      }
    }
    return v;
  }

  int(o: Obj | undefined, key: string, path: string, min: number, max: number): number | undefined {
    const v = o?.[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.problems.push(`${path}.${key}: ${showValue(v)} is not an integer in ${min}..${max}`);
      return undefined;
    }
    return v;
  }

  time(o: Obj | undefined, key: string, path: string): number | undefined {
    const v = o?.[key];
    if (v === undefined) return undefined;
    // the AWS CLI prints timestamps as ISO-8601 strings; SDKs may give epoch seconds
    const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' && v.length <= 64 ? Date.parse(v) : NaN;
    if (!Number.isFinite(ms)) {
      this.problems.push(`${path}.${key}: ${showValue(v)} is not a timestamp; allowed: an ISO-8601 time such as "2026-01-05T00:00:00Z", or seconds since 1970`);
      return undefined;
    }
    if (ms / 1000 < EARLIEST_S || ms / 1000 > LATEST_S) {
      this.problems.push(`${path}.${key}: ${showValue(v)} is out of range; allowed: a time from 1980-01-06T00:30:00Z (the GPS epoch and the 30 min setup lead) to 9999-12-31`);
      return undefined;
    }
    return ms / 1000;
  }
}

function isoUtc(epochS: number): string {
  return new Date(Math.round(epochS) * 1000).toISOString().replace('.000Z', 'Z');
}

function scenarioName(raw: unknown): string {
  return typeof raw === 'string' ? nameFromText(raw.slice(0, 1024), 'aws-import') : 'aws-import';
}

/** A name or id from the AWS JSON for the description: the string itself, else how it looks. */
function label(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, 256) : showValue(v);
}

function region(r: Reader, task: Obj | undefined, group: Obj | undefined): RegionName | undefined {
  const tRegion = (task?.LoRaWAN as Obj | undefined)?.RfRegion;
  const gRegion = (group?.LoRaWAN as Obj | undefined)?.RfRegion;
  if (tRegion !== undefined && gRegion !== undefined && tRegion !== gRegion) {
    r.problems.push(`LoRaWAN.RfRegion: the FUOTA task says ${showValue(tRegion)}, the multicast group ${showValue(gRegion)}`);
  }
  const v = tRegion ?? gRegion;
  if (v === undefined) {
    r.problems.push('LoRaWAN.RfRegion: missing in both the FUOTA task and the multicast group');
    return undefined;
  }
  if ((SUPPORTED_REGIONS as readonly unknown[]).includes(v)) return v as RegionName;
  const why = AWS_REGIONS.includes(v as string) ? 'is an AWS region fuota-sim does not simulate' : 'is not an AWS RfRegion';
  r.problems.push(`LoRaWAN.RfRegion: ${showValue(v)} ${why} (supported: ${SUPPORTED_REGIONS.join(', ')})`);
  return undefined;
}

function descriptorHex(r: Reader, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const bytes = typeof v === 'string' && v.length <= 64 && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? Buffer.from(v, 'base64') : null;
  if (!bytes || bytes.length !== 4) {
    r.problems.push(`fuotaTask.Descriptor: ${showValue(v)} is not base64 of 4 bytes (the TS004 descriptor)`);
    return undefined;
  }
  return bytes.toString('hex');
}

/** Maps the AWS JSON to a raw scenario (undefined fields are left to the scenario defaults). */
export function importAws(inputs: AwsInputs, opts: AwsImportOptions = {}): AwsImport {
  const r = new Reader();
  const task = r.object(inputs.fuotaTask, 'fuotaTask', true);
  const group = r.object(inputs.multicastGroup, 'multicastGroup', true);
  const session = r.object(inputs.session, 'session', false);
  const taskLw = r.object(task?.LoRaWAN, 'fuotaTask.LoRaWAN', false);
  const groupLw = r.object(group?.LoRaWAN, 'multicastGroup.LoRaWAN', false);
  const gws = r.object(groupLw?.ParticipatingGateways, 'multicastGroup.LoRaWAN.ParticipatingGateways', false);
  const defaults = r.object(groupLw?.DefaultSessionParameters, 'multicastGroup.LoRaWAN.DefaultSessionParameters', false);
  const sessLw = r.object(session?.LoRaWAN, 'session.LoRaWAN', session !== undefined);

  const dlClass = groupLw?.DlClass;
  if (dlClass !== undefined && dlClass !== 'ClassB' && dlClass !== 'ClassC') {
    r.problems.push(`multicastGroup.LoRaWAN.DlClass: ${showValue(dlClass)} is not ClassB or ClassC`);
  }
  const dlDr = r.int(sessLw, 'DlDr', 'session.LoRaWAN', 0, 15) ?? r.int(defaults, 'DlDr', 'multicastGroup.LoRaWAN.DefaultSessionParameters', 0, 15);
  const dlFreq =
    r.int(sessLw, 'DlFreq', 'session.LoRaWAN', 100_000_000, 1_000_000_000) ??
    r.int(defaults, 'DlFreq', 'multicastGroup.LoRaWAN.DefaultSessionParameters', 100_000_000, 1_000_000_000);
  const pingSlotPeriod = r.int(sessLw, 'PingSlotPeriod', 'session.LoRaWAN', 32, 4096);
  if (pingSlotPeriod !== undefined && (pingSlotPeriod & (pingSlotPeriod - 1)) !== 0) {
    r.problems.push(`session.LoRaWAN.PingSlotPeriod: ${pingSlotPeriod} is not a power of two between 32 and 4096`);
  }
  let sessionTimeoutS = r.int(sessLw, 'SessionTimeout', 'session.LoRaWAN', 60, 172_800);
  if (sessionTimeoutS !== undefined && dlClass !== 'ClassB' && roundSessionTimeoutS(sessionTimeoutS, 'ClassC') > CLASS_C_MAX_TIMEOUT_S) {
    // the AWS console allows 18 h for class C; TS005 cannot send more than 2^15 s (lorawan-facts.md 4.2, 9.7)
    r.notes.push(`warning: session.LoRaWAN.SessionTimeout: ${sessionTimeoutS} s is longer than a TS005 class C session can last; capped at ${CLASS_C_MAX_TIMEOUT_S} s (2^15)`);
    sessionTimeoutS = CLASS_C_MAX_TIMEOUT_S;
  }
  const transmissionIntervalMs = r.int(gws, 'TransmissionInterval', 'multicastGroup.LoRaWAN.ParticipatingGateways', 0, 60_000);
  if (dlClass === 'ClassB' && transmissionIntervalMs !== undefined && transmissionIntervalMs > 0) {
    // class B sends every frame from all group gateways in one ping slot (ChirpStack storage/multicast.rs)
    r.notes.push(
      `multicastGroup.LoRaWAN.ParticipatingGateways.TransmissionInterval: ${transmissionIntervalMs} ms applies to class C only; ` +
        'a class B group sends each frame from every gateway in the same ping slot (docs/models/class-b.md)',
    );
  }
  const gatewayList = gws?.GatewayList;
  if (Array.isArray(gatewayList) && gatewayList.length > 0) {
    r.notes.push(
      `ParticipatingGateways.GatewayList names ${gatewayList.length} gateway(s) whose positions AWS does not hold: ` +
        'set gateways.positions (and multicastGroup.gateways) in the scenario',
    );
  }
  const devices =
    opts.devices ??
    r.int(groupLw, 'NumberOfDevicesInGroup', 'multicastGroup.LoRaWAN', 1, 1e7) ??
    r.int(groupLw, 'NumberOfDevicesRequested', 'multicastGroup.LoRaWAN', 1, 1e7);

  const redundancyPercent = r.int(task, 'RedundancyPercent', 'fuotaTask', 0, 100);
  const fragmentSizeBytes = r.int(task, 'FragmentSizeBytes', 'fuotaTask', 1, 255);
  let fragmentIntervalMs = r.int(task, 'FragmentIntervalMS', 'fuotaTask', 1, 1e9);
  if (fragmentIntervalMs !== undefined) {
    // AWS rounds FragmentIntervalMS to the nearest second (lorawan-facts.md 7.1)
    const rounded = Math.max(1, Math.round(fragmentIntervalMs / 1000)) * 1000;
    if (rounded !== fragmentIntervalMs) r.notes.push(`fuotaTask.FragmentIntervalMS: ${fragmentIntervalMs} ms → ${rounded} ms (AWS rounds to whole seconds)`);
    fragmentIntervalMs = rounded;
  }
  const descriptor = descriptorHex(r, task?.Descriptor);

  const { startTime, sessionStart } = booking(r, task, taskLw, sessLw, opts.leadS ?? AWS_MIN_LEAD_S);

  const image = task?.FirmwareUpdateImage;
  if (opts.firmwareSizeBytes === undefined && opts.firmwareFile === undefined) {
    r.notes.push(
      `firmware: ${typeof image === 'string' ? `the image is in S3 (${quote(image, 200)}); ` : ''}pass --firmware-file or --firmware-size, else the default size applies`,
    );
  }
  const taskName = task?.Name ?? group?.Name;
  const describe = [
    `Imported from AWS: FUOTA task ${label(task?.Name ?? task?.Id ?? '(unnamed)')}, multicast group ${label(group?.Name ?? group?.Id ?? '(unnamed)')}.`,
    ...[task?.Description, group?.Description].filter((d): d is string => typeof d === 'string' && d !== ''),
  ].join(' ').slice(0, MAX_DESCRIPTION);

  const scenario = prune({
    name: scenarioName(taskName),
    description: describe,
    region: region(r, task, group),
    startTime,
    firmware: { sizeBytes: opts.firmwareSizeBytes, file: opts.firmwareFile },
    fuotaTask: { redundancyPercent, fragmentSizeBytes, fragmentIntervalMs, mode: 'multicast', descriptor },
    multicastGroup: {
      dlClass,
      dlDr,
      dlFreq,
      pingSlotPeriod,
      sessionTimeoutS,
      transmissionIntervalMs,
      sessionStart,
    },
    devices: devices === undefined ? undefined : { count: devices },
  }) as Record<string, unknown>;
  if (r.bookkeeping.length > 0) r.notes.push(`not used by the simulation (AWS bookkeeping): ${r.bookkeeping.join(', ')}`);
  return { scenario, notes: r.notes, problems: r.problems };
}

/**
 * The booked session start (StartMulticastGroupSession SessionStartTime, else StartFuotaTask
 * LoRaWAN.StartTime) becomes `multicastGroup.sessionStart` as that ISO time, and the simulation (the
 * campaign, whose setup runs in the lead time) starts `leadS` earlier. A lead AWS would not accept
 * (under 30 min, over 48 h, also counted from the task's CreatedAt) is kept, with a warning.
 */
function booking(r: Reader, task: Obj | undefined, taskLw: Obj | undefined, sessLw: Obj | undefined, leadS: number): { startTime?: string; sessionStart?: string } {
  const sessionS = r.time(sessLw, 'SessionStartTime', 'session.LoRaWAN');
  const taskS = r.time(taskLw, 'StartTime', 'fuotaTask.LoRaWAN');
  if (sessionS !== undefined && taskS !== undefined && sessionS !== taskS) {
    r.notes.push(`fuotaTask.LoRaWAN.StartTime (${isoUtc(taskS)}) differs from session.LoRaWAN.SessionStartTime (${isoUtc(sessionS)}); the session's is used`);
  }
  const bookedS = sessionS ?? taskS;
  if (bookedS === undefined) return {};
  const leadWarning = awsLeadWarning(leadS);
  if (leadWarning) r.notes.push(`warning: --lead-time: ${leadWarning}`);
  const createdS = r.time(task, 'CreatedAt', 'fuotaTask');
  if (createdS !== undefined && bookedS - createdS < AWS_MIN_LEAD_S) {
    r.notes.push(`warning: fuotaTask.CreatedAt: ${awsLeadWarning(bookedS - createdS)} (the task was created ${bookedS - createdS} s before the session start)`);
  }
  r.notes.push(`the session is booked for ${isoUtc(bookedS)}; the simulation starts ${leadS} s earlier${leadS === AWS_MIN_LEAD_S ? ' (the AWS minimum lead)' : ''}, and setup runs in that time`);
  return { startTime: isoUtc(bookedS - leadS), sessionStart: isoUtc(bookedS) };
}

/** Drops undefined fields and objects left empty. */
function prune(v: unknown): unknown {
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x);
    if (p === undefined || (isObj(p) && Object.keys(p).length === 0)) continue;
    out[k] = p;
  }
  return out;
}
