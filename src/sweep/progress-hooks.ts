/** Sweep progress (runs done of runs to do, rate, ETA) drawn with the terminal progress bar (output/progress.ts). */
import { createProgress, type Progress } from '../output/progress.js';
import type { SweepRunOptions } from './runner.js';

export interface ProgressHooks extends Required<Pick<SweepRunOptions, 'onStart' | 'onProgress'>> {
  stop(): void;
}

/** Hooks for executeSweep that draw a bar labelled `label` on standard error (unless `quiet`). */
export function progressHooks(label: string, quiet: boolean | undefined): ProgressHooks {
  let bar: Progress | null = null;
  return {
    onStart: (total) => {
      bar = createProgress({ total, label, quiet, unit: 'runs' });
    },
    onProgress: (done, _total, runId) => bar?.update(done, runId),
    stop: () => bar?.stop(),
  };
}
