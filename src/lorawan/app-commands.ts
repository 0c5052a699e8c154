/**
 * Byte encoders of the TS003, TS005 and TS006 commands a FUOTA campaign sends (lorawan-facts 4.2,
 * 4.3, 4.5; TS004 has its own codec in fuota/ts004/commands.ts). Each returns the FRMPayload: CID
 * then the fields, multi-byte integers little-endian. Sizes match lorawan/frames.ts.
 *
 * Layouts checked against the frames of LoRaMac-node's FUOTA interoperability test log
 * (`src/apps/LoRaMac/fuota-test-01/readme.md`): McGroupSetupReq `02 00 FE FF FF FF <16 B> 00 00 00 00
 * FF 00 00 00`, McClassCSessionReq `04 00 32 83 3E 49 07 D2 AD 84 00`, AppTimeReq `01 1E 6D 3E 49 00`.
 */

const u32 = (v: number): number[] => {
  const x = v >>> 0;
  return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24];
};
const u24 = (v: number): number[] => u32(v).slice(0, 3);

function check(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${name} ${value} is not an integer in 0..${max}`);
  return value;
}

/** TS005 CIDs (FPort 200). */
export const TS005_CID = { PackageVersion: 0x00, McGroupSetup: 0x02, McClassCSession: 0x04, McClassBSession: 0x05 } as const;
/** TS003 CIDs (FPort 202). */
export const TS003_CID = { AppTime: 0x01, ForceDeviceResync: 0x03 } as const;
/** TS006 CIDs (FPort 203). */
export const TS006_CID = { DevVersion: 0x01, DevRebootTime: 0x02 } as const;

/** McGroupSetupReq: McGroupIDHeader | McAddr | McKey_encrypted | minMcFCount | maxMcFCount (30 B). */
export function mcGroupSetupReq(groupId: number, mcAddr: number, mcKeyEncrypted: Uint8Array, minMcFCount: number, maxMcFCount: number): Uint8Array {
  if (mcKeyEncrypted.length !== 16) throw new RangeError('McKey_encrypted must be 16 bytes');
  return Uint8Array.from([TS005_CID.McGroupSetup, check('McGroupID', groupId, 3), ...u32(mcAddr), ...mcKeyEncrypted, ...u32(minMcFCount), ...u32(maxMcFCount)]);
}

/** McGroupSetupAns: McGroupID, IDerror bit 2 (2 B). */
export function mcGroupSetupAns(groupId: number, idError = false): Uint8Array {
  return Uint8Array.of(TS005_CID.McGroupSetup, check('McGroupID', groupId, 3) | (idError ? 0x04 : 0));
}

export interface McSessionReq {
  classB: boolean;
  groupId: number;
  /** GPS seconds (mod 2^32) of the session start */
  sessionTimeGpsS: number;
  /** 4 bits: class C 2^TimeOut s, class B 2^TimeOut beacon periods */
  timeOut: number;
  /** class B only: ping periodicity, 3 bits (ping period 2^p × 32 slots) */
  periodicity: number;
  dlFreqHz: number;
  dr: number;
}

/** McClassCSessionReq / McClassBSessionReq (11 B); DLFrequ is the frequency in 100 Hz steps. */
export function mcSessionReq(r: McSessionReq): Uint8Array {
  const timing = check('TimeOut', r.timeOut, 15) | (r.classB ? check('Periodicity', r.periodicity, 7) << 4 : 0);
  if (r.dlFreqHz % 100 !== 0) throw new RangeError(`DLFrequ ${r.dlFreqHz} Hz is not a multiple of 100 Hz`);
  return Uint8Array.from([
    r.classB ? TS005_CID.McClassBSession : TS005_CID.McClassCSession,
    check('McGroupID', r.groupId, 3),
    ...u32(r.sessionTimeGpsS),
    timing,
    ...u24(check('DLFrequ', r.dlFreqHz / 100, 0xffffff)),
    check('DR', r.dr, 15),
  ]);
}

/** McClassC/BSessionAns without error: Status&McGroupID | TimeToStart (3 B, seconds) (5 B). */
export function mcSessionAns(classB: boolean, groupId: number, timeToStartS: number): Uint8Array {
  return Uint8Array.from([classB ? TS005_CID.McClassBSession : TS005_CID.McClassCSession, check('McGroupID', groupId, 3), ...u24(check('TimeToStart', timeToStartS, 0xffffff))]);
}

/** TS003 AppTimeReq: DeviceTime (GPS s) | Param (TokenReq bits 3..0, AnsRequired bit 4) (6 B). */
export function appTimeReq(deviceTimeGpsS: number, tokenReq: number, ansRequired: boolean): Uint8Array {
  return Uint8Array.from([TS003_CID.AppTime, ...u32(deviceTimeGpsS), check('TokenReq', tokenReq, 15) | (ansRequired ? 0x10 : 0)]);
}

/** TS003 AppTimeAns: TimeCorrection (signed s) | Param (TokenAns bits 3..0) (6 B). */
export function appTimeAns(timeCorrectionS: number, tokenAns: number): Uint8Array {
  if (!Number.isInteger(timeCorrectionS) || timeCorrectionS < -(2 ** 31) || timeCorrectionS >= 2 ** 31) throw new RangeError(`TimeCorrection ${timeCorrectionS} is not a signed 32-bit integer`);
  return Uint8Array.from([TS003_CID.AppTime, ...u32(timeCorrectionS), check('TokenAns', tokenAns, 15)]);
}

/** TS003 ForceDeviceResyncReq: NbTransmissions (bits 2..0) (2 B). */
export function forceDeviceResyncReq(nbTransmissions: number): Uint8Array {
  return Uint8Array.of(TS003_CID.ForceDeviceResync, check('NbTransmissions', nbTransmissions, 7));
}

/** TS006 DevVersionReq (1 B). */
export function devVersionReq(): Uint8Array {
  return Uint8Array.of(TS006_CID.DevVersion);
}

/** TS006 DevVersionAns: FW version (4) | HW version (4) (9 B). */
export function devVersionAns(fwVersion: number, hwVersion: number): Uint8Array {
  return Uint8Array.from([TS006_CID.DevVersion, ...u32(fwVersion), ...u32(hwVersion)]);
}

/** TS006 DevRebootTimeReq: RebootTime (GPS s) (5 B). */
export function devRebootTimeReq(rebootTimeGpsS: number): Uint8Array {
  return Uint8Array.from([TS006_CID.DevRebootTime, ...u32(rebootTimeGpsS)]);
}

/** TS006 DevRebootTimeAns: the seconds left before the reboot, 0 for a time already past (5 B). */
export function devRebootTimeAns(secondsLeft: number): Uint8Array {
  return Uint8Array.from([TS006_CID.DevRebootTime, ...u32(Math.max(0, Math.floor(secondsLeft)))]);
}

/**
 * A version string "major.minor.patch" as the 32-bit number TS006 carries: major in the top byte,
 * minor in the next, patch in the low 16 bits (our encoding: TS006 leaves the format to the vendor).
 */
export function versionNumber(version: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return 0;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (((Math.min(major, 255) << 24) >>> 0) + (Math.min(minor, 255) << 16) + Math.min(patch, 0xffff)) >>> 0;
}
