/**
 * The numbers of validation cases 8–14 (docs/validation.md), printed by bench/validation-figures.ts
 * and stored in docs/img/validation/numbers.json. The tests in test/validation/radio-rules.test.ts
 * run the same measurements.
 */
import { alohaRun } from './aloha.js';
import { meanSetupDownlinkAirtimeUs } from './measure-campaign.js';
import {
  checkBeacons, checkClassABursts, checkClassAWindows, checkClassCDeafness, measureBurstsInTime, measureGatewayChoice,
} from './measure-radio.js';

type Table = (head: string[], rows: Array<Array<string | number>>) => void;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Prints the tables of cases 8–14 and returns their numbers. */
export function radioCases(table: Table): Record<string, unknown> {
  const numbers: Record<string, unknown> = {};

  const aloha = [0.05, 0.15, 0.3, 0.5, 1.0].map((G) => {
    const r = alohaRun({ region: 'US915', G, uplinks: 12_000, devices: 4000, seed: 7 });
    return [G, r4(Math.exp(-2 * G)), r4(r.pdr), r4(G * Math.exp(-2 * G)), r4(G * r.pdr)];
  });
  console.log('## Case 8: pure ALOHA (US915 sub-band 2, Poisson, 12 000 uplinks, 4000 devices)\n');
  table(['G per channel', 'delivered, e^(−2G)', 'delivered, fuota-sim', 'S, closed form', 'S, fuota-sim'], aloha);
  numbers.aloha = aloha;

  const plan = [0.05, 0.15, 0.3, 0.5].map((G) => {
    const r = alohaRun({ region: 'EU868', G, uplinks: 12_000, devices: 20_000, seed: 7 });
    return [G, r4(Math.exp(-2 * G)), r4(r.pdr), r4(Math.exp((-2 * G * 8) / 3))];
  });
  console.log('## Case 9: EU868 uplinks over the 8-channel plan (Poisson, 12 000 uplinks, 20 000 devices)\n');
  table(['G per channel', 'e^(−2G), 8 channels', 'fuota-sim', 'e^(−2·8G/3), the former 3 channels'], plan);
  numbers.channelPlan = plan;

  const windows = (['classa-windows', 'classa-dwell'] as const).map((n) => ({ scenario: n, ...checkClassAWindows(n) }));
  console.log('## Case 10: class A windows and dwell time\n');
  table(['scenario', 'class A downlinks', 'RX1', 'RX2', 'off the rules', 'over the payload table', 'longest downlink ms'],
    windows.map((w) => [w.scenario, w.downlinks, w.rx1, w.rx2, w.offRule, w.overPayload, w.longestUs / 1000]));
  numbers.classAWindows = windows;

  const beacons = checkBeacons();
  console.log('## Case 11: beacons\n', beacons, '\n');
  numbers.beacons = beacons;

  const deaf = checkClassCDeafness();
  console.log('## Case 12: class C deafness\n', deaf, '\n');
  numbers.classCDeafness = { ...deaf, missedShare: r4(deaf.missedShare), closedForm: r4(deaf.closedForm), formerRule: r4(deaf.formerRule), meanIntervalS: r4(deaf.meanIntervalS) };

  const bursts = checkClassABursts();
  const gws = measureGatewayChoice();
  const a1 = meanSetupDownlinkAirtimeUs(7, 125_000) / 1e6;
  const a2 = meanSetupDownlinkAirtimeUs(12, 125_000) / 1e6;
  const perS = 0.02 / a1 + 0.1 / a2;
  console.log('## Case 13: class A downlinks\n', bursts, '\n');
  table(['gateways', 'setupDurationS', 'downlinks/device', 'bound N·D/(G·C) s', 'one-gateway bound N·D/C s', 'answers by a second-best gateway', 'downlinks per gateway'],
    gws.map((g) => [g.gateways, g.setupDurationS, g.downlinksPerDevice, Math.round((g.devices * g.downlinksPerDevice) / (g.gateways * perS)), Math.round((g.devices * g.downlinksPerDevice) / perS), g.fallbackAnswers, g.perGateway.join(' / ')]));
  numbers.classA = { bursts, freshLoss: r4(1 - bursts.freshDelivered / bursts.freshSent), fragmentLoss: r4(1 - bursts.fragmentsHeard / bursts.fragmentsPossible), downlinksPerSecondPerGateway: r4(perS), gateways: gws };

  const time = measureBurstsInTime();
  console.log('## Case 14: bursts in time\n');
  table(['class', 'frames', 'mean spacing s', 'lost share', 'πB', 'P(stay bad) measured', 'P(stay bad) chain', 'bad pairs'],
    time.map((t) => [t.dlClass, t.frames, r4(t.meanSpacingS), r4(t.lostShare), r4(t.piBad), r4(t.stayBad), r4(t.stayBadPredicted), t.badPairs]));
  numbers.burstsInTime = time;
  return numbers;
}
