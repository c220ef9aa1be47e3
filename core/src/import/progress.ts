import cliProgress from "cli-progress";

/** What a progress display is told: work done (and, when known, the total), and counts to show beside it. */
export interface ProgressUpdate {
  done: number;
  total?: number;
  /** Extra counts shown after the rate, e.g. `{ accepted: 10, rejected: 2 }`. */
  counts?: Record<string, number>;
}

/**
 * A terminal progress bar with the rate (records/s) and counts, for the import and seed CLIs (cli-progress). Without a
 * known total it shows the count and rate only. Writes to stderr, so stdout keeps the summary.
 */
export class ProgressBar {
  private readonly bar: cliProgress.SingleBar;
  private readonly started = Date.now();
  private running = false;

  constructor(private readonly label: string) {
    this.bar = new cliProgress.SingleBar(
      {
        format: `${label} {bar} {percentage}% | {value}/{total} | {rate}/s | {counts}`,
        hideCursor: true,
        etaBuffer: 50,
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  update({ done, total, counts }: ProgressUpdate): void {
    const payload = { rate: this.rate(done).toFixed(0), counts: Object.entries(counts ?? {}).map(([k, v]) => `${k} ${v}`).join(", ") };
    const knownTotal = total ?? Math.max(done, 1);
    if (!this.running) {
      this.bar.start(knownTotal, done, payload);
      this.running = true;
    } else {
      this.bar.setTotal(Math.max(knownTotal, done));
      this.bar.update(done, payload);
    }
  }

  /** Records per second since the bar was created. */
  rate(done: number): number {
    const seconds = (Date.now() - this.started) / 1000;
    return seconds > 0 ? done / seconds : 0;
  }

  stop(): void {
    if (this.running) this.bar.stop();
    this.running = false;
  }

  get name(): string {
    return this.label;
  }
}
