// Keeps the parts of the hub running: a part that exits on its own is started again after a backoff, and each exit
// and restart is logged. `stop()` ends everything without restarts. What a part is (a Node service, the embedded
// Neo4j) is the caller's: it passes a function that starts one run of it (scripts/service-process.ts for services).
/** How a run ended: the exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of a part: `exited` settles when it ends for any reason; `stop()` ends it on purpose. */
export interface Running {
  pid?: number;
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

/** The first restart waits `initialMs`, each further one twice as long up to `maxMs`; a run of `healthyMs` or more resets it. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  healthyMs: number;
}

/** Where exits and restarts are reported (a pino logger is one). */
export interface SupervisorLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, healthyMs: 60_000 };

interface Part {
  name: string;
  start: () => Running | Promise<Running>;
  running?: Running;
  startedAt: number;
  nextDelayMs: number;
  exits: number;
  timer?: NodeJS.Timeout;
}

export class Supervisor {
  private readonly parts = new Map<string, Part>();
  private stopping = false;

  constructor(
    private readonly log: SupervisorLog,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {}

  /**
   * Puts a part under supervision: starts it with `start` (or adopts `running`, a run already started) and starts
   * it again whenever it exits, until `stop()`.
   */
  async add(name: string, start: () => Running | Promise<Running>, running?: Running): Promise<Running> {
    if (this.parts.has(name)) throw new Error(`${name} is supervised already`);
    const part: Part = { name, start, startedAt: 0, nextDelayMs: this.backoff.initialMs, exits: 0 };
    this.parts.set(name, part);
    const first = running ?? (await start());
    this.watch(part, first);
    return first;
  }

  /** The current run of a part; undefined while it waits to be started again. */
  current(name: string): Running | undefined {
    return this.parts.get(name)?.running;
  }

  /** How often a part exited on its own (or failed to start again). */
  exits(name: string): number {
    return this.parts.get(name)?.exits ?? 0;
  }

  /** From now on no part is restarted: an exit is expected (e.g. a Ctrl-C reached the part itself). */
  holdRestarts(): void {
    this.stopping = true;
    for (const part of this.parts.values()) clearTimeout(part.timer);
  }

  /** Stops every part at once, without restarts, and resolves when all have ended. */
  async stop(): Promise<void> {
    this.holdRestarts();
    await Promise.all([...this.parts.values()].map((part) => part.running?.stop()));
  }

  private watch(part: Part, running: Running): void {
    part.running = running;
    part.startedAt = Date.now();
    void running.exited.then((exit) => {
      if (part.running !== running) return;
      part.running = undefined;
      if (!this.stopping) this.scheduleRestart(part, `exited (${describeExit(exit)})`, { code: exit.code, signal: exit.signal });
    });
  }

  private scheduleRestart(part: Part, what: string, details: Record<string, unknown>): void {
    part.exits += 1;
    if (Date.now() - part.startedAt >= this.backoff.healthyMs) part.nextDelayMs = this.backoff.initialMs;
    const delayMs = part.nextDelayMs;
    part.nextDelayMs = Math.min(delayMs * 2, this.backoff.maxMs);
    this.log.error({ service: part.name, ...details, exits: part.exits, restartInMs: delayMs }, `${part.name} ${what}; restarting it in ${delayMs} ms`);
    part.timer = setTimeout(() => void this.restart(part), delayMs);
  }

  private async restart(part: Part): Promise<void> {
    part.timer = undefined;
    if (this.stopping) return;
    let running: Running;
    // A failed start is a run of no length: it must not count as the healthy run that resets the backoff.
    part.startedAt = Date.now();
    try {
      running = await part.start();
    } catch (error) {
      // A start that fails (the embedded Neo4j's launcher can) waits longer before the next try, like an exit.
      if (!this.stopping) this.scheduleRestart(part, `could not be started: ${(error as Error).message}`, {});
      return;
    }
    if (this.stopping) {
      await running.stop();
      return;
    }
    this.watch(part, running);
    this.log.info({ service: part.name, pid: running.pid, exits: part.exits }, `${part.name} restarted`);
  }
}

function describeExit(exit: Exit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? "unknown"}`;
}
