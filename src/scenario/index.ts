/** The scenario API: schema, loading and resolution, sweep expansion. */
export type * from './types.js';
export { scenarioSchema, REGIONS, type ScenarioInput, type ParsedScenario } from './schema.js';
export { ScenarioError } from './errors.js';
export { loadScenarioFile, parseScenarioText, type LoadedScenario } from './load.js';
export { resolveScenario, type ResolveOptions } from './resolve.js';
export { expandSweep, type SweepPoint, type SweepOptions } from './sweep.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.js';
export { scenarioFieldTable, replaceFieldTable } from './docs.js';
