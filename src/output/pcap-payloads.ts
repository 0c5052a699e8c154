/**
 * The application payload (FPort and FRMPayload in clear) of each campaign message in the frame
 * capture: the real TS003/TS004/TS005/TS006 command bytes with the run's values, and the run's
 * fragments (docs/models/pcap.md lists where a value is not known to the log and how it is filled).
 *
 * Called in time order; it keeps the little device state the commands need (TS003 token, the clock
 * the device reports, the reboot time it was given).
 */
import { appTimeAns, appTimeReq, devRebootTimeAns, devRebootTimeReq, devVersionAns, devVersionReq, forceDeviceResyncReq, mcGroupSetupAns, mcGroupSetupReq, mcSessionAns, mcSessionReq, versionNumber } from '../lorawan/app-commands.js';
import { FPORTS } from '../lorawan/frames.js';
import type { SessionKeys } from '../lorawan/session-keys.js';
import { encodeCommand } from '../fuota/ts004/commands.js';
import { codedFragment, padData } from '../fuota/ts004/encoder.js';
import { fromHex } from '../fuota/ts004/hex.js';
import { dataBlockMic, deriveDataBlockIntKey } from '../fuota/ts004/mic.js';
import { ParityRowCache } from '../fuota/ts004/rows.js';
import type { FragmentPlan } from '../fuota/ts004/sizing.js';
import type { DeviceClocks } from '../sim/campaign/clock.js';
import { Msg } from '../sim/campaign/messages.js';
import type { DeviceStatus, DeviceTable } from '../sim/types.js';
import type { ResolvedScenario } from '../scenario/types.js';

/** Application port of the background uplinks (LoRaMac-node's FUOTA test application sends its own data on FPort 1). */
export const BACKGROUND_FPORT = 1;
const MC_GROUP_ID = 0;
/** ChirpStack v4 (`fuota/flow.rs`) sets up the group with McFCount range 0 .. 2^32 − 1. */
const MAX_MC_FCOUNT = 0xffffffff;

export interface Payload {
  fPort: number | null;
  payload: Uint8Array;
}

export interface PayloadInputs {
  s: ResolvedScenario;
  plan: FragmentPlan;
  /** exactly what is fragmented (the firmware package) */
  data: Uint8Array;
  keys: SessionKeys;
  gpsEpochUs: number;
  sessionStartUs: number;
  devices: DeviceTable;
  /** the FragSessionSetupAns error a device answered with, or null */
  setupFailure: (d: number) => DeviceStatus | null;
  /** device clocks as at the start of the run (fresh, uncorrected) */
  clocks: DeviceClocks;
}

const port = (fPort: number, payload: Uint8Array): Payload => ({ fPort, payload });

export class MessagePayloads {
  private readonly v: 1 | 2;
  private readonly padded: Uint8Array;
  private readonly rows: ParityRowCache;
  private readonly coded = new Map<number, Uint8Array>();
  /** the session's TS004 FragIndex and Descriptor (fuotaTask.fragIndex, fuotaTask.descriptor) */
  private readonly fragIndex: number;
  private readonly descriptor: Uint8Array;
  private readonly token: Uint8Array;
  private readonly rebootAtS: Float64Array;
  private readonly setupMic = new Map<number, Uint8Array>();

  constructor(private readonly x: PayloadInputs) {
    const n = x.devices.count;
    this.v = x.s.fuotaTask.fec === 'v2' ? 2 : 1;
    this.padded = padData(x.data, x.s.fuotaTask.fragmentSizeBytes);
    this.rows = new ParityRowCache(x.s.fuotaTask.fec, x.plan.nbFrag);
    this.descriptor = fromHex(x.s.fuotaTask.descriptor);
    this.fragIndex = x.s.fuotaTask.fragIndex;
    this.token = new Uint8Array(n);
    this.rebootAtS = new Float64Array(n);
  }

  /** Fragment N's FragSize bytes: uncoded for N ≤ M, else coded row N − M. */
  fragment(n: number): Uint8Array {
    const size = this.x.s.fuotaTask.fragmentSizeBytes;
    const m = this.x.plan.nbFrag;
    if (n <= m) return this.padded.subarray((n - 1) * size, n * size);
    let f = this.coded.get(n);
    if (!f) {
      if (this.coded.size > 4096) this.coded.clear();
      f = codedFragment(this.padded, size, n - m, this.x.s.fuotaTask.fec, this.rows);
      this.coded.set(n, f);
    }
    return f;
  }

  /** A multicast frame: FragSessionStatusReq (N = 0) or DataFragment N. */
  multicast(n: number): Payload {
    if (n === 0) return port(FPORTS.fragmentation, encodeCommand({ name: 'FragSessionStatusReq', fragIndex: this.fragIndex, participants: true }, this.v));
    return port(FPORTS.fragmentation, encodeCommand({ name: 'DataFragment', fragIndex: this.fragIndex, n, payload: this.fragment(n) }, this.v));
  }

  private gpsS(simUs: number): number {
    return Math.floor((this.x.gpsEpochUs + simUs) / 1e6);
  }

  /** A class A downlink to device d; `endUs`: when the frame ends. */
  downlink(code: number, d: number, arg: number, endUs: number): Payload {
    const { s, keys, plan } = this.x;
    switch (code) {
      case Msg.PackageVersionReq: return port(FPORTS.fragmentation, encodeCommand({ name: 'PackageVersionReq' }, this.v));
      case Msg.McGroupSetupReq: return port(FPORTS.multicastSetup, mcGroupSetupReq(MC_GROUP_ID, keys.mcAddr, keys.mcKeyEncryptedFor(d), 0, MAX_MC_FCOUNT));
      case Msg.FragSessionSetupReq: return port(FPORTS.fragmentation, this.fragSessionSetupReq(d));
      case Msg.ForceDeviceResyncReq: return port(FPORTS.clockSync, forceDeviceResyncReq(Math.min(7, s.setup.maxRetries + 2)));
      case Msg.AppTimeAns: {
        const token = this.token[d];
        this.token[d] = (token + 1) & 0x0f; // the device moves to the next token once answered
        this.x.clocks.apply(d, endUs, arg);
        return port(FPORTS.clockSync, appTimeAns(arg, token));
      }
      case Msg.McSessionReq: return port(FPORTS.multicastSetup, mcSessionReq(this.sessionReq()));
      case Msg.DataFragment: return port(FPORTS.fragmentation, encodeCommand({ name: 'DataFragment', fragIndex: this.fragIndex, n: arg, payload: this.fragment(arg) }, this.v));
      case Msg.FragSessionStatusReq: return port(FPORTS.fragmentation, encodeCommand({ name: 'FragSessionStatusReq', fragIndex: this.fragIndex, participants: true }, this.v));
      case Msg.FragSessionDeleteReq: return port(FPORTS.fragmentation, encodeCommand({ name: 'FragSessionDeleteReq', fragIndex: this.fragIndex }, this.v));
      case Msg.DevRebootTimeReq:
        this.rebootAtS[d] = arg;
        return port(FPORTS.firmwareManagement, devRebootTimeReq(this.gpsS(arg * 1e6)));
      case Msg.DevVersionReq: return port(FPORTS.firmwareManagement, devVersionReq());
      default: throw new Error(`internal: no downlink payload for message ${code} (nbFrag ${plan.nbFrag})`);
    }
  }

  /** An uplink of device d ending at endUs; `code` 0: background traffic of `frmBytes` bytes. */
  uplink(code: number, d: number, endUs: number, frmBytes: number, appTimeCorrection: number | null): Payload {
    const { s } = this.x;
    const classB = s.multicastGroup.dlClass === 'ClassB';
    switch (code) {
      case 0: return port(BACKGROUND_FPORT, new Uint8Array(frmBytes)); // content unknown to the simulator: zeros
      case Msg.EmptyUplink: return { fPort: null, payload: new Uint8Array(0) };
      case Msg.PackageVersionAns: return port(FPORTS.fragmentation, encodeCommand({ name: 'PackageVersionAns', packageIdentifier: 3, packageVersion: this.v }, this.v));
      case Msg.McGroupSetupAns: return port(FPORTS.multicastSetup, mcGroupSetupAns(MC_GROUP_ID));
      case Msg.FragSessionSetupAns: return port(FPORTS.fragmentation, this.fragSessionSetupAns(d));
      case Msg.AppTimeReq: {
        // DeviceTime: what the server's answer implies when there is one, else the device's clock
        const gps = this.gpsS(endUs);
        const deviceTime = appTimeCorrection !== null ? gps - appTimeCorrection : Math.floor((this.x.gpsEpochUs + endUs + this.x.clocks.errorAtUs(d, endUs)) / 1e6);
        return port(FPORTS.clockSync, appTimeReq(deviceTime, this.token[d], true));
      }
      case Msg.McSessionAns: return port(FPORTS.multicastSetup, mcSessionAns(classB, MC_GROUP_ID, Math.max(0, Math.floor((this.x.sessionStartUs - endUs) / 1e6))));
      case Msg.FragSessionStatusAns:
      case Msg.CompletionReport: return port(FPORTS.fragmentation, this.fragSessionStatusAns(d));
      case Msg.FragSessionDeleteAns: return port(FPORTS.fragmentation, encodeCommand({ name: 'FragSessionDeleteAns', fragIndex: this.fragIndex, sessionDoesNotExist: false }, this.v));
      case Msg.DevRebootTimeAns: return port(FPORTS.firmwareManagement, devRebootTimeAns(this.rebootAtS[d] - endUs / 1e6));
      case Msg.DevVersionAns: return port(FPORTS.firmwareManagement, devVersionAns(versionNumber(s.firmware.version), 0));
      default: throw new Error(`internal: no uplink payload for message ${code}`);
    }
  }

  private sessionReq() {
    const { s, sessionStartUs } = this.x;
    const g = s.multicastGroup;
    const classB = g.dlClass === 'ClassB';
    // TimeOut: the smallest t with 2^t ≥ the session length (class B counts 128 s beacon periods)
    const units = classB ? g.sessionTimeoutS / 128 : g.sessionTimeoutS;
    const timeOut = Math.min(15, Math.max(0, Math.ceil(Math.log2(Math.max(1, units)))));
    return {
      classB,
      groupId: MC_GROUP_ID,
      sessionTimeGpsS: this.gpsS(sessionStartUs),
      timeOut,
      periodicity: classB ? Math.round(Math.log2(g.pingSlotPeriod / 32)) : 0,
      dlFreqHz: g.dlFreq,
      dr: g.dlDr,
    };
  }

  private fragSessionSetupReq(d: number): Uint8Array {
    const { s, plan, keys, data } = this.x;
    const base = {
      name: 'FragSessionSetupReq' as const,
      fragIndex: this.fragIndex,
      mcGroupBitMask: s.fuotaTask.mode === 'multicast' ? 1 << MC_GROUP_ID : 0,
      nbFrag: plan.nbFrag,
      fragSize: s.fuotaTask.fragmentSizeBytes,
      fragAlgo: 0,
      blockAckDelay: s.fuotaTask.blockAckDelay,
      padding: plan.paddingBytes,
      descriptor: this.descriptor,
    };
    if (this.v === 1) return encodeCommand(base, 1);
    let mic = this.setupMic.get(d);
    if (!mic) {
      // TS004 v2: the data block MIC under the device's DataBlockIntKey (from its GenAppKey)
      mic = dataBlockMic({ dataBlockIntKey: deriveDataBlockIntKey(keys.genAppKey(d)), sessionCnt: 0, fragIndex: this.fragIndex, descriptor: this.descriptor, data });
      this.setupMic.set(d, mic);
    }
    return encodeCommand({ ...base, sessionCnt: 0, mic }, 2);
  }

  private fragSessionSetupAns(d: number): Uint8Array {
    const failure = this.x.setupFailure(d);
    return encodeCommand({
      name: 'FragSessionSetupAns',
      fragIndex: this.fragIndex,
      fragAlgoUnsupported: failure === 'FragAlgo_unsupported',
      notEnoughMemory: failure === 'Not_enough_memory',
      fragIndexUnsupported: failure === 'FragIndex_unsupported',
      wrongDescriptor: failure === 'Wrong_descriptor',
      ...(this.v === 2 ? { sessionCntReplay: failure === 'SessionCnt_replay' } : {}),
    }, this.v);
  }

  /** The device's counts at the end of the run (the log does not keep them per answer). */
  private fragSessionStatusAns(d: number): Uint8Array {
    const { devices, plan } = this.x;
    const received = Math.min(0x3fff, devices.fragmentsReceived[d]);
    const missing = devices.fragmentsNeeded[d] >= 0 ? 0 : Math.min(255, Math.max(0, plan.nbFrag - devices.fragmentsReceived[d]));
    const status = devices.status[d];
    return encodeCommand({
      name: 'FragSessionStatusAns',
      fragIndex: this.fragIndex,
      nbFragReceived: received,
      missingFrag: missing,
      memoryError: status === 'MemoryError',
      ...(this.v === 2 ? { micError: status === 'MICError' } : {}),
    }, this.v);
  }
}
