import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adler32 } from '../../../src/fuota/image/adler32.js';
import { ByteReader, ByteWriter, intLength } from '../../../src/fuota/image/vcdiff-int.js';
import {
  ADD, AddressCache, COPY, DEFAULT_TABLE, MODE_COUNT, NOOP, pairOpcode, RUN, singleOpcode,
} from '../../../src/fuota/image/vcdiff-table.js';

const entry = (i: number): number[] => {
  const t = DEFAULT_TABLE;
  return [t.inst1[i], t.size1[i], t.mode1[i], t.inst2[i], t.size2[i], t.mode2[i]];
};

describe('the VCDIFF default code table (RFC 3284 §5.6)', () => {
  it('has the entries at the indices the RFC lists', () => {
    expect(entry(0)).toEqual([RUN, 0, 0, NOOP, 0, 0]);
    expect(entry(1)).toEqual([ADD, 0, 0, NOOP, 0, 0]);
    expect(entry(18)).toEqual([ADD, 17, 0, NOOP, 0, 0]);
    expect(entry(19)).toEqual([COPY, 0, 0, NOOP, 0, 0]);
    expect(entry(34)).toEqual([COPY, 18, 0, NOOP, 0, 0]);
    expect(entry(147)).toEqual([COPY, 0, 8, NOOP, 0, 0]);
    expect(entry(163)).toEqual([ADD, 1, 0, COPY, 4, 0]);
    expect(entry(165)).toEqual([ADD, 1, 0, COPY, 6, 0]);
    expect(entry(174)).toEqual([ADD, 4, 0, COPY, 6, 0]);
    expect(entry(234)).toEqual([ADD, 4, 0, COPY, 6, 5]);
    expect(entry(235)).toEqual([ADD, 1, 0, COPY, 4, 6]);
    expect(entry(246)).toEqual([ADD, 4, 0, COPY, 4, 8]);
    expect(entry(247)).toEqual([COPY, 4, 0, ADD, 1, 0]);
    expect(entry(255)).toEqual([COPY, 4, 8, ADD, 1, 0]);
  });

  it('is inverted exactly by singleOpcode and pairOpcode for every entry', () => {
    for (let i = 0; i < 256; i++) {
      const [i1, s1, m1, i2, s2, m2] = entry(i);
      if (i2 === NOOP) {
        const op = singleOpcode(i1, s1 === 0 ? 300 : s1, m1);
        expect(op).toEqual({ opcode: i, inline: s1 !== 0 });
      } else {
        expect(pairOpcode(i1, s1, m1, i2, s2, m2)).toBe(i);
      }
    }
    expect(pairOpcode(ADD, 5, 0, COPY, 4, 0)).toBe(-1);
    expect(pairOpcode(ADD, 1, 0, COPY, 5, 6)).toBe(-1);
    expect(pairOpcode(COPY, 5, 0, ADD, 1, 0)).toBe(-1);
  });
});

describe('VCDIFF integers (RFC 3284 §2)', () => {
  it('encode 123456789 as the RFC example bytes BA EF 9A 15', () => {
    const w = new ByteWriter();
    w.int(123456789);
    expect(Buffer.from(w.view()).toString('hex')).toBe('baef9a15');
    expect(intLength(123456789)).toBe(4);
  });

  it('round-trip any safe integer and report their length', () => {
    fc.assert(fc.property(fc.array(fc.maxSafeNat(), { maxLength: 20 }), (values) => {
      const w = new ByteWriter(1);
      for (const v of values) w.int(v);
      const bytes = w.view().slice();
      expect(bytes.length).toBe(values.reduce((n, v) => n + intLength(v), 0));
      const r = new ByteReader(bytes, 0, bytes.length, 'test');
      expect(values.map(() => r.int())).toEqual(values);
      expect(r.done).toBe(true);
    }));
  });
});

describe('the address cache (RFC 3284 §5.1–§5.4)', () => {
  it('decodes every address the encoder chose a mode for, in step with it', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(5000), fc.nat(5000)), { minLength: 1, maxLength: 60 }), (copies) => {
      const enc = new AddressCache();
      const dec = new AddressCache();
      for (const [a, extra] of copies) {
        const here = a + 1 + extra;
        const mode = enc.encode(a, here);
        expect(mode).toBeGreaterThanOrEqual(0);
        expect(mode).toBeLessThan(MODE_COUNT);
        if (AddressCache.isSameMode(mode)) expect(enc.encoded).toBeLessThan(256);
        expect(dec.decode(mode, enc.encoded, here)).toBe(a);
      }
    }));
  });

  it('picks the same cache for an address just used and HERE for a recent one', () => {
    const c = new AddressCache();
    expect(c.encode(100_000, 100_010)).toBe(1); // here − addr = 10 beats SELF
    expect(c.encode(100_000, 200_000)).toBeGreaterThanOrEqual(6); // exact repeat: one byte
  });
});

describe('adler32', () => {
  it('matches the RFC 1950 value of "Wikipedia" and of a long input', () => {
    expect(adler32(new Uint8Array(Buffer.from('Wikipedia'))).toString(16)).toBe('11e60398');
    expect(adler32(new Uint8Array(0))).toBe(1);
    // 100000 × 0xff: b and a wrap many times; value from the definition, computed with BigInt
    const big = new Uint8Array(100_000).fill(0xff);
    let a = 1n, b = 0n;
    for (const x of big) { a = (a + BigInt(x)) % 65521n; b = (b + a) % 65521n; }
    expect(adler32(big)).toBe(Number((b << 16n) | a));
  });
});
