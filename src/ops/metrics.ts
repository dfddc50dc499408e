import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { failureKinds, type FailureKind, type Telemetry } from '../core/telemetry.js';

/**
 * The bot's Prometheus metrics, on a registry of its own (one per app, so tests can run
 * several apps in one process). Served at GET /metrics in the HTTP modes.
 */
export class Metrics implements Telemetry {
  readonly registry = new Registry();
  private readonly commands = new Counter({ name: 'cloudstudy_commands_total', help: 'Commands answered, by command.', labelNames: ['command'], registers: [this.registry] });
  private readonly presses = new Counter({ name: 'cloudstudy_presses_total', help: 'Button presses and menu choices answered, by action kind.', labelNames: ['action'], registers: [this.registry] });
  private readonly posts = new Counter({ name: 'cloudstudy_daily_posts_total', help: 'Daily quiz posts that reached their channel, by platform.', labelNames: ['platform'], registers: [this.registry] });
  private readonly failures = new Counter({ name: 'cloudstudy_failures_total', help: 'Failures, by kind.', labelNames: ['kind'], registers: [this.registry] });
  private readonly acknowledgement = new Histogram({
    name: 'cloudstudy_acknowledgement_seconds',
    help: 'From an input reaching the core to its reply being ready to send: what a member waits for, less the network.',
    labelNames: ['input'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 3],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    // Every failure kind is there from the start, so a dashboard sees 0 rather than no series.
    for (const kind of failureKinds) this.failures.inc({ kind }, 0);
  }

  handled(input: 'command' | 'press', name: string, seconds: number): void {
    if (input === 'command') this.commands.inc({ command: name });
    else this.presses.inc({ action: name });
    this.acknowledgement.observe({ input }, seconds);
  }

  posted(platform: string): void {
    this.posts.inc({ platform });
  }

  failure(kind: FailureKind): void {
    this.failures.inc({ kind });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
