/** A small hand-made RunResult with known numbers, for the output tests. */
import type { ResolvedScenario } from '../../src/scenario/types.js';
import { MCU_PROFILES } from '../../src/fuota/image/energy.js';
import { NO_REASON } from '../../src/sim/diagnosis.js';
import { REASONS, type DeviceStatus, type RunResult, type Summary } from '../../src/sim/types.js';

export function sampleScenario(): ResolvedScenario {
  return {
    name: 'sample-town',
    description: 'three devices, two gateways',
    seed: 7,
    replications: 1,
    region: 'EU868',
    startTime: '2025-01-01T00:00:00Z',
    firmware: { sizeBytes: 1000, file: null, version: '1.4.0', signature: 'none', signingKeyFile: null, delta: null, tamperBytes: 0 },
    fuotaTask: {
      redundancyPercent: 10, fragmentSizeBytes: 200, fragmentIntervalMs: 1000, startTimeS: 0, mode: 'multicast',
      blockAckDelay: 1, fec: 'v1', fragIndex: 1, descriptor: '00000000',
    },
    multicastGroup: {
      dlClass: 'ClassC', dlDr: 5, dlFreq: 869525000, pingSlotPeriod: 32, sessionTimeoutS: 3600, mcAddr: '01020304',
      gateways: 'all', transmissionIntervalMs: 0, sessionStart: 'after-setup', stopListeningWhenDecoded: true,
    },
    devices: {
      count: 3,
      placement: { kind: 'list', positions: [[0, 0], [100.5, -20], [-250, 300.25]] },
      radio: 'sx1276',
      radioProfile: { supplyV: 3.3, sleepA: 1e-6, standbyA: 0.0016, rxA: 0.0118, txA: 0.12, wakeupMs: 1 },
      mcu: { profile: 'stm32l072', imageApply: 'overwrite', ...MCU_PROFILES.stm32l072 },
      beaconAcquisition: 'scan',
      txPowerDbm: 14, antennaGainDbi: 0, firmwareVersion: '1.3.0', memoryFragments: null,
      rxDrOffset1: 0, rxDataRate2: 0, rxFreq2: 869525000, downlinkDwellTime: 0,
      clock: { driftPpmSigma: 0, initialOffsetSigmaS: 0 },
      mix: { noPackage: 0, notEnoughMemory: 0, fragIndexUnsupported: 0, wrongDescriptor: 0, sessionCntReplay: 0, micError: 0 },
      lbt: { enabled: false, thresholdDbm: -80, senseMs: 5, maxBackoffMs: 1000, maxAttempts: 8 },
    },
    gateways: { positions: [[0, 0], [500, 0]], subBands: null, txPowerDbm: 27, antennaGainDbi: 0, dutyCycle: 'sliding-window', demodulators: 8 },
    channel: {
      pathLoss: { model: 'log-distance', d0M: 40, pl0Db: 127.41, gamma: 2.08 },
      shadowingSigmaDb: 0, shadowingCorrelationM: 0, fading: 'none', dopplerHz: 0.5, reception: 'threshold', demodulator: 'datasheet', combineCopies: true,
      externalLoad: { airtimeShare: 0, frameMs: 100, powerDbm: -120, powerSigmaDb: 6, spreadingFactors: [7, 8, 9, 10, 11, 12] },
      burst: { model: 'none', meanBurstS: 7, meanGapS: 140, lossGood: 0, lossBad: 0 },
      extraLoss: 0, beaconExtraLoss: 0,
    },
    traffic: { uplinkIntervalS: 0, payloadBytes: 10, uplinkDr: null, confirmed: false, nbTrans: 1 },
    setup: { mode: 'instant', maxRetries: 3, answerDelayS: 1, clockSyncToleranceS: 1, packCommands: false },
    completion: { statusRequest: true, repairRounds: 0, unicastRepair: false, rebootDelayS: 10 },
    simulation: { payloadSampleDevices: 1, maxDurationS: 86400 },
    outputs: { transmissions: false, devices: true, plots: false, report: false },
    sweep: null,
  };
}

export function sampleSummary(): Summary {
  return {
    devices: 3, devicesUpdated: 2, updatedRatio: 2 / 3,
    setupDurationS: 0, distributionDurationS: 7.5, campaignDurationS: 9.25,
    timeTo50S: 5.5, timeTo90S: null, timeTo95S: null, timeTo99S: null, timeToAllS: null,
    nbFrag: 5, fragmentsCoded: 1, fragmentsSent: 6, fragmentSizeBytes: 200, paddingBytes: 0,
    downlinkAirtimeS: 2.3669760000000003, uplinkAirtimeS: 0.1, maxDutyCycle: 0.000657493, dutyCycleWaitS: 0,
    energyMeanJ: 0.123456789, energyP95J: 0.2, energyMaxJ: 0.2,
    uplinks: 2, uplinkCollisions: 0, backgroundPdr: null, events: 42,
    devicesRebuilt: 2,
    statusCounts: {
      Initial: 0, Package_Not_Supported: 0, FragAlgo_unsupported: 0, Not_enough_memory: 0, FragIndex_unsupported: 0, Wrong_descriptor: 0,
      SessionCnt_replay: 0, MissingFrag: 1, MemoryError: 0, MICError: 0, Successful: 2,
    },
    sessionStartS: 1, fleetReadyS: 0, idleBeforeSessionS: 1, leadTimeFor90S: 0, leadTimeFor95S: 0, leadTimeFor99S: 0,
    timeTo50FromSessionS: 4.5, timeTo90FromSessionS: null, timeTo95FromSessionS: null, timeTo99FromSessionS: null, timeToAllFromSessionS: null,
    reasons: { deviceRefused: 0, noCoverage: 0, notConfirmed: 0, setupTooLate: 0, setupFailed: 0, outOfReach: 0, missingFragments: 1 },
    reachDr: null, reachDrDevices: null, redundancyNeededPercent: 100,
  };
}

export function sampleResult(): RunResult {
  const status: DeviceStatus[] = ['Successful', 'MissingFrag', 'Successful'];
  return {
    scenario: sampleScenario(),
    simulatorVersion: '0.1.0',
    summary: sampleSummary(),
    devices: {
      count: 3,
      xM: Float64Array.from([0, 100.5, -250]),
      yM: Float64Array.from([0, -20, 300.25]),
      gateway: Int32Array.from([0, 0, 1]),
      rssiDbm: Float64Array.from([-80.123456789, -95, -110.5]),
      snrDb: Float64Array.from([9.5, 2, -7.25]),
      fragmentsReceived: Int32Array.from([6, 3, 5]),
      fragmentsNeeded: Int32Array.from([5, -1, 5]),
      decodedAtS: Float64Array.from([5.5, NaN, 7.000001]),
      status,
      energyJ: Float64Array.from([0.1, 0.07, 0.2]),
      energyRxJ: Float64Array.from([0.08, 0.05, 0.15]),
      energyTxJ: Float64Array.from([0.01, 0.01, 0.03]),
      energySleepJ: Float64Array.from([0.01, 0.01, 0.02]),
      energyStandbyJ: Float64Array.from([0, 0, 0]),
      energyStoreJ: Float64Array.from([0, 0, 0]),
      energyVerifyJ: Float64Array.from([0, 0, 0]),
      energyApplyJ: Float64Array.from([0, 0, 0]),
      reason: Uint8Array.from([NO_REASON, REASONS.indexOf('missingFragments'), NO_REASON]),
    },
    transmissions: {
      count: 3,
      startUs: Float64Array.from([1_000_000, 2_000_000, 2_500_000]),
      airtimeUs: Float64Array.from([394_496, 394_496, 61_696]),
      node: Int32Array.from([0, 1, -3]),
      kind: Uint8Array.from([0, 0, 4]),
      frequencyHz: Float64Array.from([869_525_000, 869_525_000, 868_100_000]),
      dr: Uint8Array.from([5, 5, 5]),
      sf: Uint8Array.from([7, 7, 7]),
      bwHz: Float64Array.from([125_000, 125_000, 125_000]),
      phyPayloadBytes: Uint16Array.from([216, 216, 23]),
      fragmentIndex: Uint16Array.from([1, 2, 0]),
    },
    dutyCycle: {
      binS: 5,
      series: [
        { gateway: 0, subBand: 'P', airtimeS: Float64Array.from([0.394496, 0.788992]) },
        { gateway: 1, subBand: 'P', airtimeS: Float64Array.from([0, 1.183488]) },
      ],
    },
    phases: [
      { phase: 'setup', startS: 0, endS: 0 },
      { phase: 'distribution', startS: 0, endS: 7.5 },
      { phase: 'status', startS: 7.5, endS: 9.25 },
    ],
    timing: { wallTimeS: 0.25, peakRssBytes: 123_456_789 },
  };
}

/** A small deterministic generator for synthetic fleets (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A plausible synthetic run of `n` class C devices in a 3 km disc around three gateways: far
 * devices decode later, about 4 % never do. For plot, report and browser tests.
 */
export function syntheticResult(n: number, seed = 1): RunResult {
  const r = rng(seed);
  const base = sampleResult();
  const gws: Array<[number, number]> = [[0, 0], [1800, 600], [-900, -1500]];
  const xM = new Float64Array(n);
  const yM = new Float64Array(n);
  const decodedAtS = new Float64Array(n);
  const energyJ = new Float64Array(n);
  const status: RunResult['devices']['status'] = [];
  const gateway = new Int32Array(n);
  const reason = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const rad = 3000 * Math.sqrt(r());
    const ang = 2 * Math.PI * r();
    xM[i] = Math.round(rad * Math.cos(ang) * 10) / 10;
    yM[i] = Math.round(rad * Math.sin(ang) * 10) / 10;
    let best = Infinity;
    gws.forEach(([gx, gy], g) => {
      const d = Math.hypot(xM[i] - gx, yM[i] - gy);
      if (d < best) [best, gateway[i]] = [d, g];
    });
    const fails = r() < 0.02 + 0.05 * (best / 3000) ** 2;
    decodedAtS[i] = fails ? NaN : 1900 + best * 0.25 + r() * 300 * (best / 3000) ** 2;
    status.push(fails ? (r() < 0.8 ? 'MissingFrag' : 'MICError') : 'Successful');
    reason[i] = !fails ? NO_REASON : REASONS.indexOf(status[i] === 'MICError' ? 'deviceRefused' : 'missingFragments');
    energyJ[i] = 0.4 + (fails ? 2600 : decodedAtS[i]) * 0.000198 + r() * 0.02;
  }
  const zeros = (): Float64Array => new Float64Array(n);
  const bins = 60;
  const airtime = (phase: number): Float64Array =>
    Float64Array.from({ length: bins }, (_, b) => (b >= 3 && b < 46 ? 6.2 + 1.2 * Math.sin(b / 3 + phase) : 0));
  const done = Array.from(decodedAtS).filter((t, i) => status[i] === 'Successful').sort((a, b) => a - b);
  const timeTo = (share: number): number | null => done[Math.ceil(share * n) - 1] ?? null;
  return {
    ...base,
    summary: { ...base.summary, devices: n, devicesUpdated: done.length, updatedRatio: done.length / n, campaignDurationS: 3000, timeTo90S: timeTo(0.9), timeTo95S: timeTo(0.95) },
    devices: {
      count: n, xM, yM, gateway, rssiDbm: zeros(), snrDb: zeros(), fragmentsReceived: new Int32Array(n),
      fragmentsNeeded: new Int32Array(n), decodedAtS, status, energyJ, energyRxJ: zeros(), energyTxJ: zeros(), energySleepJ: zeros(),
      energyStandbyJ: zeros(), energyStoreJ: zeros(), energyVerifyJ: zeros(), energyApplyJ: zeros(), reason,
    },
    scenario: { ...base.scenario, gateways: { ...base.scenario.gateways, positions: gws } },
    dutyCycle: {
      binS: 60,
      series: gws.map((_, g) => Object.assign({ gateway: g, subBand: 'P', airtimeS: airtime(g) }, { limit: 0.1 })),
    },
    phases: [
      { phase: 'setup', startS: 0, endS: 160 },
      { phase: 'distribution', startS: 160, endS: 2760 },
      { phase: 'status', startS: 2760, endS: 2950 },
      { phase: 'apply', startS: 2950, endS: 3160 },
    ],
  };
}
