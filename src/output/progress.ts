/**
 * A progress bar on standard error (cli-progress): done/total, rate and ETA. It stays silent when
 * `quiet`, when the stream is not a terminal (CI logs, pipes), and until `delayMs` has passed, so
 * short runs print nothing.
 *
 * The ETA is ours, not cli-progress's (which divides by the progress of its last few redraws and
 * prints "NF" as soon as those did not move): the remaining work at the rate of the last
 * ETA_WINDOW_MS, or since the start when that is shorter; "…" until the bar has moved.
 */
import cliProgress from 'cli-progress';
import { humanDuration } from './report/human.js';

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
  /** show a percentage instead of done/total and a rate (for a share of one run) */
  percent?: boolean;
}

export interface Progress {
  /** `done` of `total` finished; `info` is a short text shown after the ETA */
  update(done: number, info?: string): void;
  /** draw the final state (if the bar is showing) and release the terminal */
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/** The rate behind the ETA is measured over this much recent wall time. */
export const ETA_WINDOW_MS = 20_000;

/**
 * Remaining seconds from (wall ms, done) samples, oldest first: the rate over the samples of the
 * last ETA_WINDOW_MS (at least two); null while nothing moved.
 */
export function etaSeconds(samples: ReadonlyArray<readonly [number, number]>, total: number): number | null {
  if (samples.length < 2) return null;
  const [tEnd, vEnd] = samples[samples.length - 1];
  let i = samples.length - 2;
  while (i > 0 && tEnd - samples[i - 1][0] <= ETA_WINDOW_MS) i--;
  const [t0, v0] = samples[i];
  const rate = (vEnd - v0) / Math.max(1, tEnd - t0);
  if (!(rate > 0)) return null;
  return Math.max(0, total - vEnd) / rate / 1000;
}

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
      format: opts.percent
        ? `${opts.label} |{bar}| {percentage} % · ETA {etaText}{info}`
        : `${opts.label} |{bar}| {value}/{total}${unit} · {rate}/s · ETA {etaText}{info}`,
      barsize: 28,
      hideCursor: true,
      clearOnComplete: false,
      fps: 10,
      gracefulExit: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  const samples: Array<[number, number]> = [[t0, 0]];
  const payload = (done: number, info?: string) => {
    const t = now();
    if (done !== samples[samples.length - 1][1]) samples.push([t, done]);
    while (samples.length > 2 && t - samples[1][0] > ETA_WINDOW_MS) samples.shift(); // keep one sample older than the window
    const eta = etaSeconds([...samples, [t, done]], opts.total);
    return {
      rate: formatRate(done / Math.max(1e-3, (t - t0) / 1000)),
      etaText: eta === null ? '…' : humanDuration(Math.ceil(eta)),
      info: info ? ` · ${info}` : '',
    };
  };
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
