import { describe, expect, it } from 'vitest';
import { syntheticImage } from '../../../src/fuota/image/synthetic.js';

describe('syntheticImage', () => {
  it('is a pure function of (size, seed): same bytes for the same inputs, others for another seed', () => {
    for (const size of [0, 1, 3, 4, 5, 1000, 4099]) {
      const a = syntheticImage(size, 9);
      expect(a.length).toBe(size);
      expect(Buffer.compare(a, syntheticImage(size, 9))).toBe(0);
      if (size >= 4) expect(Buffer.compare(a, syntheticImage(size, 10))).not.toBe(0);
    }
  });

  it('is a prefix-stable stream: a shorter image is the start of a longer one in whole 4-byte words', () => {
    const long = syntheticImage(4096, 3);
    expect(Buffer.compare(syntheticImage(1000, 3), long.subarray(0, 1000))).toBe(0);
  });
});
