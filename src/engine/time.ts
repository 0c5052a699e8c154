/** Simulation time is an integer number of microseconds. */
export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;

export const sToUs = (s: number): number => Math.round(s * US_PER_S);
export const msToUs = (ms: number): number => Math.round(ms * US_PER_MS);
export const usToS = (us: number): number => us / US_PER_S;
