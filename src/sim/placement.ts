/**
 * Device positions from a placement description. Deterministic: drawn from the `placement` stream
 * of the run's seed, device by device, so device i keeps its position when the fleet grows.
 */
import { readFileSync } from 'node:fs';
import type { Placement } from '../scenario/types.js';
import { Purpose, uniform } from '../engine/rng.js';

export interface Positions {
  xM: Float64Array;
  yM: Float64Array;
}

/** Parses a CSV with a header naming `x` and `y` columns (metres). */
export function readPositionsCsv(file: string): Array<[number, number]> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const xi = header.findIndex((h) => h === 'x' || h === 'xm' || h === 'x_m');
  const yi = header.findIndex((h) => h === 'y' || h === 'ym' || h === 'y_m');
  if (xi < 0 || yi < 0) throw new Error(`${file}: the header must name x and y columns`);
  return lines.slice(1).map((l, n) => {
    const cells = l.split(',');
    const x = Number(cells[xi]);
    const y = Number(cells[yi]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`${file}: line ${n + 2} has no numeric x, y`);
    return [x, y];
  });
}

export function placeDevices(placement: Placement, count: number, seed: number, purpose: number = Purpose.placement): Positions {
  const xM = new Float64Array(count);
  const yM = new Float64Array(count);
  switch (placement.kind) {
    case 'disc':
    case 'ring': {
      const [cx, cy] = placement.centerM;
      const rMin = placement.kind === 'ring' ? placement.minM : 0;
      const rMax = placement.kind === 'ring' ? placement.maxM : placement.radiusM;
      for (let i = 0; i < count; i++) {
        // uniform over the annulus area: r² uniform between rMin² and rMax²
        const r = Math.sqrt(rMin * rMin + uniform(seed, purpose, i, 0) * (rMax * rMax - rMin * rMin));
        const theta = 2 * Math.PI * uniform(seed, purpose, i, 1);
        xM[i] = cx + r * Math.cos(theta);
        yM[i] = cy + r * Math.sin(theta);
      }
      break;
    }
    case 'grid': {
      const side = Math.ceil(Math.sqrt(count));
      const [cx, cy] = placement.centerM;
      const half = ((side - 1) * placement.spacingM) / 2;
      for (let i = 0; i < count; i++) {
        xM[i] = cx - half + (i % side) * placement.spacingM;
        yM[i] = cy - half + Math.floor(i / side) * placement.spacingM;
      }
      break;
    }
    case 'list':
    case 'csv': {
      const list = placement.kind === 'list' ? placement.positions : readPositionsCsv(placement.file);
      if (list.length < count) throw new Error(`placement lists ${list.length} positions for ${count} devices`);
      for (let i = 0; i < count; i++) {
        xM[i] = list[i][0];
        yM[i] = list[i][1];
      }
      break;
    }
  }
  return { xM, yM };
}
