/**
 * Worker-thread entry of the decoders' pipe (decoder-pipe.ts): applies the ring of uncoded fragments
 * to the shared records until told to stop.
 */
import { workerData } from 'node:worker_threads';
import { pipeLoop, type PipeShared } from './decoder-pipe.js';

pipeLoop(workerData as PipeShared);
