/**
 * Validation case 15: booking the session (scenarios/validation/booking.json). The earliest booking is
 * the whole second after the last set-up time of the probe; leadTimeFor…S are order statistics of those
 * times, and a run booked that far ahead is the probe up to its SessionTime, so it sets up exactly the
 * devices the probe had set up by then. ChirpStack's start follows flow.rs. docs/validation.md, case 15.
 */
import { describe, expect, it } from 'vitest';
import { measureBooking, setUpBy } from '../../bench/validation/measure-session.js';

const b = measureBooking();
const x = b.earliest.summary;
const n = b.readyAtS.length;

describe('booking the session (after-setup, fixed leads, AWS minimum, ChirpStack)', () => {
  // Tolerance: none for the booking itself (whole GPS seconds), under 1 s of idle time.
  it('books the earliest session at the next whole second after the last device was set up', () => {
    expect(x.fleetReadyS).toBe(b.readyAtS[n - 1]);
    expect(x.sessionStartS).toBe(Math.ceil(b.readyAtS[n - 1]));
    expect(x.idleBeforeSessionS).toBeLessThan(1);
    expect(b.rows[0].updated).toBe(n);
  });

  // Tolerance: none. leadTimeForQ is the ceil(Q·n)-th set-up time; the booked run equals the probe
  // until SessionTime, so the devices the server had set up by then are exactly the probe's.
  it('gives lead times that set up the share they promise, exactly as the probe says', () => {
    for (const [q, row] of [[0.9, b.rows[1]], [0.95, b.rows[2]], [0.99, b.rows[3]]] as const) {
      expect(row.leadS).toBe(Math.ceil(b.readyAtS[Math.ceil(q * n) - 1]));
      expect(row.setUpByServer).toBe(setUpBy(b.readyAtS, row.leadS!));
      expect(row.setUpByServer).toBeGreaterThanOrEqual(Math.ceil(q * n));
      expect(row.updated / n).toBeGreaterThanOrEqual(q);
    }
  });

  it('sets up only the devices ready within 30 min when booked at the AWS minimum lead', () => {
    const aws = b.rows[4];
    expect(aws.sessionStartS).toBe(1800);
    expect(aws.setUpByServer).toBe(setUpBy(b.readyAtS, 1800));
    // premise: 30 minutes are far too short for this fleet (77 of 300 set up, docs/validation.md case 15)
    expect(aws.setUpByServer).toBeLessThan(0.5 * n);
  });

  // ChirpStack v4 flow.rs: start = the session step's first run + (max retries + 1) × uplink interval,
  // the step running a whole number of intervals after the campaign start (two group steps before it).
  it('starts ChirpStack\'s session (maxRetries + 1) uplink intervals after its session step, itself a whole number of intervals in', () => {
    const cs = b.rows[5];
    const stepS = cs.sessionStartS! - 4 * 900;
    expect(stepS % 900).toBe(0);
    expect(stepS).toBeGreaterThanOrEqual(1800);
    expect(cs.joined).toBeLessThan(n);
  });

  it('needed none of the idle margin the former default added', () => {
    expect(b.formerMarginS).toBeGreaterThan(7000);
  });
});
