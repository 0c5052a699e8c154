import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GPS_LEAP_SECONDS, GPS_UNIX_OFFSET_S, gpsToUnixS, isoToGpsUs, unixToGpsS } from '../../src/lorawan/gps.js';

describe('GPS time (reference 4.3)', () => {
  it('uses the GPS epoch offset 315964800 s and 18 leap seconds', () => {
    expect(GPS_UNIX_OFFSET_S).toBe(315_964_800);
    expect(GPS_LEAP_SECONDS).toBe(18);
    expect(new Date(GPS_UNIX_OFFSET_S * 1000).toISOString()).toBe('1980-01-06T00:00:00.000Z');
  });

  it('converts the reference test dates', () => {
    expect(unixToGpsS(1_704_067_200)).toBe(1_388_102_418); // 2024-01-01T00:00:00Z
    expect(unixToGpsS(1_751_284_800)).toBe(1_435_320_018); // 2025-06-30T12:00:00Z
    expect(isoToGpsUs('2024-01-01T00:00:00Z')).toBe(1_388_102_418_000_000);
    expect(isoToGpsUs('2025-06-30T12:00:00Z')).toBe(1_435_320_018_000_000);
    expect(isoToGpsUs('2025-06-30T14:00:00.250+02:00')).toBe(1_435_320_018_250_000);
  });

  it('round-trips Unix and GPS seconds', () => {
    fc.assert(fc.property(fc.integer({ min: 1_483_228_800, max: 4_102_444_800 }), (u) => {
      expect(gpsToUnixS(unixToGpsS(u))).toBe(u);
    }));
  });

  it('rejects a string that is not a date', () => {
    expect(() => isoToGpsUs('next tuesday')).toThrow(RangeError);
  });
});
