/**
 * Human names for what plots and reports show: swept scenario paths (`fuotaTask.redundancyPercent`
 * → "Redundancy (%)") and summary metrics (`timeTo90S` → "Time to 90 % updated"), with the kind of
 * quantity each metric is, so that durations get minutes or hours and shares a percent axis.
 */

/** Titles of the scenario paths people sweep; others are derived from the field name (parameterTitle). */
const PARAMETER_TITLES: Record<string, string> = {
  'multicastGroup.dlClass': 'Class',
  'multicastGroup.dlDr': 'Downlink data rate (DR)',
  'multicastGroup.dlFreq': 'Downlink frequency (Hz)',
  'multicastGroup.pingSlotPeriod': 'Ping-slot period (slots of 30 ms)',
  'multicastGroup.sessionTimeoutS': 'Session timeout (s)',
  'multicastGroup.transmissionIntervalMs': 'Gateway stagger (ms)',
  'multicastGroup.gateways': 'Gateways used',
  'fuotaTask.redundancyPercent': 'Redundancy (%)',
  'fuotaTask.fragmentSizeBytes': 'Fragment size (bytes)',
  'fuotaTask.fragmentIntervalMs': 'Fragment interval (ms)',
  'fuotaTask.fec': 'FEC parity rows',
  'fuotaTask.mode': 'Addressing',
  'fuotaTask.blockAckDelay': 'BlockAckDelay',
  'firmware.sizeBytes': 'Image size (bytes)',
  'devices.count': 'Devices',
  'devices.radio': 'Device radio',
  'devices.placement.radiusM': 'Fleet radius (m)',
  'gateways.count': 'Gateways',
  'gateways.txPowerDbm': 'Gateway TX power (dBm)',
  'channel.extraLoss': 'Extra frame loss',
  'channel.shadowingSigmaDb': 'Shadowing σ (dB)',
  'traffic.uplinkIntervalS': 'Background uplink interval (s)',
  region: 'Region',
  seed: 'Seed',
};

/** Unit suffixes of field names (the repository's naming rule: names carry units). */
const UNIT_SUFFIXES: Array<[RegExp, string]> = [
  [/Percent$/, '%'], [/Bytes$/, 'bytes'], [/Ms$/, 'ms'], [/Us$/, 'µs'], [/Dbm$/, 'dBm'], [/Dbi$/, 'dBi'],
  [/Db$/, 'dB'], [/Hz$/, 'Hz'], [/M$/, 'm'], [/S$/, 's'], [/J$/, 'J'],
];

/** `fragmentIntervalMs` → `Fragment interval (ms)`: words from camelCase, the unit from the suffix. */
function fromFieldName(name: string): string {
  let unit = '';
  let stem = name;
  for (const [re, u] of UNIT_SUFFIXES) {
    if (re.test(name) && name.length > u.length + 1) {
      stem = name.replace(re, '');
      unit = u;
      break;
    }
  }
  const words = stem.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return unit ? `${title} (${unit})` : title;
}

/** The axis or legend title of a swept dotted path. */
export function parameterTitle(path: string): string {
  return PARAMETER_TITLES[path] ?? fromFieldName(path.slice(path.lastIndexOf('.') + 1));
}

/** The titles of several swept paths joined for a legend: `Class, Redundancy (%)`. */
export function parametersTitle(paths: readonly string[], fallback: string): string {
  return paths.map(parameterTitle).join(', ') || fallback;
}

/** What a metric measures, which decides its axis: time, a share of devices, energy or a plain number. */
export type MetricKind = 'duration' | 'share' | 'energy' | 'number';

export interface MetricInfo {
  /** title without unit, e.g. "Time to 90 % updated, from the session start" */
  title: string;
  kind: MetricKind;
  /** for shares of the fleet: the summary metric that counts the devices behind the share */
  countMetric?: string;
}

const METRICS: Record<string, MetricInfo> = {
  updatedRatio: { title: 'Devices updated (Successful)', kind: 'share', countMetric: 'devicesUpdated' },
  devicesUpdated: { title: 'Devices updated (Successful)', kind: 'number' },
  devicesRebuilt: { title: 'Devices that rebuilt the image', kind: 'number' },
  setupDurationS: { title: 'Setup duration', kind: 'duration' },
  distributionDurationS: { title: 'Distribution duration', kind: 'duration' },
  campaignDurationS: { title: 'Campaign duration', kind: 'duration' },
  sessionStartS: { title: 'Session start, from the campaign start', kind: 'duration' },
  fleetReadyS: { title: 'Fleet set up, from the campaign start', kind: 'duration' },
  idleBeforeSessionS: { title: 'Idle wait before the session', kind: 'duration' },
  downlinkAirtimeS: { title: 'Downlink airtime', kind: 'duration' },
  uplinkAirtimeS: { title: 'Uplink airtime', kind: 'duration' },
  dutyCycleWaitS: { title: 'Duty-cycle wait', kind: 'duration' },
  maxDutyCycle: { title: 'Highest duty cycle of a gateway sub-band', kind: 'share' },
  backgroundPdr: { title: 'Background uplinks delivered', kind: 'share' },
  energyMeanJ: { title: 'Mean energy per device', kind: 'energy' },
  energyP95J: { title: 'Energy per device, 95th percentile', kind: 'energy' },
  energyMaxJ: { title: 'Highest energy of a device', kind: 'energy' },
  fragmentsSent: { title: 'Fragments sent', kind: 'number' },
  uplinkCollisions: { title: 'Uplinks lost to collisions', kind: 'number' },
};

/** Title and kind of a summary metric (`timeTo90S`, `timeTo90FromSessionS`, `leadTimeFor95S`, …). */
export function metricInfo(metric: string): MetricInfo {
  const known = METRICS[metric];
  if (known) return known;
  const to = /^timeTo(\d+|All)(FromSession)?S$/.exec(metric);
  if (to) {
    const share = to[1] === 'All' ? 'all' : `${to[1]} %`;
    return { title: `Time to ${share} updated, from the ${to[2] ? 'session' : 'campaign'} start`, kind: 'duration' };
  }
  const lead = /^leadTimeFor(\d+)S$/.exec(metric);
  if (lead) return { title: `Booking lead to set up ${lead[1]} %`, kind: 'duration' };
  const kind: MetricKind = /S$/.test(metric) ? 'duration' : /J$/.test(metric) ? 'energy' : 'number';
  return { title: fromFieldName(metric.replace(/[SJ]$/, '')), kind };
}
