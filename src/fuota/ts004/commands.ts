/**
 * Byte codec of the TS004 commands, v1.0.0 and v2.0.0 (field layouts: reference ts004-algorithm.md
 * 6.2; TS004-2.0.0 tables 3-20). A message is one or more commands, each a CID and a fixed-size payload;
 * a DataFragment takes the rest of the message and must be alone. Multi-byte integers are little-endian.
 * Malformed bytes and unencodable fields throw Ts004FormatError.
 */
import { CID } from './constants.js';
import { Ts004FormatError } from './errors.js';
import type { Ts004Command, Ts004Downlink, Ts004Uplink, Ts004Version } from './command-types.js';

function checkVersion(version: Ts004Version): void {
  if (version !== 1 && version !== 2) throw new Ts004FormatError(`unknown TS004 version ${String(version)} (1 or 2)`);
}

/** The value of an integer field of `bits` bits, or a Ts004FormatError naming the field. */
function field(name: string, value: number, bits: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new Ts004FormatError(`${name} ${value} does not fit in ${bits} bits`);
  }
  return value;
}

function bytesField(name: string, value: Uint8Array | undefined, length: number): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) {
    throw new Ts004FormatError(`${name} must be ${length} bytes`);
  }
  return value;
}

function v2Only(name: string, present: boolean, version: Ts004Version): void {
  if (present && version === 1) throw new Ts004FormatError(`${name} exists in TS004 v2.0.0 only`);
}

const bit = (flag: boolean | undefined, position: number): number => (flag === true ? 1 << position : 0);
const u16 = (value: number): number[] => [value & 0xff, value >>> 8];

/** Bytes of one command (CID included) for the given package version. */
export function encodeCommand(cmd: Ts004Command, version: Ts004Version): Uint8Array {
  checkVersion(version);
  switch (cmd.name) {
    case 'PackageVersionReq':
      return Uint8Array.of(CID.PackageVersion);
    case 'PackageVersionAns':
      return Uint8Array.of(
        CID.PackageVersion,
        field('packageIdentifier', cmd.packageIdentifier, 8),
        field('packageVersion', cmd.packageVersion, 8),
      );
    case 'FragSessionStatusReq':
      return Uint8Array.of(CID.FragSessionStatus, bit(cmd.participants, 0) | (field('fragIndex', cmd.fragIndex, 2) << 1));
    case 'FragSessionStatusAns': {
      v2Only('micError', cmd.micError === true, version);
      v2Only('sessionDoesNotExist', cmd.sessionDoesNotExist === true, version);
      const status = bit(cmd.memoryError, 0) | bit(cmd.micError, 1) | bit(cmd.sessionDoesNotExist, 2);
      const received = u16(field('nbFragReceived', cmd.nbFragReceived, 14) | (field('fragIndex', cmd.fragIndex, 2) << 14));
      const missing = field('missingFrag', cmd.missingFrag, 8);
      if (version === 1) return Uint8Array.of(CID.FragSessionStatus, ...received, missing, status);
      if (cmd.sessionDoesNotExist === true) return Uint8Array.of(CID.FragSessionStatus, status);
      return Uint8Array.of(CID.FragSessionStatus, status, ...received, missing);
    }
    case 'FragSessionSetupReq': {
      v2Only('ackReception', cmd.ackReception === true, version);
      v2Only('sessionCnt', cmd.sessionCnt !== undefined, version);
      v2Only('mic', cmd.mic !== undefined, version);
      const control =
        field('blockAckDelay', cmd.blockAckDelay, 3) | (field('fragAlgo', cmd.fragAlgo, 3) << 3) | bit(cmd.ackReception, 6);
      const head = [
        CID.FragSessionSetup,
        field('mcGroupBitMask', cmd.mcGroupBitMask, 4) | (field('fragIndex', cmd.fragIndex, 2) << 4),
        ...u16(field('nbFrag', cmd.nbFrag, 16)),
        field('fragSize', cmd.fragSize, 8),
        control,
        field('padding', cmd.padding, 8),
        ...bytesField('descriptor', cmd.descriptor, 4),
      ];
      if (version === 1) return Uint8Array.from(head);
      const sessionCnt = field('sessionCnt', cmd.sessionCnt ?? -1, 16);
      return Uint8Array.from([...head, ...u16(sessionCnt), ...bytesField('mic', cmd.mic, 4)]);
    }
    case 'FragSessionSetupAns':
      v2Only('sessionCntReplay', cmd.sessionCntReplay === true, version);
      return Uint8Array.of(
        CID.FragSessionSetup,
        bit(cmd.fragAlgoUnsupported, 0) |
          bit(cmd.notEnoughMemory, 1) |
          bit(cmd.fragIndexUnsupported, 2) |
          bit(cmd.wrongDescriptor, 3) |
          bit(cmd.sessionCntReplay, 4) |
          (field('fragIndex', cmd.fragIndex, 2) << 6),
      );
    case 'FragSessionDeleteReq':
      return Uint8Array.of(CID.FragSessionDelete, field('fragIndex', cmd.fragIndex, 2));
    case 'FragSessionDeleteAns':
      return Uint8Array.of(CID.FragSessionDelete, field('fragIndex', cmd.fragIndex, 2) | bit(cmd.sessionDoesNotExist, 2));
    case 'FragDataBlockReceivedReq':
      v2Only(cmd.name, true, version);
      return Uint8Array.of(CID.FragDataBlockReceived, field('fragIndex', cmd.fragIndex, 2) | bit(cmd.micError, 2));
    case 'FragDataBlockReceivedAns':
      v2Only(cmd.name, true, version);
      return Uint8Array.of(CID.FragDataBlockReceived, field('fragIndex', cmd.fragIndex, 2));
    case 'DataFragment': {
      if (!(cmd.payload instanceof Uint8Array)) throw new Ts004FormatError('DataFragment payload must be bytes');
      const out = new Uint8Array(3 + cmd.payload.length);
      out.set([CID.DataFragment, ...u16(field('N', cmd.n, 14) | (field('fragIndex', cmd.fragIndex, 2) << 14))]);
      out.set(cmd.payload, 3);
      return out;
    }
    default:
      throw new Ts004FormatError(`unknown command ${String((cmd as { name?: unknown }).name)}`);
  }
}

/** One message made of several commands; a DataFragment must be alone. */
export function encodeCommands(cmds: readonly Ts004Command[], version: Ts004Version): Uint8Array {
  if (cmds.length > 1 && cmds.some((c) => c.name === 'DataFragment')) {
    throw new Ts004FormatError('a DataFragment must be alone in its message');
  }
  const parts = cmds.map((c) => encodeCommand(c, version));
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export { decodeDownlink, decodeUplink } from './command-decode.js';
