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

/** Commands of a message sent by the server (v1 or v2 layout). */
export function decodeDownlink(message: Uint8Array, version: Ts004Version): Ts004Downlink[] {
  checkVersion(version);
  const r = new Reader(toBytes(message));
  const out: Ts004Downlink[] = [];
  while (!r.done) {
    const at = r.offset;
    const cid = r.bytes[r.offset++];
    switch (cid) {
      case CID.PackageVersion:
        out.push({ name: 'PackageVersionReq' });
        break;
      case CID.FragSessionStatus: {
        const p = r.take('FragSessionStatusReq', 1);
        out.push({ name: 'FragSessionStatusReq', participants: (p[0] & 1) === 1, fragIndex: (p[0] >>> 1) & 3 });
        break;
      }
      case CID.FragSessionSetup: {
        const p = r.take('FragSessionSetupReq', version === 1 ? 10 : 16);
        out.push({
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
        });
        break;
      }
      case CID.FragSessionDelete:
        out.push({ name: 'FragSessionDeleteReq', fragIndex: r.take('FragSessionDeleteReq', 1)[0] & 3 });
        break;
      case CID.FragDataBlockReceived:
        if (version === 1) throw unknownCid(cid, at, 'downlink', version);
        out.push({ name: 'FragDataBlockReceivedAns', fragIndex: r.take('FragDataBlockReceivedAns', 1)[0] & 3 });
        break;
      case CID.DataFragment: {
        if (at !== 0) throw new Ts004FormatError(`DataFragment at byte ${at}: a DataFragment must be alone in its message`);
        const head = r.take('DataFragment', 2);
        const index = le16(head, 0);
        out.push({ name: 'DataFragment', n: index & 0x3fff, fragIndex: index >>> 14, payload: r.bytes.slice(3) });
        r.offset = r.bytes.length;
        break;
      }
      default:
        throw unknownCid(cid, at, 'downlink', version);
    }
  }
  return out;
}

/** Commands of a message sent by a device (v1 or v2 layout). */
export function decodeUplink(message: Uint8Array, version: Ts004Version): Ts004Uplink[] {
  checkVersion(version);
  const r = new Reader(toBytes(message));
  const out: Ts004Uplink[] = [];
  while (!r.done) {
    const at = r.offset;
    const cid = r.bytes[r.offset++];
    switch (cid) {
      case CID.PackageVersion: {
        const p = r.take('PackageVersionAns', 2);
        out.push({ name: 'PackageVersionAns', packageIdentifier: p[0], packageVersion: p[1] });
        break;
      }
      case CID.FragSessionStatus: {
        if (version === 1) {
          const p = r.take('FragSessionStatusAns', 4);
          const received = le16(p, 0);
          out.push({
            name: 'FragSessionStatusAns',
            nbFragReceived: received & 0x3fff,
            fragIndex: received >>> 14,
            missingFrag: p[2],
            memoryError: (p[3] & 1) !== 0,
          });
          break;
        }
        const status = r.take('FragSessionStatusAns', 1)[0];
        const flags = { memoryError: (status & 1) !== 0, micError: (status & 2) !== 0, sessionDoesNotExist: (status & 4) !== 0 };
        if (flags.sessionDoesNotExist) {
          out.push({ name: 'FragSessionStatusAns', nbFragReceived: 0, fragIndex: 0, missingFrag: 0, ...flags });
          break;
        }
        const p = r.take('FragSessionStatusAns', 3);
        const received = le16(p, 0);
        out.push({
          name: 'FragSessionStatusAns',
          nbFragReceived: received & 0x3fff,
          fragIndex: received >>> 14,
          missingFrag: p[2],
          ...flags,
        });
        break;
      }
      case CID.FragSessionSetup: {
        const s = r.take('FragSessionSetupAns', 1)[0];
        out.push({
          name: 'FragSessionSetupAns',
          fragAlgoUnsupported: (s & 1) !== 0,
          notEnoughMemory: (s & 2) !== 0,
          fragIndexUnsupported: (s & 4) !== 0,
          wrongDescriptor: (s & 8) !== 0,
          ...(version === 2 ? { sessionCntReplay: (s & 16) !== 0 } : {}),
          fragIndex: s >>> 6,
        });
        break;
      }
      case CID.FragSessionDelete: {
        const s = r.take('FragSessionDeleteAns', 1)[0];
        out.push({ name: 'FragSessionDeleteAns', fragIndex: s & 3, sessionDoesNotExist: (s & 4) !== 0 });
        break;
      }
      case CID.FragDataBlockReceived: {
        if (version === 1) throw unknownCid(cid, at, 'uplink', version);
        const s = r.take('FragDataBlockReceivedReq', 1)[0];
        out.push({ name: 'FragDataBlockReceivedReq', fragIndex: s & 3, micError: (s & 4) !== 0 });
        break;
      }
      default:
        throw unknownCid(cid, at, 'uplink', version);
    }
  }
  return out;
}
