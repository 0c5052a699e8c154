/** `fuota-sim schema [--write] [--markdown]`: prints or rewrites the JSON Schema of scenario files and its field reference. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { CliError } from '../errors.js';

interface SchemaArgs {
  write: boolean;
  markdown: boolean;
  file: string;
  docs: string;
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${(err as Error).message}`, 2);
  }
  process.stdout.write(`wrote ${path}\n`);
}

export const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor completion) or their field reference; --write refreshes the repository copies',
  builder: (y) =>
    y
      .option('markdown', { type: 'boolean', default: false, describe: 'print the field reference (a markdown table: field, allowed, default, meaning) instead of the JSON Schema' })
      .option('write', {
        type: 'boolean',
        default: false,
        describe: 'write the JSON Schema to --file, and the field reference into --docs when that file exists (between its field-table markers)',
      })
      .option('file', { type: 'string', default: 'scenarios/schema.json', describe: 'where --write puts the JSON Schema' })
      .option('docs', { type: 'string', default: 'docs/scenarios.md', describe: 'the document whose field table --write refreshes' })
      .example('$0 schema > my-schema.json', 'save the JSON Schema anywhere')
      .example('$0 schema --markdown', 'print every scenario field with its range and default')
      .example('$0 schema --write', 'refresh scenarios/schema.json and docs/scenarios.md after changing the scenario schema')
      .epilog('Scenario files point at the schema with "$schema": "./schema.json" to get completion and checks in editors.'),
  handler: async (argv) => {
    const { replaceFieldTable, scenarioFieldTable, scenarioJsonSchemaText } = await import('../../scenario/index.js');
    if (!argv.write) {
      process.stdout.write(argv.markdown ? scenarioFieldTable() : scenarioJsonSchemaText());
      return;
    }
    write(argv.file, scenarioJsonSchemaText());
    if (!existsSync(argv.docs)) return;
    const updated = replaceFieldTable(readFileSync(argv.docs, 'utf8'));
    if (updated === null) throw new CliError(`${argv.docs} has no field-table markers; not changed`, 2);
    write(argv.docs, updated);
  },
};
