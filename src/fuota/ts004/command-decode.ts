/**
 * Parsing of TS004 messages (the FRMPayload on the fragmentation FPort) into typed commands; the
 * inverse of encodeCommand (layouts: reference ts004-algorithm.md 6.2). RFU bits are ignored.
 * Every malformation (empty message, unknown or version-foreign CID, truncated payload, DataFragment
 * not alone) throws Ts004FormatError with a message that names the problem and the byte offset.
 */
import { CID } from './constants.js';
import { Ts004FormatError } from './errors.js';
import type { Ts004Downlink, Ts004Uplink, Ts004Version } from './command-types.js';

const hex2 = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** Takes `length` payload bytes of command `name` (its CID already read). */
  take(name: string, length: number): Uint8Array {
    const start = this.offset;
    if (start + length > this.bytes.length) {
      throw new Ts004FormatError(
        `${name} at byte ${start - 1} needs ${length} payload bytes, only ${this.bytes.length - start} left`,
      );
    }
    this.offset += length;
    return this.bytes.subarray(start, start + length);
  }
}

function toBytes(bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new Ts004FormatError('a TS004 message must be given as bytes');
  if (bytes.length === 0) throw new Ts004FormatError('empty TS004 message');
  return bytes;
}

function checkVersion(version: Ts004Version): void {
  if (version !== 1 && version !== 2) throw new Ts004FormatError(`unknown TS004 version ${String(version)} (1 or 2)`);
}

function unknownCid(cid: number, at: number, direction: string, version: Ts004Version): Ts004FormatError {
  const v2Only = cid === CID.FragDataBlockReceived && version === 1 ? ' (CID 0x04 exists in TS004 v2.0.0 only)' : '';
  return new Ts004FormatError(`unknown ${direction} command identifier ${hex2(cid)} at byte ${at}${v2Only}`);
}

const le16 = (p: Uint8Array, at: number): number => p[at] | (p[at + 1] << 8);

/** Splits a message into commands, `one` parsing the command whose CID (at byte `at`) was just read. */
function decodeMessage<T>(message: Uint8Array, version: Ts004Version, one: (r: Reader, cid: number, at: number) => T): T[] {
  checkVersion(version);
  const r = new Reader(toBytes(message));
  const out: T[] = [];
  while (!r.done) {
    const at = r.offset;
    const cid = r.bytes[r.offset++];
    out.push(one(r, cid, at));
  }
  return out;
}

function downlinkCommand(r: Reader, cid: number, at: number, version: Ts004Version): Ts004Downlink {
  switch (cid) {
    case CID.PackageVersion:
      return { name: 'PackageVersionReq' };
    case CID.FragSessionStatus: {
      const p = r.take('FragSessionStatusReq', 1);
      return { name: 'FragSessionStatusReq', participants: (p[0] & 1) === 1, fragIndex: (p[0] >>> 1) & 3 };
    }
    case CID.FragSessionSetup: {
      const p = r.take('FragSessionSetupReq', version === 1 ? 10 : 16);
      return {
        name: 'FragSessionSetupReq',
        mcGroupBitMask: p[0] & 0x0f,
        fragIndex: (p[0] >>> 4) & 3,
        nbFrag: le16(p, 1),
        fragSize: p[3],
        blockAckDelay: p[4] & 7,
        fragAlgo: (p[4] >>> 3) & 7,
        ...(version === 2 ? { ackReception: (p[4] & 0x40) !== 0 } : {}),
        padding: p[5],
        descriptor: p.slice(6, 10),
        ...(version === 2 ? { sessionCnt: le16(p, 10), mic: p.slice(12, 16) } : {}),
      };
    }
    case CID.FragSessionDelete:
      return { name: 'FragSessionDeleteReq', fragIndex: r.take('FragSessionDeleteReq', 1)[0] & 3 };
    case CID.FragDataBlockReceived:
      if (version === 1) throw unknownCid(cid, at, 'downlink', version);
      return { name: 'FragDataBlockReceivedAns', fragIndex: r.take('FragDataBlockReceivedAns', 1)[0] & 3 };
    case CID.DataFragment: {
      if (at !== 0) throw new Ts004FormatError(`DataFragment at byte ${at}: a DataFragment must be alone in its message`);
      const index = le16(r.take('DataFragment', 2), 0);
      const payload = r.bytes.slice(r.offset);
      r.offset = r.bytes.length;
      return { name: 'DataFragment', n: index & 0x3fff, fragIndex: index >>> 14, payload };
    }
    default:
      throw unknownCid(cid, at, 'downlink', version);
  }
}

/** Received&Index then MissingFrag, the same 3 bytes in v1 and v2. */
function receivedFields(p: Uint8Array): { nbFragReceived: number; fragIndex: number; missingFrag: number } {
  const received = le16(p, 0);
  return { nbFragReceived: received & 0x3fff, fragIndex: received >>> 14, missingFrag: p[2] };
}

/** FragSessionStatusAns: v1 Received&Index, MissingFrag, Status; v2 Status first, alone when no session. */
function statusAnswer(r: Reader, version: Ts004Version): Ts004Uplink {
  const name = 'FragSessionStatusAns';
  if (version === 1) {
    const p = r.take(name, 4);
    return { name, ...receivedFields(p), memoryError: (p[3] & 1) !== 0 };
  }
  const s = r.take(name, 1)[0];
  const flags = { memoryError: (s & 1) !== 0, micError: (s & 2) !== 0, sessionDoesNotExist: (s & 4) !== 0 };
  if (flags.sessionDoesNotExist) return { name, nbFragReceived: 0, fragIndex: 0, missingFrag: 0, ...flags };
  return { name, ...receivedFields(r.take(name, 3)), ...flags };
}

function uplinkCommand(r: Reader, cid: number, at: number, version: Ts004Version): Ts004Uplink {
  switch (cid) {
    case CID.PackageVersion: {
      const p = r.take('PackageVersionAns', 2);
      return { name: 'PackageVersionAns', packageIdentifier: p[0], packageVersion: p[1] };
    }
    case CID.FragSessionStatus:
      return statusAnswer(r, version);
    case CID.FragSessionSetup: {
      const s = r.take('FragSessionSetupAns', 1)[0];
      return {
        name: 'FragSessionSetupAns',
        fragAlgoUnsupported: (s & 1) !== 0,
        notEnoughMemory: (s & 2) !== 0,
        fragIndexUnsupported: (s & 4) !== 0,
        wrongDescriptor: (s & 8) !== 0,
        ...(version === 2 ? { sessionCntReplay: (s & 16) !== 0 } : {}),
        fragIndex: s >>> 6,
      };
    }
    case CID.FragSessionDelete: {
      const s = r.take('FragSessionDeleteAns', 1)[0];
      return { name: 'FragSessionDeleteAns', fragIndex: s & 3, sessionDoesNotExist: (s & 4) !== 0 };
    }
    case CID.FragDataBlockReceived: {
      if (version === 1) throw unknownCid(cid, at, 'uplink', version);
      const s = r.take('FragDataBlockReceivedReq', 1)[0];
      return { name: 'FragDataBlockReceivedReq', fragIndex: s & 3, micError: (s & 4) !== 0 };
    }
    default:
      throw unknownCid(cid, at, 'uplink', version);
  }
}

/** Commands of a message sent by the server (v1 or v2 layout). */
export function decodeDownlink(message: Uint8Array, version: Ts004Version): Ts004Downlink[] {
  return decodeMessage(message, version, (r, cid, at) => downlinkCommand(r, cid, at, version));
}

/** Commands of a message sent by a device (v1 or v2 layout). */
export function decodeUplink(message: Uint8Array, version: Ts004Version): Ts004Uplink[] {
  return decodeMessage(message, version, (r, cid, at) => uplinkCommand(r, cid, at, version));
}
