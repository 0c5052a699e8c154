/**
 * The bare reception loop in its own process: `node dist/bench/bare-once.js <devices> <frames> [rounds]`
 * prints one JSON line: device-frames per second of CPU time and of wall time, the best of `rounds`.
 */
import { bareReceptionLoop } from './bare-loop.js';

const [devicesArg, framesArg, roundsArg] = process.argv.slice(2);
const devices = Number(devicesArg);
const frames = Number(framesArg);
const rounds = Number(roundsArg ?? 3);
bareReceptionLoop(Math.min(devices, 1000), Math.min(frames, 100), 0.05, 1); // warm-up (JIT)
let bestCpuS = Infinity;
let bestWallS = Infinity;
let received = 0;
for (let r = 0; r < rounds; r++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  received = bareReceptionLoop(devices, frames, 0.05, 1 + r).received;
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  bestCpuS = Math.min(bestCpuS, (cpu.user + cpu.system) / 1e6);
  bestWallS = Math.min(bestWallS, wallS);
}
const deviceFrames = devices * frames;
console.log(
  JSON.stringify({
    devices,
    frames,
    deviceFrames,
    receivedShare: received / deviceFrames,
    cpuS: bestCpuS,
    wallS: bestWallS,
    deviceFramesPerCpuS: deviceFrames / bestCpuS,
    deviceFramesPerS: deviceFrames / bestWallS,
  }),
);
