/** The scenario API: schema, loading and resolution, sweep expansion. */
export type * from './types.js';
export { scenarioSchema, REGIONS, type ScenarioInput, type ParsedScenario } from './schema.js';
export { ScenarioError } from './errors.js';
export {
  isJsonSchemaDocument, loadScenarioFile, parseScenarioText, readScenarioFile, readScenarioText, resolveLoaded, type LoadedScenario, type LoadOptions,
} from './load.js';
export { placeholderNotes } from './placeholders.js';
export { nameFromText, nameProblem, NAME_RULE } from './names.js';
export { RUN_LIMITS, SWEEP_LIMITS, HARD_LIMITS, estimateRun, minUplinkIntervalS, type RunEstimate } from './limits.js';
export { resolveScenario, type ResolveOptions } from './resolve.js';
export { expandSweep, type SweepPoint, type SweepOptions } from './sweep.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.js';
export { scenarioFieldTable, replaceFieldTable } from './docs.js';
