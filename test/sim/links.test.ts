import { describe, expect, it } from 'vitest';
import { buildLinks } from '../../src/sim/links.js';
import { pathLossDb } from '../../src/radio/pathloss.js';
import { makeScenario } from '../helpers/scenario.js';

const FREQ = 868_100_000;

function positions(xs: number[], ys: number[]) {
  return { xM: Float64Array.from(xs), yM: Float64Array.from(ys) } as never;
}

describe('link table with correlated shadowing', () => {
  const s = makeScenario({ gateways: { positions: [[0, 0], [3000, 0]] }, channel: { shadowingSigmaDb: 8, shadowingCorrelationM: 110 } });

  it('gives neighbours close shadowing and distant devices independent shadowing, per gateway', () => {
    const xs: number[] = [], ys: number[] = [];
    for (let k = 0; k < 300; k++) xs.push(37 * k, 37 * k + 5, 37 * k + 2000), ys.push(1000, 1000, 1000);
    const t = buildLinks(s, positions(xs, ys), FREQ);
    const shadow = (d: number, g: number) => t.lossDb[d * 2 + g] - pathLossDb(s.channel.pathLoss, Math.hypot(xs[d] - s.gateways.positions[g][0], ys[d]), FREQ);
    let near = 0, far = 0, otherGw = 0;
    for (let k = 0; k < 300; k++) {
      near += Math.abs(shadow(3 * k, 0) - shadow(3 * k + 1, 0)) / 300;
      far += Math.abs(shadow(3 * k, 0) - shadow(3 * k + 2, 0)) / 300;
      otherGw += Math.abs(shadow(3 * k, 0) - shadow(3 * k, 1)) / 300;
    }
    // E|Δ| = σ·√(2(1 − ρ))·√(2/π): 1.9 dB at 5 m, 9.0 dB when independent
    expect(near).toBeLessThan(2.6);
    expect(far).toBeGreaterThan(7.5);
    expect(otherGw).toBeGreaterThan(7.5);
  });

  it('does not depend on device numbering or fleet size (a device keeps its loss)', () => {
    const a = buildLinks(s, positions([10, 700, -300], [20, -40, 900]), FREQ);
    const b = buildLinks(s, positions([-300, 55, 700, 10], [900, 55, -40, 20]), FREQ);
    expect(b.lossDb[3 * 2]).toBe(a.lossDb[0]);
    expect(b.lossDb[2 * 2 + 1]).toBe(a.lossDb[1 * 2 + 1]);
    expect(b.lossDb[0]).toBe(a.lossDb[2 * 2]);
  });

  it('keeps the independent per-link draws when the distance is 0', () => {
    const ind = makeScenario({ channel: { shadowingSigmaDb: 8, shadowingCorrelationM: 0 } });
    const t = buildLinks(ind, positions([1000, 1000.5], [0, 0]), FREQ);
    expect(Math.abs(t.lossDb[0] - t.lossDb[1])).toBeGreaterThan(0.01);
  });
});
