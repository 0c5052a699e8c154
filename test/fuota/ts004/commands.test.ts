import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Ts004Error,
  Ts004FormatError,
  decodeDownlink,
  decodeUplink,
  encodeCommand,
  encodeCommands,
  fromHex,
  toHex,
  type Ts004Command,
  type Ts004Version,
} from '../../../src/fuota/ts004/index.js';
import { describeShared } from '../../helpers/shared.js';
import { fixtureCases, sharedCases, type WireCase } from './cases.js';

/** Vector field names (ChirpStack / brocaar spelling) to the codec's command objects. */
function toCommand(w: WireCase): Ts004Command {
  const out: Record<string, unknown> = { name: w.name };
  for (const [key, value] of Object.entries(w.fields)) {
    if (key === 'descriptorHex') out.descriptor = fromHex(value as string);
    else if (key === 'micHex') out.mic = fromHex(value as string);
    else if (key === 'payloadHex') out.payload = fromHex(value as string);
    else if (key === 'N') out.n = value;
    else if (key === 'notEnoughMatrixMemory') out.memoryError = value;
    else if (key === 'encodingUnsupported') out.fragAlgoUnsupported = value;
    else out[key] = value;
  }
  if (w.name === 'FragSessionStatusAns' && w.version === 2 && out.sessionDoesNotExist === undefined) out.sessionDoesNotExist = false;
  return out as unknown as Ts004Command;
}

function checkWire(w: WireCase): void {
  const cmd = toCommand(w);
  expect(toHex(encodeCommand(cmd, w.version))).toBe(w.hex);
  const decoded = (w.direction === 'uplink' ? decodeUplink : decodeDownlink)(fromHex(w.hex), w.version);
  expect(decoded).toEqual([cmd]);
}

describe('TS004 command codec on the known-answer cases', () => {
  it.each(fixtureCases().wire.map((w) => [`v${w.version} ${w.name} ${w.hex}`, w] as const))('%s encodes and decodes bit-exactly', (_n, w) =>
    checkWire(w),
  );
});

describeShared('TS004 command codec against the shared wire vectors', () => {
  const cases = sharedCases()?.wire ?? [];
  it.each(cases.map((w) => [`v${w.version} ${w.name} ${w.hex}`, w] as const))('%s encodes and decodes bit-exactly', (_n, w) =>
    checkWire(w),
  );
});

describe('TS004 command codec', () => {
  it('decodes several commands in one message', () => {
    const msg = encodeCommands(
      [
        { name: 'PackageVersionReq' },
        { name: 'FragSessionStatusReq', fragIndex: 3, participants: false },
        { name: 'FragSessionDeleteReq', fragIndex: 1 },
      ],
      1,
    );
    expect(toHex(msg)).toBe('00010603' + '01');
    expect(decodeDownlink(msg, 1).map((c) => c.name)).toEqual(['PackageVersionReq', 'FragSessionStatusReq', 'FragSessionDeleteReq']);
  });

  it('sends only the status byte of a v2 FragSessionStatusAns for a session that does not exist', () => {
    const cmd = { name: 'FragSessionStatusAns', fragIndex: 0, nbFragReceived: 0, missingFrag: 0, memoryError: false, micError: false, sessionDoesNotExist: true } as const;
    expect(toHex(encodeCommand(cmd, 2))).toBe('0104');
    expect(decodeUplink(fromHex('0104' + '0303'), 2)).toEqual([cmd, { name: 'FragSessionDeleteAns', fragIndex: 3, sessionDoesNotExist: false }]);
  });

  it('reports malformed messages with a Ts004FormatError naming the problem', () => {
    const bad: [string, Ts004Version, 'up' | 'down', RegExp][] = [
      ['', 1, 'down', /empty/],
      ['02011400', 1, 'down', /FragSessionSetupReq at byte 0 needs 10 payload bytes, only 3 left/],
      ['0201140032010501020304', 2, 'down', /needs 16/],
      ['0401', 1, 'up', /v2\.0\.0 only/],
      ['0401', 1, 'down', /0x04/],
      ['09', 2, 'down', /unknown downlink command identifier 0x09 at byte 0/],
      ['08', 1, 'down', /DataFragment/],
      ['00080100aa', 1, 'down', /must be alone/],
      ['01e843', 1, 'up', /FragSessionStatusAns/],
      ['0100e8', 2, 'up', /FragSessionStatusAns/],
      ['00', 1, 'up', /PackageVersionAns/],
    ];
    for (const [hex, version, dir, message] of bad) {
      const decode = dir === 'up' ? decodeUplink : decodeDownlink;
      expect(() => decode(fromHex(hex), version)).toThrow(message);
      expect(() => decode(fromHex(hex), version)).toThrow(Ts004FormatError);
    }
  });

  it('throws only Ts004FormatError for arbitrary bytes, in both directions and versions', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), fc.constantFrom<Ts004Version>(1, 2), (bytes, version) => {
        for (const decode of [decodeUplink, decodeDownlink]) {
          try {
            const cmds = decode(bytes, version);
            // whatever decodes re-encodes to a message of the same length (RFU bits aside)
            expect(encodeCommands(cmds, version).length).toBe(bytes.length);
          } catch (err) {
            expect(err).toBeInstanceOf(Ts004FormatError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every v2 FragSessionSetupReq', () => {
    fc.assert(
      fc.property(
        fc.record({
          fragIndex: fc.integer({ min: 0, max: 3 }),
          mcGroupBitMask: fc.integer({ min: 0, max: 15 }),
          nbFrag: fc.integer({ min: 0, max: 0xffff }),
          fragSize: fc.integer({ min: 0, max: 255 }),
          fragAlgo: fc.integer({ min: 0, max: 7 }),
          blockAckDelay: fc.integer({ min: 0, max: 7 }),
          ackReception: fc.boolean(),
          padding: fc.integer({ min: 0, max: 255 }),
          descriptor: fc.uint8Array({ minLength: 4, maxLength: 4 }),
          sessionCnt: fc.integer({ min: 0, max: 0xffff }),
          mic: fc.uint8Array({ minLength: 4, maxLength: 4 }),
        }),
        (fields) => {
          const cmd = { name: 'FragSessionSetupReq' as const, ...fields };
          expect(decodeDownlink(encodeCommand(cmd, 2), 2)).toEqual([cmd]);
        },
      ),
    );
  });

  it('refuses to encode out-of-range fields, v2-only fields in v1 and a DataFragment with company', () => {
    const setup = { name: 'FragSessionSetupReq', fragIndex: 0, mcGroupBitMask: 1, nbFrag: 20, fragSize: 50, fragAlgo: 0, blockAckDelay: 1, padding: 5, descriptor: new Uint8Array(4) } as const;
    expect(() => encodeCommand({ ...setup, fragIndex: 4 }, 1)).toThrow(/fragIndex 4 does not fit in 2 bits/);
    expect(() => encodeCommand({ ...setup, descriptor: new Uint8Array(3) }, 1)).toThrow(/descriptor must be 4 bytes/);
    expect(() => encodeCommand({ ...setup, sessionCnt: 1 }, 1)).toThrow(/v2\.0\.0 only/);
    expect(() => encodeCommand(setup, 2)).toThrow(/sessionCnt/);
    expect(() => encodeCommand({ name: 'FragDataBlockReceivedAns', fragIndex: 0 }, 1)).toThrow(Ts004Error);
    expect(() => encodeCommand({ name: 'DataFragment', fragIndex: 0, n: 16384, payload: new Uint8Array(1) }, 1)).toThrow(/N 16384/);
    expect(() =>
      encodeCommands([{ name: 'PackageVersionReq' }, { name: 'DataFragment', fragIndex: 0, n: 1, payload: new Uint8Array(1) }], 1),
    ).toThrow(/alone/);
  });
});
