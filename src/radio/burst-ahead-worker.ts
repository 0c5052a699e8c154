/**
 * Worker-thread entry of the burst walk-ahead (burst-ahead.ts): walks the shared sojourns until told
 * to stop.
 */
import { workerData } from 'node:worker_threads';
import { walkAheadLoop, type AheadShared } from './burst-ahead.js';

walkAheadLoop(workerData as AheadShared);
