/**
 * The JSON Schema of scenario files, generated from the zod schema (scenarios/schema.json is this
 * text; `fuota-sim schema --write` rewrites it and a test fails when the committed file is stale).
 * Draft-07, which editors support widely; it describes the input, so fields with defaults are optional.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** The JSON Schema object for scenario files. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: 'fuota-sim scenario', ...rest };
}

/** The schema as the text of scenarios/schema.json (2-space indent, final newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
