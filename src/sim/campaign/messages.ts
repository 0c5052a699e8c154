/**
 * The application-layer messages of a campaign: a code per message, its size on the air and the
 * kind it is logged with in transmissions.csv.
 *
 * Sizes come from `lorawan/frames.ts` (TS003 4.3, TS004 4.4, TS005 4.2, TS006 4.5 of
 * lorawan-facts.md): every message rides in its own data frame (setup.packCommands: two of one package
 * share it), PHYPayload = FRMPayload + 13
 * (MHDR, FHDR without FOpts, FPort, MIC). Package ports: TS005 200, TS004 201, TS003 202,
 * TS006 203 (AWS defaults, 7.1).
 */
import { FRAME_OVERHEAD_BYTES, TS003_BYTES, TS004_BYTES, TS005_BYTES, TS006_BYTES, dataFragmentPhyBytes, dataFramePhyBytes } from '../../lorawan/frames.js';
import type { ResolvedScenario } from '../../scenario/types.js';
import type { TxKind } from '../types.js';

/** Message codes. Downlinks (server → device) are below 32, uplinks (device → server) from 32. */
export const Msg = {
  PackageVersionReq: 1,
  McGroupSetupReq: 2,
  FragSessionSetupReq: 3,
  /** TS003: asks the device to send AppTimeReq (clock resynchronisation) */
  ForceDeviceResyncReq: 4,
  AppTimeAns: 5,
  /** McClassCSessionReq or McClassBSessionReq, by the group's class */
  McSessionReq: 6,
  /** TS004 DataFragment sent to one device (unicast mode, unicast repair) */
  DataFragment: 7,
  FragSessionStatusReq: 8,
  FragSessionDeleteReq: 9,
  DevRebootTimeReq: 10,
  DevVersionReq: 11,
  /** setup.packCommands: PackageVersionReq + FragSessionSetupReq in one FPort 201 frame */
  FragSetupPacked: 12,
  /** setup.packCommands: McGroupSetupReq + McClassC/BSessionReq in one FPort 200 frame */
  McSetupPacked: 13,

  PackageVersionAns: 32,
  McGroupSetupAns: 33,
  FragSessionSetupAns: 34,
  AppTimeReq: 35,
  McSessionAns: 36,
  /** an uplink without application payload: answers FPending, or polls when the device has no traffic */
  EmptyUplink: 37,
  FragSessionStatusAns: 38,
  /** the device's report that its session ended (image rebuilt and verified, or failed): a FragSessionStatusAns */
  CompletionReport: 39,
  FragSessionDeleteAns: 40,
  DevRebootTimeAns: 41,
  DevVersionAns: 42,
  /** PackageVersionAns + FragSessionSetupAns */
  FragSetupPackedAns: 43,
  /** McGroupSetupAns + McClassC/BSessionAns */
  McSetupPackedAns: 44,
} as const;
export type MsgCode = (typeof Msg)[keyof typeof Msg];

/**
 * The answer that clears each request from the server's mailbox. ForceDeviceResyncReq is not listed:
 * the clock-sync flow clears it once an AppTimeReq shows a clock within the tolerance (setup.ts).
 */
export const EXPECTED_ANSWER: Readonly<Record<number, number>> = {
  [Msg.PackageVersionReq]: Msg.PackageVersionAns,
  [Msg.McGroupSetupReq]: Msg.McGroupSetupAns,
  [Msg.FragSessionSetupReq]: Msg.FragSessionSetupAns,
  [Msg.McSessionReq]: Msg.McSessionAns,
  [Msg.FragSessionStatusReq]: Msg.FragSessionStatusAns,
  [Msg.FragSessionDeleteReq]: Msg.FragSessionDeleteAns,
  [Msg.DevRebootTimeReq]: Msg.DevRebootTimeAns,
  [Msg.DevVersionReq]: Msg.DevVersionAns,
  [Msg.FragSetupPacked]: Msg.FragSetupPackedAns,
  [Msg.McSetupPacked]: Msg.McSetupPackedAns,
};

/** FRMPayload bytes of each message (CID included), from the package tables in frames.ts. */
function frmBytes(code: number, s: ResolvedScenario): number {
  switch (code) {
    case Msg.PackageVersionReq: return TS004_BYTES.PackageVersionReq;
    case Msg.PackageVersionAns: return TS004_BYTES.PackageVersionAns;
    case Msg.McGroupSetupReq: return TS005_BYTES.McGroupSetupReq;
    case Msg.McGroupSetupAns: return TS005_BYTES.McGroupSetupAns;
    case Msg.FragSessionSetupReq: return s.fuotaTask.fec === 'v2' ? TS004_BYTES.FragSessionSetupReqV2 : TS004_BYTES.FragSessionSetupReq;
    case Msg.FragSessionSetupAns: return TS004_BYTES.FragSessionSetupAns;
    case Msg.ForceDeviceResyncReq: return TS003_BYTES.ForceDeviceResyncReq;
    case Msg.AppTimeReq: return TS003_BYTES.AppTimeReq;
    case Msg.AppTimeAns: return TS003_BYTES.AppTimeAns;
    case Msg.McSessionReq: return s.multicastGroup.dlClass === 'ClassB' ? TS005_BYTES.McClassBSessionReq : TS005_BYTES.McClassCSessionReq;
    case Msg.McSessionAns: return s.multicastGroup.dlClass === 'ClassB' ? TS005_BYTES.McClassBSessionAns : TS005_BYTES.McClassCSessionAns;
    case Msg.FragSessionStatusReq: return TS004_BYTES.FragSessionStatusReq;
    case Msg.FragSessionStatusAns:
    case Msg.CompletionReport: return TS004_BYTES.FragSessionStatusAns;
    case Msg.FragSessionDeleteReq: return TS004_BYTES.FragSessionDeleteReq;
    case Msg.FragSessionDeleteAns: return TS004_BYTES.FragSessionDeleteAns;
    case Msg.DevRebootTimeReq: return TS006_BYTES.DevRebootTimeReq;
    case Msg.DevRebootTimeAns: return TS006_BYTES.DevRebootTimeAns;
    case Msg.DevVersionReq: return TS006_BYTES.DevVersionReq;
    case Msg.DevVersionAns: return TS006_BYTES.DevVersionAns;
    case Msg.FragSetupPacked: return frmBytes(Msg.PackageVersionReq, s) + frmBytes(Msg.FragSessionSetupReq, s);
    case Msg.FragSetupPackedAns: return frmBytes(Msg.PackageVersionAns, s) + frmBytes(Msg.FragSessionSetupAns, s);
    case Msg.McSetupPacked: return frmBytes(Msg.McGroupSetupReq, s) + frmBytes(Msg.McSessionReq, s);
    case Msg.McSetupPackedAns: return frmBytes(Msg.McGroupSetupAns, s) + frmBytes(Msg.McSessionAns, s);
    default: throw new Error(`internal: message ${code} has no payload size`);
  }
}

/** PHYPayload bytes of a message frame. */
export function msgPhyBytes(code: number, s: ResolvedScenario): number {
  if (code === Msg.EmptyUplink) return FRAME_OVERHEAD_BYTES - 1; // no FPort, no FRMPayload
  if (code === Msg.DataFragment) return dataFragmentPhyBytes(s.fuotaTask.fragmentSizeBytes);
  return dataFramePhyBytes(frmBytes(code, s));
}

/**
 * transmissions.csv kind: TS003/TS005 setup and TS006 firmware management are `setup` (class A
 * management frames), TS004 status traffic is `status`, data fragments are `fragment` (or `repair`
 * beyond the session's M + R), an empty uplink is an ordinary `uplink`.
 */
export function msgKind(code: number, repair = false): TxKind {
  switch (code) {
    case Msg.DataFragment: return repair ? 'repair' : 'fragment';
    case Msg.FragSessionStatusReq:
    case Msg.FragSessionStatusAns:
    case Msg.CompletionReport: return 'status';
    case Msg.EmptyUplink: return 'uplink';
    default: return 'setup';
  }
}
