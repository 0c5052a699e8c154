/** `fuota-sim schema [--write]`: prints or rewrites the JSON Schema of scenario files. */
import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { scenarioJsonSchemaText } from '../../scenario/index.js';
import { CliError } from '../errors.js';

interface SchemaArgs {
  write: boolean;
  file: string;
}

export const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor completion), or rewrite scenarios/schema.json',
  builder: (y) =>
    y
      .option('write', { type: 'boolean', default: false, describe: 'write the schema to --file instead of printing it' })
      .option('file', { type: 'string', default: 'scenarios/schema.json', describe: 'where --write puts the schema' })
      .example('$0 schema > my-schema.json', 'save the schema anywhere')
      .example('$0 schema --write', 'refresh scenarios/schema.json after changing the scenario schema')
      .epilog('Scenario files point at it with "$schema": "./schema.json" to get completion and checks in editors.'),
  handler: (argv) => {
    const text = scenarioJsonSchemaText();
    if (!argv.write) {
      process.stdout.write(text);
      return;
    }
    try {
      writeFileSync(argv.file, text);
    } catch (err) {
      throw new CliError(`cannot write ${argv.file}: ${(err as Error).message}`, 2);
    }
    process.stdout.write(`wrote ${argv.file}\n`);
  },
};
