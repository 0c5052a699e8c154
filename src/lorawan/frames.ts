/**
 * LoRaWAN frame and application-package command sizes, in bytes.
 *
 * Sources: LoRaWAN framing (lorawan-facts.md 1.2): MHDR 1 + FHDR 7 (no FOpts) + FPort 1 + MIC 4;
 * TS003 clock sync (4.3), TS004 fragmentation (4.4), TS005 multicast setup (4.2), TS006 firmware
 * management (4.5), as implemented by LoRaMac-node `Lmhp*.c` and ChirpStack `lrwn/src/applayer`.
 * Command sizes below include the 1-byte CID; they are application payloads (FRMPayload).
 */

/** MHDR (1) + FHDR without FOpts (7) + FPort (1) + MIC (4) */
export const FRAME_OVERHEAD_BYTES = 13;
/** MHDR (1) + MIC (4): PHYPayload = MACPayload + 5 */
export const MHDR_MIC_BYTES = 5;

/** Default FPorts (AWS IoT Core for LoRaWAN, section 7.1; TS006 uses 203). */
export const FPORTS = { multicastSetup: 200, fragmentation: 201, clockSync: 202, firmwareManagement: 203 } as const;

/** PHYPayload size of a data frame with FPort and no FOpts. */
export function dataFramePhyBytes(frmPayloadBytes: number): number {
  if (!Number.isInteger(frmPayloadBytes) || frmPayloadBytes < 0) throw new RangeError(`frmPayloadBytes must be a non-negative integer, got ${frmPayloadBytes}`);
  return frmPayloadBytes + FRAME_OVERHEAD_BYTES;
}

/** TS004 DataFragment (4.4): CID (1) + IndexAndN (2) + fragment. */
export function dataFragmentPayloadBytes(fragSizeBytes: number): number {
  return fragSizeBytes + 3;
}

/** PHYPayload of a DataFragment frame: fragSize + 3 + 13 (section 1.4 extra checks). */
export function dataFragmentPhyBytes(fragSizeBytes: number): number {
  return dataFramePhyBytes(dataFragmentPayloadBytes(fragSizeBytes));
}

/** Largest TS004 fragment for a FRMPayload limit N: N − 3 (section 2.2 notes; ChirpStack `get_max_fragment_size`). */
export function maxFragmentSizeBytes(maxFrmPayloadBytes: number): number {
  return Math.max(0, maxFrmPayloadBytes - 3);
}

/** Every package answers PackageVersionReq (CID only) with PackageIdentifier + PackageVersion. */
const PACKAGE_VERSION = { PackageVersionReq: 1, PackageVersionAns: 3 } as const;

/** TS005 Remote multicast setup v1 (4.2). Session answers without error carry TimeToStart (3 B). */
export const TS005_BYTES = {
  ...PACKAGE_VERSION,
  McGroupStatusReq: 2,
  McGroupSetupReq: 30, // McGroupIDHeader 1 + McAddr 4 + McKey_encrypted 16 + minMcFCount 4 + maxMcFCount 4 = 29, + CID
  McGroupSetupAns: 2,
  McGroupDeleteReq: 2,
  McGroupDeleteAns: 2,
  McClassCSessionReq: 11, // McGroupIDHeader 1 + SessionTime 4 + SessionTimeOut 1 + DLFrequ 3 + DR 1 = 10, + CID
  McClassCSessionAns: 5, // Status&McGroupID 1 + TimeToStart 3, + CID (2 on error)
  McClassBSessionReq: 11, // as class C, TimeOutPeriodicity instead of SessionTimeOut
  McClassBSessionAns: 5,
} as const;

/** TS003 Application-layer clock synchronisation v1 (4.3). */
export const TS003_BYTES = {
  ...PACKAGE_VERSION,
  AppTimeReq: 6, // DeviceTime 4 + Param 1, + CID
  AppTimeAns: 6, // TimeCorrection 4 + Param 1, + CID
  DeviceAppTimePeriodicityReq: 2,
  DeviceAppTimePeriodicityAns: 6, // Status 1 + Time 4, + CID
  ForceDeviceResyncReq: 2,
} as const;

/** TS004 Fragmented data block transport (4.4); v2 setup adds SessionCnt (2) + MIC (4). */
export const TS004_BYTES = {
  ...PACKAGE_VERSION,
  FragSessionStatusReq: 2,
  FragSessionStatusAns: 5, // v1: NbFragReceived&Index 2 + MissingFrag 1 + Status 1; v2: Status 1 + ReceivedAndIndex 2 + MissingFrag 1; + CID
  FragSessionSetupReq: 11, // FragSession 1 + NbFrag 2 + FragSize 1 + Control 1 + Padding 1 + Descriptor 4, + CID
  FragSessionSetupReqV2: 17,
  FragSessionSetupAns: 2,
  FragSessionDeleteReq: 2,
  FragSessionDeleteAns: 2,
} as const;

/** TS006 Firmware management protocol v1 (4.5). DevRebootTimeReq 0 = reboot now (no answer). */
export const TS006_BYTES = {
  ...PACKAGE_VERSION,
  DevVersionReq: 1,
  DevVersionAns: 9, // FW version 4 + HW version 4, + CID
  DevRebootTimeReq: 5, // RebootTime 4 (GPS s), + CID
  DevRebootTimeAns: 5,
  DevRebootCountdownReq: 4, // Countdown 3, + CID
  DevRebootCountdownAns: 4,
} as const;
