/**
 * The bench's progress display: one stderr line per event, with the step
 * number, the time elapsed and an ETA from the planned step weights (seconds
 * each step is expected to take), corrected by how fast the run goes so far.
 */
export interface PlannedStep {
  id: string;
  title: string;
  /** Expected seconds. */
  weight: number;
}

export const formatDuration = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

export class Progress {
  private readonly started = Date.now();
  private index = -1;
  private stepStarted = Date.now();
  private doneWeight = 0;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly steps: PlannedStep[], private readonly write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {}

  get elapsedMs() {
    return Date.now() - this.started;
  }

  private eta(): number {
    const total = this.steps.reduce((s, x) => s + x.weight, 0);
    const current = this.steps[this.index];
    // Inside a step, count its weight as done in proportion to time spent, capped at 90 %.
    const inStep = current ? Math.min(current.weight * 0.9, (Date.now() - this.stepStarted) / 1000) : 0;
    const done = this.doneWeight + inStep;
    const remaining = Math.max(0, total - done);
    // Pace: actual seconds per planned second so far, damped toward the plan early on.
    const prior = total * 0.25;
    const pace = (this.elapsedMs / 1000 + prior) / (done + prior);
    return remaining * pace * 1000;
  }

  private line(what: string) {
    const n = Math.max(0, this.index) + 1;
    this.write(`[bench ${n}/${this.steps.length}] ${what}  (elapsed ${formatDuration(this.elapsedMs)}, ETA ${formatDuration(this.eta())})`);
  }

  start(id: string) {
    const i = this.steps.findIndex((s) => s.id === id);
    if (i < 0) throw new Error(`bench: unplanned step ${id}`);
    this.finishCurrent();
    this.index = i;
    this.stepStarted = Date.now();
    this.line(`${this.steps[i].title}…`);
    this.heartbeat = setInterval(() => this.line(`${this.steps[this.index].title}: still running`), 15000);
    this.heartbeat.unref();
  }

  /** A detail inside the current step. */
  note(text: string) {
    this.line(`  ${text}`);
  }

  private finishCurrent() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.index >= 0) {
      this.doneWeight += this.steps[this.index].weight;
      this.line(`${this.steps[this.index].title}: done in ${formatDuration(Date.now() - this.stepStarted)}`);
    }
  }

  finish() {
    this.finishCurrent();
    this.index = this.steps.length - 1;
    this.write(`[bench] finished in ${formatDuration(this.elapsedMs)}`);
  }
}
