/**
 * The completion plot of one run, in two panels. The top one shows the distribution itself: the
 * share of the fleet that has rebuilt and verified the image against time since the multicast
 * session started, with the 90 % and 95 % points marked. The bottom one shows the whole campaign
 * from its start with its phases shaded, so that setup and the wait for the booked session are
 * reported beside it, not folded into the curve. Without a session (unicast) only the campaign
 * panel is drawn.
 */
import { shareAt, type CompletionPoint } from '../plotData.js';
import { humanDuration } from '../report/human.js';
import { completionAxis, completionPanel, type CompletionSeriesPoint } from './completionCurve.js';
import { CLASS_SCALE, CLASS_STYLE, frame, GUIDE_COLOR, PLOT_WIDTH, type VlSpec } from './theme.js';

export interface RunCompletionInput {
  name: string;
  dlClass: string;
  devices: number;
  /** s from the campaign start */
  completion: CompletionPoint[];
  /** phases, s from the campaign start */
  phases: Array<{ phase: string; startS: number; endS: number }>;
  /** s from the campaign start; null without a multicast session */
  sessionStartS: number | null;
  campaignDurationS: number;
  timeTo90S: number | null;
  timeTo95S: number | null;
}

/** Time of the last step up of a curve (its plateau point excluded), or 0. */
function lastStepS(curve: readonly CompletionPoint[]): number {
  let t = 0;
  for (let i = 1; i < curve.length; i++) if (curve[i].share > curve[i - 1].share) t = curve[i].timeS;
  return t;
}

/** The curve from the session start: (0, share then), every later step shifted, clipped at endS. */
export function fromSession(curve: readonly CompletionPoint[], sessionStartS: number, endS: number): CompletionSeriesPoint[] {
  const out: CompletionSeriesPoint[] = [{ timeS: 0, share: shareAt(curve, sessionStartS) }];
  for (const p of curve) {
    const t = p.timeS - sessionStartS;
    if (t > 0 && t <= endS) out.push({ timeS: t, share: p.share });
  }
  if (out[out.length - 1].timeS < endS) out.push({ timeS: endS, share: out[out.length - 1].share });
  return out;
}

/** The right end of the session panel: a little after the later of the last step and the end of distribution. */
export function sessionPanelEndS(input: RunCompletionInput): number {
  const ss = input.sessionStartS ?? 0;
  const dist = input.phases.find((p) => p.phase === 'distribution');
  const busyS = Math.max(lastStepS(input.completion) - ss, (dist?.endS ?? ss) - ss, 1);
  return Math.min(Math.max(1, input.campaignDurationS - ss), busyS * 1.08);
}

function reachedMarks(input: RunCompletionInput, originS: number, endS: number, origin: 'campaign' | 'session'): VlSpec | null {
  const axis = completionAxis(endS, origin);
  const rows = ([[0.9, input.timeTo90S], [0.95, input.timeTo95S]] as const)
    .filter(([, t]) => t !== null && t - originS >= 0 && t - originS <= endS)
    .map(([share, t]) => ({ share, t: axis.value((t as number) - originS), dy: share > 0.92 ? -8 : 8, label: `${share * 100} % after ${humanDuration((t as number) - originS)}` }));
  if (rows.length === 0) return null;
  return {
    data: { values: rows },
    layer: [
      { mark: { type: 'point', shape: 'circle', size: 50, filled: true, color: '#1F2328' }, encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'share', type: 'quantitative' } } },
      // 95 % labelled above its point, 90 % below, so that close crossings do not overlap
      ...[-8, 8].map((dy) => ({
        transform: [{ filter: `datum.dy == ${dy}` }],
        mark: { type: 'text', align: 'right', dx: -8, dy, baseline: 'middle', fontSize: 11, color: '#1F2328', fontWeight: 600 },
        encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'share', type: 'quantitative' }, text: { field: 'label' } },
      })),
    ],
  };
}

/** Phases shifted to an origin (s) and kept where they overlap [0, endS]. */
function shifted(phases: RunCompletionInput['phases'], originS: number): RunCompletionInput['phases'] {
  return phases.map((p) => ({ phase: p.phase, startS: Math.max(0, p.startS - originS), endS: p.endS - originS })).filter((p) => p.endS > 0);
}

export function runCompletion(input: RunCompletionInput): VlSpec {
  const style = { seriesTitle: 'Class', colorScale: CLASS_SCALE, styleTitle: 'Class', dashScale: { domain: CLASS_STYLE.domain, range: CLASS_STYLE.dash } };
  const series = (points: CompletionSeriesPoint[]) => [{ label: input.dlClass, style: input.dlClass, points }];
  const whole = completionPanel(series(input.completion), {
    ...style, origin: 'campaign', endS: Math.max(1, input.campaignDurationS), phases: input.phases, height: input.sessionStartS === null ? 300 : 120,
  });
  const setup = input.phases.find((p) => p.phase === 'setup');
  const notes: string[] = [`${input.name}: share of ${input.devices} devices that rebuilt and verified the image`];
  if (input.sessionStartS === null) {
    const marks = reachedMarks(input, 0, input.campaignDurationS, 'campaign');
    if (marks) (whole.layer as VlSpec[]).push(marks);
    return { ...frame('Devices updated over time', notes), ...whole };
  }
  const ss = input.sessionStartS;
  notes.push(
    `Setup took ${humanDuration(setup ? setup.endS - setup.startS : 0)}; the session started ${humanDuration(ss)} after the campaign start` +
      ` (lower panel); the upper panel counts from the session start.`,
  );
  const endS = sessionPanelEndS(input);
  const top = completionPanel(series(fromSession(input.completion, ss, endS)), {
    ...style, origin: 'session', endS, phases: shifted(input.phases, ss), height: 240,
  });
  const marks = reachedMarks(input, ss, endS, 'session');
  if (marks) (top.layer as VlSpec[]).push(marks);
  // the session window of the upper panel, bracketed on the campaign panel
  const axis = completionAxis(Math.max(1, input.campaignDurationS), 'campaign');
  (whole.layer as VlSpec[]).push({
    data: { values: [{ t0: axis.value(ss), t1: axis.value(ss + endS) }] },
    mark: { type: 'rect', fill: null, stroke: GUIDE_COLOR, strokeDash: [3, 3], strokeWidth: 1 },
    encoding: { x: { field: 't0', type: 'quantitative' }, x2: { field: 't1' } },
  });
  const base = frame('Devices updated over time', notes);
  delete base.width;
  delete base.height;
  return {
    ...base,
    vconcat: [
      { title: { text: 'From the session start', fontSize: 13, anchor: 'start', offset: 4 }, width: PLOT_WIDTH, ...top },
      { title: { text: 'The whole campaign, from its start (dashed box: the upper panel)', fontSize: 13, anchor: 'start', offset: 4 }, width: PLOT_WIDTH, ...whole },
    ],
    spacing: 24,
  };
}
