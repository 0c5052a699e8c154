import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, isVcdiff, makeDelta } from '../../../src/fuota/image/delta.js';
import { sha256 } from '../../../src/fuota/image/digest.js';
import { DeltaError } from '../../../src/fuota/image/errors.js';
import { toHex } from '../../../src/fuota/ts004/hex.js';
import { readFixture } from '../../helpers/shared.js';
import { applyEdit, editedPairArb, firmwareLike, sameBytes, type Edit } from './edits.js';

interface Fixture {
  xdelta3: {
    rfcExample: { source: string; target: string; appHeaderAndAdler32: string; plain: string; adler32: string };
    edited4096: { targetSha256: string; appHeaderAndAdler32: string; plain: string; oursDecodedByXdelta3: string };
  };
}
const fx = readFixture<Fixture>('image-known-answers.json').xdelta3;
const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

/** The base and target the edited4096 fixture was made from (see image-known-answers.json). */
function edited4096(): { base: Uint8Array; target: Uint8Array } {
  const base = Uint8Array.from({ length: 4096 }, (_, i) => Math.imul(i + 1, 2654435761) >>> 24);
  const ins = Uint8Array.from({ length: 32 }, (_, k) => 0x41 + (k % 26));
  const parts = [base.subarray(0, 1000), ins, base.subarray(1000, 2000), base.subarray(2100, 3000), base.subarray(3500), base.subarray(3000, 3500)];
  const target = new Uint8Array(Buffer.concat(parts));
  target[50] ^= 0xff;
  return { base, target };
}

describe('applyDelta on deltas made by xdelta3 (RFC 3284 interoperability)', () => {
  it.each(['plain', 'adler32', 'appHeaderAndAdler32'] as const)('rebuilds the RFC 3284 §3 example from the %s variant', (variant) => {
    const out = applyDelta(text(fx.rfcExample.source), hex(fx.rfcExample[variant]));
    expect(Buffer.from(out).toString('latin1')).toBe(fx.rfcExample.target);
  });

  it.each(['plain', 'appHeaderAndAdler32'] as const)('rebuilds an edited 4 KiB image from the %s variant', (variant) => {
    const { base, target } = edited4096();
    expect(toHex(sha256(target))).toBe(fx.edited4096.targetSha256);
    expect(sameBytes(applyDelta(base, hex(fx.edited4096[variant])), target)).toBe(true);
  });

  it('refuses a window whose Adler-32 does not match', () => {
    const bad = hex(fx.rfcExample.adler32);
    bad[bad.length - 8] ^= 0x01; // inside the data section: the bytes still decode, the checksum catches it
    expect(() => applyDelta(text(fx.rfcExample.source), bad)).toThrow(/Adler-32/);
  });
});

describe('makeDelta and applyDelta', () => {
  it('rebuild the target byte for byte for random bases edited by inserts, deletes, flips and moves', () => {
    fc.assert(fc.property(editedPairArb, ({ base, target }) => {
      const delta = makeDelta(base, target);
      expect(isVcdiff(delta)).toBe(true);
      expect(sameBytes(applyDelta(base, delta), target)).toBe(true);
    }), { numRuns: 300 });
  });

  it('rebuild unrelated targets and the empty cases', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), (base, target) => {
      expect(sameBytes(applyDelta(base, makeDelta(base, target)), target)).toBe(true);
    }), { numRuns: 200 });
    const some = firmwareLike(100, 3);
    expect(applyDelta(some, makeDelta(some, new Uint8Array(0)))).toEqual(new Uint8Array(0));
    expect(sameBytes(applyDelta(new Uint8Array(0), makeDelta(new Uint8Array(0), some)), some)).toBe(true);
  });

  it('use COPY from the target itself and RUN for repeated content (delta far smaller than the target)', () => {
    const target = new Uint8Array(Buffer.concat([Buffer.from('header'), Buffer.alloc(5000, 0xff), Buffer.from('abcdefghijklmnopqrstuvwxyz'.repeat(200))]));
    const delta = makeDelta(new Uint8Array(0), target);
    expect(delta.length).toBeLessThan(80);
    expect(sameBytes(applyDelta(new Uint8Array(0), delta), target)).toBe(true);
  });

  it('give a delta of a few KiB for a small edit to a 256 KiB image', () => {
    const base = firmwareLike(256 * 1024, 11);
    const edits: Edit[] = [
      { kind: 'insert', at: 70_000, bytes: firmwareLike(512, 99) }, // new code
      { kind: 'flip', at: 1234, mask: 0x5a }, // patched constants
      { kind: 'flip', at: 150_000, mask: 0x01 },
      { kind: 'delete', at: 200_000, length: 300 },
      { kind: 'move', from: 10_000, length: 2048, to: 180_000 },
    ];
    const target = edits.reduce(applyEdit, base);
    const delta = makeDelta(base, target);
    expect(sameBytes(applyDelta(base, delta), target)).toBe(true);
    expect(delta.length).toBeGreaterThan(512); // the inserted bytes must travel
    expect(delta.length).toBeLessThan(4096);
  });

  it('handle a 1 MiB image in one window and several windows for larger targets', () => {
    const base = firmwareLike(1 << 20, 5);
    const target = applyEdit(base, { kind: 'insert', at: 500_000, bytes: new Uint8Array([1, 2, 3]) });
    const delta = makeDelta(base, target);
    expect(delta.length).toBeLessThan(200);
    expect(sameBytes(applyDelta(base, delta), target)).toBe(true);
    const big = new Uint8Array(Buffer.concat([Buffer.from(target), Buffer.from(target), Buffer.from(target), Buffer.from(target), Buffer.from(target)]));
    const bigDelta = makeDelta(base, big);
    expect(sameBytes(applyDelta(base, bigDelta), big)).toBe(true);
    expect(bigDelta.length).toBeLessThan(2000);
  });

  it('are deterministic and give the known delta that xdelta3 -d also decodes', () => {
    const { base, target } = edited4096();
    expect(toHex(makeDelta(base, target))).toBe(fx.edited4096.oursDecodedByXdelta3);
    expect(toHex(makeDelta(base.slice(), target.slice()))).toBe(fx.edited4096.oursDecodedByXdelta3);
  });
});

describe('applyDelta on bad input', () => {
  it('refuses bytes that are not VCDIFF, secondary compression and a target over the limit', () => {
    expect(() => applyDelta(new Uint8Array(0), text('hello'))).toThrow(DeltaError);
    expect(() => applyDelta(new Uint8Array(0), hex('d6c3c40001'))).toThrow(/secondary compressor/);
    expect(() => applyDelta(new Uint8Array(0), hex('d6c3c40002'))).toThrow(/code table/);
    const { base, target } = edited4096();
    expect(() => applyDelta(base, makeDelta(base, target), { maxTargetBytes: 1000 })).toThrow(/larger than 1000/);
  });

  it('throws only DeltaError, never another error, for corrupted or truncated deltas', () => {
    const { base, target } = edited4096();
    const delta = makeDelta(base, target);
    fc.assert(fc.property(fc.nat(delta.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(delta.length), (at, mask, cut) => {
      const bad = delta.slice(0, Math.max(at + 1, cut));
      bad[at] ^= mask;
      try {
        const out = applyDelta(base, bad);
        expect(out).toBeInstanceOf(Uint8Array); // a corruption may still decode; the digest check catches it
      } catch (err) {
        expect(err).toBeInstanceOf(DeltaError);
      }
    }), { numRuns: 500 });
  });
});
