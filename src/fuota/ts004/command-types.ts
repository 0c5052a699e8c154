/**
 * TS004 commands as typed values (TS004-1.0.0 and TS004-2.0.0 section 3; reference
 * ts004-algorithm.md 6.1-6.2). Fields that exist in v2.0.0 only are optional and absent when a v1
 * message is decoded.
 */

/** PackageVersion of the fragmentation package: 1 = TS004 v1.0.0, 2 = TS004 v2.0.0. */
export type Ts004Version = 1 | 2;

export interface PackageVersionReq {
  name: 'PackageVersionReq';
}
export interface PackageVersionAns {
  name: 'PackageVersionAns';
  /** 3 for the fragmentation package */
  packageIdentifier: number;
  packageVersion: number;
}
export interface FragSessionStatusReq {
  name: 'FragSessionStatusReq';
  fragIndex: number;
  /** true: every device answers; false: only devices still missing fragments */
  participants: boolean;
}
export interface FragSessionStatusAns {
  name: 'FragSessionStatusAns';
  fragIndex: number;
  /** 14 bits */
  nbFragReceived: number;
  /** one octet */
  missingFrag: number;
  /** Status bit 0: v1 NotEnoughMatrixMemory, v2 MemoryError */
  memoryError: boolean;
  /** v2 Status bit 1 */
  micError?: boolean;
  /** v2 Status bit 2; the answer is then only the status byte (fragIndex etc. decode as 0) */
  sessionDoesNotExist?: boolean;
}
export interface FragSessionSetupReq {
  name: 'FragSessionSetupReq';
  fragIndex: number;
  /** bit x enables multicast group x (4 bits) */
  mcGroupBitMask: number;
  nbFrag: number;
  fragSize: number;
  /** 0 = the TS004 parity code; devices refuse anything else */
  fragAlgo: number;
  blockAckDelay: number;
  /** v2 Control bit 6 */
  ackReception?: boolean;
  padding: number;
  /** 4 bytes in transmission order */
  descriptor: Uint8Array;
  /** v2 */
  sessionCnt?: number;
  /** v2: 4 bytes in transmission order */
  mic?: Uint8Array;
}
export interface FragSessionSetupAns {
  name: 'FragSessionSetupAns';
  fragIndex: number;
  /** bit 0 (called EncodingUnsupported in v1) */
  fragAlgoUnsupported: boolean;
  notEnoughMemory: boolean;
  fragIndexUnsupported: boolean;
  wrongDescriptor: boolean;
  /** v2 bit 4 */
  sessionCntReplay?: boolean;
}
export interface FragSessionDeleteReq {
  name: 'FragSessionDeleteReq';
  fragIndex: number;
}
export interface FragSessionDeleteAns {
  name: 'FragSessionDeleteAns';
  fragIndex: number;
  sessionDoesNotExist: boolean;
}
/** v2 only, uplink */
export interface FragDataBlockReceivedReq {
  name: 'FragDataBlockReceivedReq';
  fragIndex: number;
  micError: boolean;
}
/** v2 only, downlink */
export interface FragDataBlockReceivedAns {
  name: 'FragDataBlockReceivedAns';
  fragIndex: number;
}
export interface DataFragment {
  name: 'DataFragment';
  fragIndex: number;
  /** fragment number N, 14 bits, 1-based */
  n: number;
  payload: Uint8Array;
}

/** Server to device. */
export type Ts004Downlink =
  | PackageVersionReq
  | FragSessionStatusReq
  | FragSessionSetupReq
  | FragSessionDeleteReq
  | FragDataBlockReceivedAns
  | DataFragment;

/** Device to server. */
export type Ts004Uplink =
  | PackageVersionAns
  | FragSessionStatusAns
  | FragSessionSetupAns
  | FragSessionDeleteAns
  | FragDataBlockReceivedReq;

export type Ts004Command = Ts004Downlink | Ts004Uplink;
