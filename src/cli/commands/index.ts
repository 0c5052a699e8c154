/** Every `fuota-sim` sub-command, one module each (yargs wiring only). */
import type { CommandModule } from 'yargs';
import { compareCommand } from './compare.js';

export const commands: CommandModule<any, any>[] = [compareCommand];
