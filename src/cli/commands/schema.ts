/** `fuota-sim schema [--write] [--markdown]`: prints or rewrites the JSON Schema of scenario files and its field reference. */
import { existsSync, readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { fsReason, showPath } from '../../errors/index.js';
import { writeFileAtomic } from '../../output/atomic.js';
import { checkOutputFile } from '../../output/target.js';
import { CliError } from '../errors.js';

interface SchemaArgs {
  write: boolean;
  markdown: boolean;
  file: string;
  docs: string;
}

/** Replaces a regular file (or makes a new one) atomically. */
async function write(path: string, text: string, option: string): Promise<void> {
  checkOutputFile(path, { overwrite: true, option });
  await writeFileAtomic(path, text);
  process.stdout.write(`wrote ${showPath(path)}\n`);
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
    await write(argv.file, scenarioJsonSchemaText(), '--file');
    if (!existsSync(argv.docs)) return;
    let docs: string;
    try {
      docs = readFileSync(argv.docs, 'utf8');
    } catch (err) {
      throw new CliError(`--docs ${showPath(argv.docs)}: cannot read it (${fsReason(err)})`, 2);
    }
    const updated = replaceFieldTable(docs);
    if (updated === null) throw new CliError(`--docs ${showPath(argv.docs)}: has no field-table markers; not changed`, 2);
    await write(argv.docs, updated, '--docs');
  },
};
