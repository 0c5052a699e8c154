import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BEACON_GUARD_US,
  BEACON_PERIOD_US,
  BEACON_RESERVED_US,
  BEACON_WINDOW_US,
  PING_SLOT_US,
  PingSlotSchedule,
  beaconStartsUs,
  nextPingSlotUs,
  pingNbFromPeriod,
  pingOffset,
  pingPeriodFromPeriodicity,
  pingSlotStartsUs,
} from '../../src/lorawan/classb.js';
import { describeShared, readFixture, readSharedJson } from '../helpers/shared.js';

interface PingVector {
  beaconTimeGps: number;
  address: string;
  pingPeriod: number;
  pingNb: number;
  pingOffset: number;
  firstSlotStartGpsS: number;
}

describeShared('ping-slot vectors (shared/vectors/lorawan/pingslot.json)', () => {
  it('reproduces every offset, slot count and first slot start', () => {
    const vectors = readSharedJson<{ vectors: PingVector[] }>('vectors', 'lorawan', 'pingslot.json').vectors;
    expect(vectors.length).toBeGreaterThanOrEqual(80);
    for (const v of vectors) {
      const address = Number.parseInt(v.address, 16);
      const firstUs = Math.round(v.firstSlotStartGpsS * 1e6);
      expect(pingNbFromPeriod(v.pingPeriod)).toBe(v.pingNb);
      expect(pingOffset(v.beaconTimeGps, address, v.pingPeriod), JSON.stringify(v)).toBe(v.pingOffset);
      const slots = pingSlotStartsUs(v.beaconTimeGps, address, v.pingPeriod);
      expect(slots.length).toBe(v.pingNb);
      expect(slots[0]).toBe(firstUs);
      expect(new PingSlotSchedule(address, v.pingPeriod).nextSlotUs(v.beaconTimeGps * 1e6)).toBe(firstUs);
    }
  });
});

describe('class B ping slots (fixture: ChirpStack test_get_next_ping_slot_after, reference 3.2)', () => {
  const fx = readFixture<{ nextSlot: number[][]; offsets: number[][] }>('lorawan-pingslot.json');

  it('finds the next slot after a time exactly as the ChirpStack unit test', () => {
    for (const [afterS, pingNb, address, nextUs, offset, beaconTime] of fx.nextSlot) {
      const pingPeriod = 4096 / pingNb;
      expect(nextPingSlotUs(afterS * 1e6, address, pingPeriod)).toBe(nextUs);
      expect(pingOffset(beaconTime, address, pingPeriod)).toBe(offset);
    }
  });

  it('computes the additional offsets of the reference for real addresses and beacon times', () => {
    for (const [beaconTime, address, pingNb, offset] of fx.offsets) {
      expect(pingOffset(beaconTime, address, 4096 / pingNb)).toBe(offset);
    }
  });
});

describe('class B timing', () => {
  it('splits the 128 s beacon period into 2.120 s reserved, 4096 slots of 30 ms and 3 s guard', () => {
    expect(BEACON_RESERVED_US + BEACON_WINDOW_US + BEACON_GUARD_US).toBe(BEACON_PERIOD_US);
    expect(4096 * PING_SLOT_US).toBe(BEACON_WINDOW_US);
  });

  it('maps periodicity 0..7 to ping periods 32..4096 and 128..1 slots per beacon period', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(pingPeriodFromPeriodicity)).toEqual([32, 64, 128, 256, 512, 1024, 2048, 4096]);
    expect([32, 4096].map(pingNbFromPeriod)).toEqual([128, 1]);
    expect(() => pingNbFromPeriod(100)).toThrow(/power of two/);
    expect(() => pingNbFromPeriod(16)).toThrow(RangeError);
  });

  it('lists beacon starts at GPS multiples of 128 s inside [from, to)', () => {
    expect(Array.from(beaconStartsUs(1, 3 * BEACON_PERIOD_US))).toEqual([BEACON_PERIOD_US, 2 * BEACON_PERIOD_US]);
    expect(Array.from(beaconStartsUs(0, BEACON_PERIOD_US + 1))).toEqual([0, BEACON_PERIOD_US]);
    expect(beaconStartsUs(5, 5).length).toBe(0);
  });

  it('the schedule agrees with a brute-force search over every slot, for increasing and arbitrary query times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom(32, 128, 1024, 4096),
        fc.integer({ min: 10_000_000, max: 12_000_000 }),
        fc.array(fc.integer({ min: 0, max: 3 * BEACON_PERIOD_US }), { minLength: 1, maxLength: 8 }),
        (address, pingPeriod, beaconIndex, offsetsUs) => {
          const baseUs = beaconIndex * BEACON_PERIOD_US;
          const schedule = new PingSlotSchedule(address, pingPeriod);
          const all: number[] = [];
          for (let k = 0; k < 5; k++) all.push(...pingSlotStartsUs((baseUs / 1e6) + 128 * k, address, pingPeriod));
          for (const t of offsetsUs.map((o) => baseUs + o)) {
            const expected = all.find((s) => s >= t);
            expect(schedule.nextSlotUs(t)).toBe(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every slot lies inside the ping window of its beacon period', () => {
    const slots = pingSlotStartsUs(1_388_102_528, 0x01abcdef, 32);
    const beaconUs = 1_388_102_528e6;
    expect(slots.length).toBe(128);
    for (const s of slots) {
      expect(s).toBeGreaterThanOrEqual(beaconUs + BEACON_RESERVED_US);
      expect(s + PING_SLOT_US).toBeLessThanOrEqual(beaconUs + BEACON_RESERVED_US + BEACON_WINDOW_US);
    }
  });

  it('offset() of the schedule equals pingOffset for the same beacon', () => {
    const s = new PingSlotSchedule(0x26011bda, 4096);
    expect(s.offset(1_234_567_936)).toBe(2937);
  });
});
