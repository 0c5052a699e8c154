/**
 * A progress bar on standard error (cli-progress): done/total, rate and ETA. It stays silent when
 * `quiet`, when the stream is not a terminal (CI logs, pipes), and until `delayMs` has passed, so
 * short runs print nothing.
 */
import cliProgress from 'cli-progress';

/** The part of a terminal stream the bar uses (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export interface ProgressOptions {
  total: number;
  /** shown before the bar, e.g. the scenario name */
  label: string;
  quiet?: boolean;
  /** default process.stderr */
  stream?: ProgressStream;
  /** show the bar only once this much time has passed since creation (default 1000 ms) */
  delayMs?: number;
  /** clock in ms (default Date.now); tests inject one */
  now?: () => number;
  /** what is counted, for the rate, e.g. "runs" (default: none) */
  unit?: string;
}

export interface Progress {
  /** `done` of `total` finished; `info` is a short text shown after the ETA */
  update(done: number, info?: string): void;
  /** draw the final state (if the bar is showing) and release the terminal */
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

function formatRate(perS: number): string {
  if (!Number.isFinite(perS) || perS <= 0) return '–';
  return perS >= 100 ? String(Math.round(perS)) : perS.toPrecision(3);
}

export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY) return NO_PROGRESS;
  const now = opts.now ?? Date.now;
  const t0 = now();
  const delayMs = opts.delayMs ?? 1000;
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${opts.label} |{bar}| {value}/{total}${unit} · {rate}/s · ETA {eta_formatted}{info}`,
      barsize: 28,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
      gracefulExit: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  const payload = (done: number, info?: string) => ({
    rate: formatRate(done / Math.max(1e-3, (now() - t0) / 1000)),
    info: info ? ` · ${info}` : '',
  });
  return {
    update(done, info) {
      if (stopped) return;
      if (!started) {
        if (now() - t0 < delayMs) return;
        bar.start(opts.total, done, payload(done, info));
        started = true;
        return;
      }
      bar.update(done, payload(done, info));
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
