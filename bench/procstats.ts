// CPU time and peak memory of the hub's processes over one measured phase (pidusage: /proc on Linux, ps elsewhere).
import pidusage from "pidusage";

export interface ProcessUsage {
  /** CPU time (user + system) spent during the phase, ms. */
  cpuMs: number;
  /** CPU time over wall time: 100 = one core busy for the whole phase. */
  cpuPercent: number;
  /** Highest resident set size seen during the phase (sampled every 200 ms), MiB. */
  peakRssMiB: number;
  /** Resident set size at the start and the end of the phase, MiB (growth shows here). */
  startRssMiB: number;
  endRssMiB: number;
}

interface Sample {
  ctime: number;
  memory: number;
}

const MiB = 1024 * 1024;

/** Samples the named processes while a phase runs; `stop()` returns each one's usage over the phase. */
export class UsageMeter {
  private readonly start = new Map<string, Sample>();
  private readonly peak = new Map<string, number>();
  private readonly startedAt = Date.now();
  private readonly selfStart = process.cpuUsage();
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly pids: Record<string, number>) {}

  static async begin(pids: Record<string, number>): Promise<UsageMeter> {
    const meter = new UsageMeter(pids);
    for (const [name, sample] of Object.entries(await meter.sample())) {
      meter.start.set(name, sample);
      meter.peak.set(name, sample.memory);
    }
    meter.timer = setInterval(() => {
      void meter.sample().then((samples) => {
        for (const [name, s] of Object.entries(samples)) meter.peak.set(name, Math.max(meter.peak.get(name) ?? 0, s.memory));
      });
    }, 200);
    return meter;
  }

  async stop(): Promise<Record<string, ProcessUsage>> {
    clearInterval(this.timer);
    const end = await this.sample();
    const wallMs = Math.max(1, Date.now() - this.startedAt);
    const usage: Record<string, ProcessUsage> = {};
    for (const [name, s] of Object.entries(end)) {
      const cpuMs = s.ctime - (this.start.get(name)?.ctime ?? s.ctime);
      usage[name] = {
        cpuMs,
        cpuPercent: round((100 * cpuMs) / wallMs),
        peakRssMiB: round(Math.max(this.peak.get(name) ?? 0, s.memory) / MiB),
        startRssMiB: round((this.start.get(name)?.memory ?? s.memory) / MiB),
        endRssMiB: round(s.memory / MiB),
      };
    }
    // The load generator shares the machine's cores with the hub: its CPU is reported too.
    const self = process.cpuUsage(this.selfStart);
    const selfMs = (self.user + self.system) / 1000;
    const rss = round(process.memoryUsage().rss / MiB);
    usage.bench = { cpuMs: Math.round(selfMs), cpuPercent: round((100 * selfMs) / wallMs), peakRssMiB: rss, startRssMiB: rss, endRssMiB: rss };
    return usage;
  }

  private async sample(): Promise<Record<string, Sample>> {
    const out: Record<string, Sample> = {};
    await Promise.all(
      Object.entries(this.pids).map(async ([name, pid]) => {
        try {
          const stat = await pidusage(pid);
          out[name] = { ctime: stat.ctime, memory: stat.memory };
        } catch {
          // the process is gone (restarting); it is left out of this sample
        }
      }),
    );
    return out;
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
