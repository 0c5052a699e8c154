/**
 * The resolved scenario: every field present, every default filled in.
 *
 * This interface is the contract between the scenario loader (which produces it from a JSON/YAML
 * file through the schema in `schema.ts`) and the simulator (which only ever reads it). Public field
 * names follow `docs/scenarios.md` and the AWS IoT Core for LoRaWAN API (CreateFuotaTask,
 * CreateMulticastGroup, StartMulticastGroupSession) in camelCase. Units are in the names where a
 * name alone would be ambiguous.
 */

import type { FirmwareParams } from '../fuota/image/package.js';
import type { ImageApplyMode, McuProfile, McuProfileName } from '../fuota/image/energy.js';
import type { SignatureAlgorithm } from '../fuota/image/sign.js';
import type { DutyCycleModel } from '../lorawan/dutycycle.js';
import type { RegionName } from '../lorawan/regions/index.js';
import type { RadioProfile } from '../radio/energy.js';
import type { ExternalLoadParams } from '../radio/external.js';
import type { LbtParams } from '../radio/lbt.js';
import type { Demodulator } from '../radio/noise.js';
import type { PathLossModel } from '../radio/pathloss.js';
import type { RadioChip } from '../radio/sensitivity.js';
import type { ReceptionModel } from '../radio/sinr.js';
import type { BurstModel } from '../radio/types.js';

// The models own their parameter types; the scenario composes them and re-exports them here.
export type { BurstModel, DutyCycleModel, FirmwareParams, ImageApplyMode, McuProfile, McuProfileName, PathLossModel, RadioChip, RadioProfile, RegionName, SignatureAlgorithm };

export type DlClass = 'ClassB' | 'ClassC';
export type FecVariant = 'v1' | 'v2';

export type Placement =
  | { kind: 'disc'; radiusM: number; centerM: [number, number] }
  | { kind: 'ring'; minM: number; maxM: number; centerM: [number, number] }
  | { kind: 'grid'; spacingM: number; centerM: [number, number] }
  | { kind: 'list'; positions: Array<[number, number]> }
  | { kind: 'csv'; file: string };

/** How a device finds its first beacon before class B (LoRaMac-node's two acquisition states). */
export type BeaconAcquisition = 'scan' | 'by-time';

export interface McuSettings extends McuProfile {
  /** the profile the figures come from; 'none' charges no image work */
  profile: McuProfileName;
  imageApply: ImageApplyMode;
}

export interface ResolvedScenario {
  $schema?: string;
  name: string;
  description: string;
  seed: number;
  replications: number;
  region: RegionName;
  /** ISO-8601 UTC; wall-clock time of simulation time 0 */
  startTime: string;

  firmware: FirmwareParams;

  fuotaTask: {
    redundancyPercent: number;
    /** resolved: never null (the largest that fits the downlink data rate) */
    fragmentSizeBytes: number;
    fragmentIntervalMs: number;
    startTimeS: number;
    mode: 'multicast' | 'unicast';
    blockAckDelay: number;
    fec: FecVariant;
    /** TS004 FragIndex used for the session (AWS: 1 for multicast, 0 for unicast) */
    fragIndex: number;
    /** TS004 descriptor, 4 bytes hex */
    descriptor: string;
  };

  multicastGroup: {
    dlClass: DlClass;
    dlDr: number;
    dlFreq: number;
    pingSlotPeriod: number;
    sessionTimeoutS: number;
    mcAddr: string;
    /** 'all', 'cover' (the fewest gateways reaching every reachable device), or gateway ids */
    gateways: 'all' | 'cover' | number[];
    /** AWS ParticipatingGateways.TransmissionInterval: delay between successive gateways sending the same frame */
    transmissionIntervalMs: number;
    /** 'after-setup' | 'chirpstack' | seconds after the campaign start | an ISO-8601 UTC time */
    sessionStart: 'after-setup' | 'chirpstack' | number | string;
    /** devices stop listening once they have rebuilt the image (TS005 allows ending the session early) */
    stopListeningWhenDecoded: boolean;
  };

  devices: {
    count: number;
    placement: Placement;
    radio: RadioChip;
    radioProfile: RadioProfile;
    mcu: McuSettings;
    beaconAcquisition: BeaconAcquisition;
    txPowerDbm: number;
    antennaGainDbi: number;
    firmwareVersion: string;
    /** decoder memory bound: most lost uncoded fragments it can hold; null = unbounded */
    memoryFragments: number | null;
    /** RX1DROffset (AWS device profile RxDrOffset1) */
    rxDrOffset1: number;
    /** RX2 data rate (AWS RxDataRate2); resolved: the region default when not given */
    rxDataRate2: number;
    /** RX2 frequency, Hz (AWS RxFreq2 is in 100 Hz units); resolved: the region default when not given */
    rxFreq2: number;
    /** AS923 DownlinkDwellTime (TxParamSetupReq): 1 = every downlink within 400 ms */
    downlinkDwellTime: 0 | 1;
    clock: { driftPpmSigma: number; initialOffsetSigmaS: number };
    /** listen before talk (background uplinks) */
    lbt: LbtParams;
    /** shares (0..1) of the fleet that fail setup in each AWS way */
    mix: {
      noPackage: number;
      /** FragSessionSetupAns bit 0. Always set by resolveScenario; optional only for hand-built objects. */
      fragAlgoUnsupported?: number;
      notEnoughMemory: number;
      fragIndexUnsupported: number;
      wrongDescriptor: number;
      sessionCntReplay: number;
      /** FragSessionStatusAns v2 bit 0 (TS004 v2 only). Always set by resolveScenario; optional only for hand-built objects. */
      memoryError?: number;
      micError: number;
    };
  };

  gateways: {
    positions: Array<[number, number]>;
    /** US915/AU915 uplink sub-bands 1..8 the gateways listen on (AWS LoRaWANGateway.SubBands); null elsewhere */
    subBands: number[] | null;
    txPowerDbm: number;
    antennaGainDbi: number;
    dutyCycle: DutyCycleModel;
    /** LoRa demodulation paths per gateway; 0: unlimited */
    demodulators: number;
  };

  channel: {
    pathLoss: PathLossModel;
    shadowingSigmaDb: number;
    /** decorrelation distance of correlated shadowing, m; 0: independent per link */
    shadowingCorrelationM: number;
    fading: 'none' | 'rayleigh' | 'clarke';
    /** Doppler spread of clarke fading, Hz */
    dopplerHz: number;
    reception: ReceptionModel;
    demodulator: Demodulator;
    /** time-aligned copies of one downlink combine instead of interfering */
    combineCopies: boolean;
    externalLoad: ExternalLoadParams;
    burst: BurstModel;
    extraLoss: number;
    /** class B: probability that a device misses a beacon besides link loss */
    beaconExtraLoss: number;
  };

  traffic: { uplinkIntervalS: number; payloadBytes: number; uplinkDr: number | null; confirmed: boolean; nbTrans: number };

  setup: {
    /** 'classA' simulates every setup message; 'instant' assumes the fleet is set up at time 0 */
    mode: 'classA' | 'instant';
    maxRetries: number;
    /** a device answers a setup request after this delay (uplink), s */
    answerDelayS: number;
    /** clock sync: device resyncs until |error| <= this, s */
    clockSyncToleranceS: number;
    /** requests of one package share a downlink (PackageVersionReq + FragSessionSetupReq; McGroupSetupReq + session request) */
    packCommands: boolean;
  };

  completion: {
    statusRequest: boolean;
    repairRounds: number;
    unicastRepair: boolean;
    rebootDelayS: number;
  };

  simulation: {
    /** devices that also rebuild the bytes (payload decoder), check hash and signature */
    payloadSampleDevices: number;
    /** hard stop, seconds after start */
    maxDurationS: number;
  };

  outputs: { transmissions: boolean; devices: boolean; plots: boolean; report: boolean };

  sweep: Record<string, unknown[]> | null;
}
