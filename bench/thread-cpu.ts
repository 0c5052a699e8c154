/**
 * CPU time of the process's main thread alone, s: user + system time of its task in /proc (Linux;
 * null elsewhere). process.cpuUsage counts every thread, the burst walk-ahead's and a setup probe's
 * included; this is the run's own thread, which sets the wall time.
 */
import { readFileSync } from 'node:fs';

/** /proc reports times in USER_HZ, 100 per second on Linux whatever the kernel's own tick (proc(5)). */
const USER_HZ = 100;

export function mainThreadCpuS(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // fields after the command name (which may hold spaces), from field 3 on: utime and stime are 14 and 15
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / USER_HZ;
  } catch {
    return null;
  }
}
