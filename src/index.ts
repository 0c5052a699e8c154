/** The library API. The CLI is a thin shell over these. */
export type { ResolvedScenario } from './scenario/types.js';
export type { RunResult, Summary, DeviceStatus } from './sim/types.js';
