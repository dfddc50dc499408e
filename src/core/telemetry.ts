/** What went wrong, for the failure counts an operator watches. */
export type FailureKind =
  | 'command_error'
  | 'unsaved_write'
  | 'post_retry'
  | 'post_skipped'
  | 'reveal_retry'
  | 'reveal_given_up'
  | 'count_refresh';

export const failureKinds: readonly FailureKind[] = ['command_error', 'unsaved_write', 'post_retry', 'post_skipped', 'reveal_retry', 'reveal_given_up', 'count_refresh'];

/**
 * The core's port for operational counts. The dispatch reports every input it answers and
 * the daily quiz every post and failure, so each adapter is covered without counting
 * anything itself. src/ops/metrics.ts implements it with Prometheus.
 */
export interface Telemetry {
  /** An input answered: a command (by name) or a press (by action kind), and how long the core took. */
  handled(input: 'command' | 'press', name: string, seconds: number): void;
  /** A daily post reached its channel. */
  posted(platform: string): void;
  failure(kind: FailureKind): void;
}

export const noTelemetry: Telemetry = { handled: () => {}, posted: () => {}, failure: () => {} };

/**
 * The app's telemetry until an adapter serving /metrics plugs the real one in: the
 * Prometheus client takes about 0.2 s to load, which a terminal bot should not pay.
 */
export class SwitchableTelemetry implements Telemetry {
  private target: Telemetry = noTelemetry;

  use(target: Telemetry): void {
    this.target = target;
  }

  handled(input: 'command' | 'press', name: string, seconds: number): void {
    this.target.handled(input, name, seconds);
  }

  posted(platform: string): void {
    this.target.posted(platform);
  }

  failure(kind: FailureKind): void {
    this.target.failure(kind);
  }
}
