/**
 * Validation case 16: TS005 session timeouts (scenarios/validation/ts005-timeout.json). TS005 sends
 * the class C timeout as 2^TimeOut s ("TimeOut=8 means 256 seconds"), at most 2^15 s; LoRaMac-node
 * stops the session after `1 << SessionTimeout` s. A DR0 distribution of 9.12 h is cut at 9.10 h, and
 * the frames sent are those the off-time rule fits in it. docs/validation.md, case 16.
 */
import { describe, expect, it } from 'vitest';
import { framesWithinTimeout, measureTimeout } from '../../bench/validation/measure-session.js';
import { offTimeSessionUs } from '../../bench/validation/closed-form.js';
import { roundSessionTimeoutS, ts005TimeOut } from '../../src/scenario/derive.js';

const t = measureTimeout();

describe('TS005 session timeouts', () => {
  it('encodes class C as 2^TimeOut s (256 s is TimeOut 8) and class B as 2^TimeOut beacon periods', () => {
    expect(ts005TimeOut(256, 'ClassC')).toBe(8);
    expect([60, 3600, 32_768].map((s) => roundSessionTimeoutS(s, 'ClassC'))).toEqual([64, 4096, 32_768]);
    expect([60, 129, 172_800].map((s) => roundSessionTimeoutS(s, 'ClassB'))).toEqual([128, 256, 131_072]);
    expect(ts005TimeOut(131_072, 'ClassB')).toBe(10);
  });

  it('derives 2^15 s for a class C distribution that would take longer', () => {
    expect(offTimeSessionUs(t.airtimeUs, t.planned, 0.1) / 1e6).toBeGreaterThan(2 ** 15);
    expect(t.timeoutS).toBe(2 ** 15);
  });

  // Tolerance: none. The off-time rule spaces frames by ToA / 0.1 in whole µs and nothing else uses the
  // sub-band, so the frames that end by SessionTime + 2^15 s are countable exactly.
  it('sends exactly the frames that end within the session, and none after it', () => {
    expect(t.sent).toBe(framesWithinTimeout(t.timeoutS, t.clockToleranceS, t.airtimeUs, 0.1));
    expect(t.sent).toBeLessThan(t.planned);
    expect(t.lastEndUs).toBeLessThanOrEqual(t.sessionEndUs);
    expect(t.lastEndUs + (t.airtimeUs / 0.1)).toBeGreaterThan(t.sessionEndUs);
  });
});
