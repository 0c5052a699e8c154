import { describe, expect, it } from 'vitest';
import { GatewayRadio, type BeaconSchedule } from '../../src/sim/gateway.js';
import { DownlinkAir } from '../../src/sim/downlink-air.js';
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

  /** Beacons of 152.576 ms on 869.525 MHz every 128 s from 128 s (the EU868 class B beacon, lorawan-facts 3.3). */
  const beacons: BeaconSchedule = {
    airUs: 152_576,
    nextEndingAfterUs: (t) => Math.max(128e6, Math.floor((t - 152_576) / 128e6 + 1) * 128e6),
    freqAtUs: () => P,
  };

  it('keeps every reserved beacon free: no frame overlaps it, on any sub-band', () => {
    const gw = new GatewayRadio(0, EU, 'sliding-window');
    gw.reserveBeacons(beacons);
    expect(gw.earliestStartUs(127_800_000, P, 394_496)).toBe(128e6 + 152_576); // would reach the beacon
    expect(gw.earliestStartUs(127_800_000, M, 394_496)).toBe(128e6 + 152_576); // half-duplex: any channel
    expect(gw.earliestStartUs(127_000_000, P, 394_496)).toBe(127_000_000); // over before the beacon
    expect(gw.earliestStartUs(127_000_000, M, 1_000_001)).toBe(128e6 + 152_576);
    expect(gw.earliestStartUs(127_000_000, P, 1_000_000)).toBe(127_000_000); // ends exactly at the beacon
    expect(gw.earliestStartUs(128_100_000, P, 10_000)).toBe(128e6 + 152_576); // inside the beacon
    expect(gw.earliestStartUs(200_000_000, P, 10_000)).toBe(200_000_000);
  });

  it('keeps the duty cycle a beacon needs: a frame that would leave too little waits for the beacon to pass', () => {
    const off = new GatewayRadio(0, EU, 'off-time');
    off.reserveBeacons(beacons);
    // 100 ms at 10 % silences sub-band P until 1 s after its start: too late for a beacon 0.5 s later
    expect(off.earliestStartUs(127_500_000, P, 100_000)).toBe(128e6 + 152_576);
    expect(off.earliestStartUs(127_500_000, M, 100_000)).toBe(127_500_000); // another sub-band's budget
    const win = new GatewayRadio(0, EU, 'sliding-window');
    win.transmit(0, 359_900_000, P); // 359.9 s of the hour's 360 s used
    win.reserveBeacons(beacons);
    // 50 ms plus the 152.6 ms beacon do not fit the hour's last 0.1 s: wait until the beacon has passed
    // and the window has room again (the first frame ages out an hour after it started)
    expect(win.earliestStartUs(100_000_000, P, 50_000)).toBeGreaterThan(128e6 + 152_576);
  });

  it('sends a reserved beacon whatever its ledger says, and refuses to start one over a frame', () => {
    const gw = new GatewayRadio(0, EU, 'sliding-window', new DownlinkAir(1));
    gw.transmit(0, 360_000_000, P); // the whole hour's budget of sub-band P
    expect(gw.canStartNow(400_000_000, P, 152_576)).toBe(false);
    expect(gw.sendBeacon(400_000_000, 152_576, P, 9)).toBe(1); // its downlink id
    expect(gw.busyUntilUs).toBe(400_152_576);
    gw.transmit(401_000_000, 100_000, M);
    expect(() => gw.sendBeacon(401_050_000, 152_576, P, 9)).toThrow(/still on the air/);
  });
});
