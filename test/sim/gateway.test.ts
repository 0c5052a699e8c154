import { describe, expect, it } from 'vitest';
import { GatewayRadio } from '../../src/sim/gateway.js';
import { getRegion } from '../../src/lorawan/regions/index.js';

const EU = getRegion('EU868');
const P = 869_525_000; // 10 % sub-band
const M = 868_100_000; // 1 % sub-band

describe('GatewayRadio', () => {
  it('waits for its own frame to end and, off-time, for the silence ToA·(1/dc − 1) after it', () => {
    const gw = new GatewayRadio(0, EU, 'off-time');
    expect(gw.earliestStartUs(0, P, 100_000)).toBe(0);
    gw.transmit(0, 100_000, P);
    expect(gw.earliestStartUs(50_000, P, 100_000)).toBe(1_000_000); // 100 ms at 10 %: free again at 1 s
    expect(gw.earliestStartUs(50_000, M, 10_000)).toBe(100_000); // other sub-band: only the radio is busy
    expect(gw.canStartNow(1_000_000, P, 100_000)).toBe(true);
  });

  it('counts the wait a frame had because of the duty cycle only', () => {
    const gw = new GatewayRadio(0, EU, 'off-time');
    gw.transmit(0, 100_000, P);
    gw.transmit(1_000_000, 100_000, P, 400_000);
    expect(gw.dutyCycleWaitUs).toBe(600_000);
  });

  it('knows when it was transmitting (half-duplex: no reception then)', () => {
    const gw = new GatewayRadio(0, EU, 'sliding-window');
    gw.transmit(1_000, 500, P);
    expect(gw.transmittingDuring(0, 1_000)).toBe(false);
    expect(gw.transmittingDuring(0, 1_001)).toBe(true);
    expect(gw.transmittingDuring(1_499, 3_000)).toBe(true);
    expect(gw.transmittingDuring(1_500, 3_000)).toBe(false);
  });

  it('says whether a frame leaves room for a later one (beacons have priority)', () => {
    const off = new GatewayRadio(0, EU, 'off-time');
    // 100 ms at 10 % silences the band for 1 s in all
    expect(off.leavesRoomFor(0, 100_000, P, 1_000_000, 150_000, P)).toBe(true);
    expect(off.leavesRoomFor(0, 100_000, P, 999_999, 150_000, P)).toBe(false);
    expect(off.leavesRoomFor(0, 100_000, M, 200_000, 150_000, P)).toBe(true); // other sub-band
    expect(off.leavesRoomFor(0, 100_000, M, 50_000, 150_000, P)).toBe(false); // the radio is still busy
    const win = new GatewayRadio(0, EU, 'sliding-window');
    // 359.9 s of airtime already in this hour: 0.1 s more fits, not 0.1 s plus a 0.15 s beacon
    win.transmit(0, 359_900_000, P);
    expect(win.leavesRoomFor(400_000_000, 50_000, P, 500_000_000, 50_000, P)).toBe(true);
    expect(win.leavesRoomFor(400_000_000, 100_000, P, 500_000_000, 150_000, P)).toBe(false);
  });

  it('refuses a frequency outside every sub-band of the region', () => {
    const gw = new GatewayRadio(0, EU, 'sliding-window');
    expect(() => gw.earliestStartUs(0, 915_000_000, 1_000)).toThrow(/outside every EU868 sub-band/);
  });
});
