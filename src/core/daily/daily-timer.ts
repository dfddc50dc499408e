import type { Logger } from '../../log.js';
import type { Clock } from '../time.js';

/** The timer never sleeps longer than this, so a jump of the system clock is noticed. */
const maxSleepMs = 5 * 60_000;
/** After a tick, never wake sooner than this: a broken schedule must not spin the loop. */
const minSleepMs = 1_000;

export interface DailyTimerOptions {
  clock: Clock;
  log: Logger;
  /** The earliest moment anything needs doing; undefined when nothing is scheduled. */
  nextDueAt: () => number | undefined;
  tick: () => Promise<void>;
  /** What the timer drives, for its log lines; the practice exams' deadlines use it too. */
  label?: string;
}

/** An alarm (the daily quiz's, the practice exams' deadlines): sleeps until the next due moment, ticks, and sleeps again. */
export class DailyTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt: number | undefined;
  private running = false;

  constructor(private readonly options: DailyTimerOptions) {}

  /** The first tick (catching up after downtime) runs at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake(0);
  }

  stop(): void {
    this.running = false;
    this.clear();
  }

  /** Re-arms the timer for the next due moment, no sooner than `floorMs` from now. */
  wake(floorMs = minSleepMs): void {
    if (!this.running) return;
    const now = this.options.clock.now();
    let at: number;
    try {
      at = this.options.nextDueAt() ?? now + maxSleepMs;
    } catch (error) {
      this.options.log.error({ err: error }, `could not work out when the ${this.options.label ?? 'daily quiz'} is next due`);
      at = now + maxSleepMs;
    }
    this.arm(Math.max(at, now + floorMs), now);
  }

  /** Makes sure the timer fires no later than `at`. */
  wakeBy(at: number): void {
    if (!this.running || (this.timerAt !== undefined && this.timerAt <= at)) return;
    this.arm(at, this.options.clock.now());
  }

  private arm(at: number, now: number): void {
    this.clear();
    const delay = Math.min(Math.max(at - now, 0), maxSleepMs);
    this.timerAt = now + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      this.options
        .tick()
        .catch((error: unknown) => this.options.log.error({ err: error }, `${this.options.label ?? 'daily'} tick failed`))
        .finally(() => this.wake());
    }, delay);
    this.timer.unref();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = undefined;
  }
}
