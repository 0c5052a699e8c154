/** Every `fuota-sim` sub-command, one module each (yargs wiring only). */
import type { CommandModule } from 'yargs';

export const commands: CommandModule<any, any>[] = [];
