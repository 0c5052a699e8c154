/** Every `fuota-sim` sub-command, one module each (yargs wiring only). */
import type { CommandModule } from 'yargs';
import { compareCommand } from './compare.js';
import { fragCommand } from './frag.js';
import { importCommand } from './import.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { plotCommand } from './plot.js';
import { runCommand } from './run.js';
import { schemaCommand } from './schema.js';
import { sweepCommand } from './sweep.js';
import { validateCommand } from './validate.js';

/** In the order `--help` lists them: the everyday commands first. */
export const commands: CommandModule<any, any>[] = [
  runCommand,
  sweepCommand,
  planCommand,
  compareCommand,
  mergeCommand,
  plotCommand,
  validateCommand,
  schemaCommand,
  importCommand,
  fragCommand,
];
