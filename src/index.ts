/**
 * The fuota-sim library API. The `fuota-sim` command line is a thin shell over these functions;
 * everything else under src/ is internal and may change.
 */
// errors every function may throw: problems a user can fix (InputError, exit code 2) or a failed check
export { FuotaSimError, InputError, CheckFailedError, EXIT } from './errors/index.js';
// scenarios
export type { ResolvedScenario } from './scenario/types.js';
export { loadScenarioFile, resolveScenario, expandSweep, ScenarioError, scenarioJsonSchema } from './scenario/index.js';
// one run
export type { RunResult, Summary, DeviceStatus, DeviceTable, TransmissionTable } from './sim/types.js';
export { simulate, SIMULATOR_VERSION, type SimulateOptions } from './sim/simulate.js';
export { writeRunResults } from './output/results.js';
export { readRunResults } from './output/read.js';
// many runs
export { runSweep } from './sweep/prepare.js';
export { mergeShards } from './sweep/merge.js';
export { loadSummarySet, compareSummaries } from './sweep/compare.js';
export { planCapacity } from './sweep/capacity.js';
export { importAws } from './sweep/aws-import.js';
// the TS004 codec
export { FragDecoder, ParityRowCache, encodeFragments, fragmentPlan } from './fuota/ts004/index.js';
