/**
 * Human quantities on the command line: durations (`90s`, `45m`, `6h`, `2d`, `1h30m`, or bare
 * seconds) and energies (`500mJ`, `5J`, `2kJ`, `0.5Wh`, `300mWh`, or bare joules).
 *
 * Ours rather than parse-duration (or ms, which takes one unit only): parse-duration skips what it
 * does not understand (`6h foo` and `6h 5x` read as 6 h, `1 30` as 130 s, `-5m` as −300 s), where a
 * wrong flag must get a clear message; and the same table-driven reader parses energies, which no
 * duration library does.
 */

const DURATION_S: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, d: 86400 };
const ENERGY_J: Record<string, number> = { uj: 1e-6, mj: 1e-3, j: 1, kj: 1e3, mwh: 3.6, wh: 3600 };

function parseQuantity(text: string, units: Record<string, number>, what: string, example: string): number {
  const s = text.trim().replace(/\s+/g, '');
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+(?:\.\d+)?)([a-zA-Zµ]+)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const unit = m[2].toLowerCase().replace('µ', 'u');
    const factor = units[unit];
    if (factor === undefined) break;
    total += Number(m[1]) * factor;
    end = re.lastIndex;
  }
  if (end === 0 || end !== s.length) {
    throw new RangeError(`"${text}" is not ${what} (units: ${Object.keys(units).join(', ')}; e.g. ${example})`);
  }
  return total;
}

/** Seconds in a duration such as `90s`, `45m`, `6h`, `2d` or `1h30m`; a bare number is seconds. */
export function parseDurationS(text: string): number {
  return parseQuantity(text, DURATION_S, 'a duration', '90s, 45m, 6h, 2d, 1h30m');
}

/** Joules in an energy such as `500mJ`, `5J`, `2kJ` or `0.5Wh`; a bare number is joules. */
export function parseEnergyJ(text: string): number {
  return parseQuantity(text, ENERGY_J, 'an energy', '500mJ, 5J, 0.5Wh');
}
