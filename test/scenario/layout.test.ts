import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gatewayLayout } from '../../src/scenario/layout.js';

describe('gatewayLayout', () => {
  it('puts a single gateway of a disc at its centre', () => {
    expect(gatewayLayout(1, { kind: 'disc', radiusM: 3000, centerM: [10, -20] })).toEqual([[10, -20]]);
  });

  it('spaces disc gateways evenly on half the radius, counter-clockwise from +x', () => {
    expect(gatewayLayout(4, { kind: 'disc', radiusM: 2000, centerM: [0, 0] })).toEqual([[1000, 0], [0, 1000], [-1000, 0], [0, -1000]]);
    expect(gatewayLayout(3, { kind: 'disc', radiusM: 2000, centerM: [0, 0] })).toEqual([[1000, 0], [-500, 866.025], [-500, -866.025]]);
  });

  it('puts ring gateways on the middle circle of the ring', () => {
    expect(gatewayLayout(2, { kind: 'ring', minM: 100, maxM: 300, centerM: [5, 5] })).toEqual([[205, 5], [-195, 5]]);
  });

  it('fills a centred grid row by row, with ceil(sqrt(n)) columns', () => {
    expect(gatewayLayout(5, { kind: 'grid', spacingM: 10, centerM: [0, 0] })).toEqual([[-10, -5], [0, -5], [10, -5], [-10, 5], [0, 5]]);
  });

  it('places every gateway of a disc layout at the same distance from the centre, all distinct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.double({ min: 10, max: 1e5, noNaN: true }), (n, r) => {
        const pts = gatewayLayout(n, { kind: 'disc', radiusM: r, centerM: [0, 0] });
        expect(pts).toHaveLength(n);
        for (const [x, y] of pts) expect(Math.hypot(x, y)).toBeCloseTo(r / 2, 2);
        expect(new Set(pts.map((p) => p.join(','))).size).toBe(n);
      }),
    );
  });
});
