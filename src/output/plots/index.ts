/**
 * The plots of one run, in report order, and every plot builder for other callers (sweeps, plan).
 * Each entry says what the plot shows, for the report and docs/plots.md.
 */
import { sessionStartFromPhases, subBandTitle, type RunPlotData } from '../plotData.js';
import { campaignTimeline } from './campaignTimeline.js';
import { runCompletion } from './runCompletion.js';
import { deviceMap } from './deviceMap.js';
import { dutyCycleOverTime } from './dutyCycleOverTime.js';
import { energyPerDevice } from './energyPerDevice.js';
import { CLASS_SCALE, type VlSpec } from './theme.js';

export { campaignTimeline } from './campaignTimeline.js';
export { completionCurve, type CompletionSeries, type CompletionSeriesPoint } from './completionCurve.js';
export { deviceMap } from './deviceMap.js';
export { dutyCycleOverTime, trailingHourShare } from './dutyCycleOverTime.js';
export { energyPerDevice, type EnergyGroup } from './energyPerDevice.js';
export { metricInfo, parameterTitle, parametersTitle, type MetricInfo, type MetricKind } from './labels.js';
export { metricVsParameter, type MetricPoint, type MetricVsParameterOptions } from './metricVsParameter.js';
export { runCompletion } from './runCompletion.js';
export { CLASS_SCALE, CLASS_STYLE, PALETTE, STATUS_SCALE, type VlSpec } from './theme.js';

export interface PlotEntry {
  /** file stem: `<name>.vl.json`, `<name>.svg` */
  name: string;
  title: string;
  /** one or two sentences on what the plot shows and how to read it */
  description: string;
  spec: VlSpec;
}

/** Phase spans shifted to the campaign start (the start of setup), as the completion curve's x axis. */
function phasesFromCampaignStart(phases: RunPlotData['phases']): Array<{ phase: string; startS: number; endS: number }> {
  const t0 = phases.find((p) => p.phase === 'setup')?.startS ?? 0;
  return phases.map((p) => ({ phase: p.phase, startS: p.startS - t0, endS: p.endS - t0 }));
}

/** The plots a run draws from its data; plots whose data is missing are left out. */
export function runPlots(data: RunPlotData): PlotEntry[] {
  const plots: PlotEntry[] = [];
  const sessionStartS = sessionStartFromPhases(data.phases);
  plots.push({
    name: 'completion',
    title: 'Devices updated over time',
    description:
      (sessionStartS === null
        ? 'The share of the whole fleet that has rebuilt and verified the image, against time since the campaign started. '
        : 'The share of the whole fleet that has rebuilt and verified the image. Upper panel: time since the multicast session started, ' +
          'where the distribution happens; lower panel: the whole campaign from its start, with setup and the wait for the session. ') +
      'The curve flattens below 100 % when some devices never complete; dashed guides mark 90 % and 95 %.',
    spec: runCompletion({
      name: data.name,
      dlClass: data.dlClass,
      devices: data.devices,
      completion: data.completion,
      phases: phasesFromCampaignStart(data.phases),
      sessionStartS,
      campaignDurationS: data.campaignDurationS,
      timeTo90S: data.timeTo90S,
      timeTo95S: data.timeTo95S,
    }),
  });
  if (data.dutyCycle.series.length > 0) {
    plots.push({
      name: 'dutycycle',
      title: 'Gateway duty-cycle use',
      description:
        'Airtime each gateway used in each sub-band over the trailing hour, as a share of the hour. ' +
        'The dashed red line is the sub-band limit; a line that rides on it means fragments were waiting for the duty cycle.',
      spec: dutyCycleOverTime({ ...data.dutyCycle, subBandTitle: (name) => subBandTitle(data.region, name) }),
    });
  }
  if (data.deviceRows) {
    plots.push({
      name: 'energy',
      title: 'Energy per device',
      description:
        'How the radio energy spent over the campaign is spread across devices. The dashed line is the mean; ' +
        'a long right tail usually means devices that listened longer (weak links, late decoding).',
      spec: energyPerDevice([{ label: data.dlClass, energyJ: data.deviceRows.energyJ }], { groupTitle: 'Class' }),
    });
    plots.push({
      name: 'device-map',
      title: 'Devices and gateways',
      description:
        'Where the devices are, in metres. Updated devices are coloured by when they rebuilt the image, counted from the session start (darker is later); ' +
        'the others are marked by their final status (crosses: failures, squares: never set up), with the number of devices of each status in the legend. Gateways are black triangles.',
      spec: deviceMap(
        { xM: data.deviceRows.xM, yM: data.deviceRows.yM, status: data.deviceRows.status, decodedAtS: data.deviceRows.decodedAtS },
        data.gatewaysM,
        { originS: sessionStartS },
      ),
    });
  }
  if (data.phases.length > 0) {
    plots.push({
      name: 'timeline',
      title: 'Campaign timeline',
      description: 'When each phase of the campaign ran, from simulation start: multicast setup, fragment distribution, status collection, repair and apply.',
      spec: campaignTimeline(data.phases),
    });
  }
  return plots;
}
