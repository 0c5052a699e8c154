/**
 * A resolved scenario for tests, built by hand (no file, no loader): small defaults plus deep
 * overrides, so a model test states only what it is about.
 */
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { DEFAULT_RADIO_PROFILES } from '../../src/radio/energy.js';
import { MCU_PROFILES } from '../../src/fuota/image/energy.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<unknown> ? T[K] : T[K] extends object | null ? DeepPartial<T[K]> : T[K] };

const BASE: ResolvedScenario = {
  name: 'test',
  description: '',
  seed: 1,
  replications: 1,
  region: 'EU868',
  startTime: '2026-01-05T00:00:00Z',
  firmware: { sizeBytes: 4096, file: null, version: '1.4.0', signature: 'none', signingKeyFile: null, delta: null, tamperBytes: 0 },
  fuotaTask: { redundancyPercent: 10, fragmentSizeBytes: 200, fragmentIntervalMs: 1000, startTimeS: 0, mode: 'multicast', blockAckDelay: 1, fec: 'v1', fragIndex: 1, descriptor: '00000000' },
  multicastGroup: { dlClass: 'ClassC', dlDr: 5, dlFreq: 869525000, pingSlotPeriod: 128, sessionTimeoutS: 4096, mcAddr: '0x01ABCDEF', gateways: 'all', transmissionIntervalMs: 0, sessionStart: 'after-setup', stopListeningWhenDecoded: true },
  devices: {
    count: 50,
    placement: { kind: 'disc', radiusM: 2000, centerM: [0, 0] },
    radio: 'sx1276',
    radioProfile: { ...DEFAULT_RADIO_PROFILES.sx1276 },
    mcu: { profile: 'stm32l072', imageApply: 'overwrite', ...MCU_PROFILES.stm32l072 },
    beaconAcquisition: 'scan',
    txPowerDbm: 14,
    antennaGainDbi: 0,
    firmwareVersion: '1.3.0',
    memoryFragments: null,
    rxDrOffset1: 0,
    rxDataRate2: 0,
    rxFreq2: 869525000,
    downlinkDwellTime: 0,
    clock: { driftPpmSigma: 10, initialOffsetSigmaS: 5 },
    mix: { noPackage: 0, notEnoughMemory: 0, fragIndexUnsupported: 0, wrongDescriptor: 0, sessionCntReplay: 0, micError: 0 },
    lbt: { enabled: false, thresholdDbm: -80, senseMs: 5, maxBackoffMs: 1000, maxAttempts: 8 },
  },
  gateways: { positions: [[0, 0]], subBands: null, txPowerDbm: 27, antennaGainDbi: 0, dutyCycle: 'sliding-window', demodulators: 8 },
  channel: {
    pathLoss: { model: 'log-distance', d0M: 40, pl0Db: 127.41, gamma: 2.08 },
    shadowingSigmaDb: 3.57,
    shadowingCorrelationM: 0,
    fading: 'none',
    dopplerHz: 0.5,
    reception: 'threshold',
    demodulator: 'datasheet',
    combineCopies: true,
    externalLoad: { airtimeShare: 0, frameMs: 100, powerDbm: -120, powerSigmaDb: 6, spreadingFactors: [7, 8, 9, 10, 11, 12] },
    burst: { model: 'none', meanBurstS: 7, meanGapS: 140, lossGood: 0, lossBad: 0.8 },
    extraLoss: 0,
    beaconExtraLoss: 0,
  },
  traffic: { uplinkIntervalS: 900, payloadBytes: 20, uplinkDr: null, confirmed: false, nbTrans: 1 },
  setup: { mode: 'instant', maxRetries: 3, answerDelayS: 5, clockSyncToleranceS: 1, packCommands: false },
  completion: { statusRequest: false, repairRounds: 0, unicastRepair: false, rebootDelayS: 60 },
  simulation: { payloadSampleDevices: 4, maxDurationS: 604800 },
  outputs: { transmissions: false, devices: true, plots: false, report: false },
  sweep: null,
};

function merge<T>(base: T, over: unknown): T {
  if (over === undefined) return base;
  if (over === null || typeof over !== 'object' || Array.isArray(over) || base === null || typeof base !== 'object') return over as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge((base as Record<string, unknown>)[k], v);
  return out as T;
}

export function makeScenario(over: DeepPartial<ResolvedScenario> = {}): ResolvedScenario {
  return merge(BASE, over);
}
