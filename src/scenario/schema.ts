/**
 * The scenario schema: the single source of the scenario's types, static defaults, documentation
 * (`.describe()` on every field; the JSON Schema in scenarios/schema.json and the field table in
 * docs/scenarios.md come from it) and error wording. Public names: ../shared contract/scenario.md.
 *
 * Defaults that depend on other fields (fragment size, data rate, frequency, session timeout,
 * FragIndex, image size, device count, gateway power) are left optional here and filled by
 * `derive.ts`; `resolveScenario` then returns the complete `ResolvedScenario`.
 */
import { z } from 'zod';
import { int, isUtcTime, oneOf, says, show } from './fields.js';
import { NAME_PATTERN, NAME_RULE, nameProblem } from './names.js';
import { devicesSchema, gatewaysSchema } from './schema-fleet.js';
import { firmwareSchema, fuotaTaskSchema, multicastGroupSchema } from './schema-task.js';
import {
  channelSchema, completionSchema, outputsSchema, setupSchema, simulationSchema, trafficSchema,
} from './schema-world.js';

export const REGIONS = ['EU868', 'US915', 'AU915', 'AS923-1', 'IN865'] as const;

const START_ALLOWED = 'an ISO-8601 UTC time after 1980-01-06, e.g. "2026-01-05T00:00:00Z"';

const startTime = z
  .string({ error: says(START_ALLOWED) })
  .refine(isUtcTime, {
    error: (iss) => `${show(iss.input)} is not valid; allowed: ${START_ALLOWED}`,
  })
  .default('2026-01-05T00:00:00Z')
  .describe('Wall-clock time of simulation time 0 (UTC); GPS time and class B beacons follow from it. Default: "2026-01-05T00:00:00Z".');

const name = z
  .string({ error: says(NAME_RULE) })
  .regex(NAME_PATTERN, { error: (iss) => `${show(iss.input)} ${nameProblem(String(iss.input)) ?? 'is not allowed'}; allowed: ${NAME_RULE}` })
  .optional()
  .describe(`Scenario name; also the results folder name: ${NAME_RULE}. Default: the file's base name, lower-cased, other characters replaced by "-".`);

const sweepErr = says('null or an object of dotted paths to non-empty lists of values');
const sweep = z
  .record(z.string(), z.array(z.unknown(), { error: sweepErr }).min(1, { error: sweepErr }), { error: sweepErr })
  .nullable()
  .default(null)
  .describe('Runs the cartesian product of dotted paths to lists of values, e.g. {"multicastGroup.dlClass": ["ClassB", "ClassC"], "fuotaTask.redundancyPercent": [5, 10]}; keys in file order, the last varying fastest. Default: null.');

export const scenarioSchema = z
  .strictObject(
    {
      $schema: z.string({ error: says('a string (the path of schema.json)') }).optional()
        .describe('Path or URL of the JSON Schema, for editor completion ("./schema.json" next to the examples).'),
      name,
      description: z.string({ error: says('a string') }).max(4096, { error: says('a string of at most 4096 characters') })
        .default('').describe('Free text: what the scenario shows. Default: "".'),
      seed: int(0, 4_294_967_295, 'Seed of every random draw; the same seed gives byte-identical results.', 1),
      replications: int(1, 10_000, 'Runs with seeds seed, seed + 1, ...; summaries add the mean and a 95 % confidence interval.', 1),
      region: oneOf(REGIONS, 'LoRaWAN regional parameters.', 'EU868'),
      startTime,
      firmware: firmwareSchema,
      fuotaTask: fuotaTaskSchema,
      multicastGroup: multicastGroupSchema,
      devices: devicesSchema,
      gateways: gatewaysSchema,
      channel: channelSchema,
      traffic: trafficSchema,
      setup: setupSchema,
      completion: completionSchema,
      simulation: simulationSchema,
      outputs: outputsSchema,
      sweep,
    },
    { error: says('an object') },
  )
  .describe('A fuota-sim scenario: one simulated FUOTA campaign (or a sweep of them).');

/** A scenario as written by people (every field optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario after the schema: static defaults filled, derived ones still optional. */
export type ParsedScenario = z.output<typeof scenarioSchema>;
