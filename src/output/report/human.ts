/** Numbers for people (the report's headline cards): durations, shares, energy, sizes. Locale-free. */
import { groupDigits } from '../format.js';

/** `42.1 s`, `12.3 min`, `5 h 07 min`; an em dash for "never reached". */
export function humanDuration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—';
  if (s < 120) return `${Number(s.toFixed(s < 10 ? 2 : 1))} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  const totalMin = Math.round(s / 60);
  return `${Math.floor(totalMin / 60)} h ${String(totalMin % 60).padStart(2, '0')} min`;
}

/** A share as a percentage with enough decimals to be useful: `97.3 %`, `0.066 %`. */
export function humanPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = share * 100;
  const digits = pct === 0 || Math.abs(pct) >= 10 ? 1 : Math.abs(pct) >= 1 ? 2 : 3;
  return `${Number(pct.toFixed(digits))} %`;
}

/** `867 mJ`, `1.24 J`. */
export function humanEnergy(j: number | null | undefined): string {
  if (j === null || j === undefined || !Number.isFinite(j)) return '—';
  return Math.abs(j) < 1 ? `${Number((j * 1000).toPrecision(3))} mJ` : `${Number(j.toPrecision(3))} J`;
}

/** `256 KiB`, `1.5 MiB`, `900 B`. */
export function humanBytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1024 * 1024) return `${Number((b / 1024).toFixed(1))} KiB`;
  return `${Number((b / 1024 / 1024).toFixed(2))} MiB`;
}

/** An integer with thousands separators. */
export function humanCount(n: number): string {
  return groupDigits(n);
}
