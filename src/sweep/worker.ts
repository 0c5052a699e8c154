/** Worker-thread entry of the sweep pool (pool.ts): runs one sweep run per message. */
import { executeRun } from './execute.js';
import { serveTasks } from './pool.js';

serveTasks(executeRun);
