import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';

/** One thing /healthz asks about: the database, or a platform's API. */
export interface HealthCheck {
  name: string;
  /** Resolves true when reachable; false or a rejection when not. */
  check: () => Promise<boolean>;
  /** Reuse a success this long: a platform's API, so frequent probes do not spend its rate limit. */
  reuseMs?: number;
}

/** A check that does not answer within this long counts as failing: a load balancer should not wait on it. */
const checkTimeoutMs = 3_000;

/**
 * GET /healthz and GET /metrics, for the HTTP modes' servers. /healthz answers 200 when the
 * database and every platform this process serves are reachable, 503 when one is not, with
 * a JSON body naming each; /metrics is Prometheus's text format.
 */
export class OpsRoutes {
  private readonly checks: HealthCheck[] = [];

  constructor(private readonly metrics: Metrics) {}

  add(check: HealthCheck): void {
    this.checks.push({ name: check.name, check: check.reuseMs ? remembered(check.check, check.reuseMs) : check.check });
  }

  /** Answers the request when it is one of ours; false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/metrics')) return false;
    const answer = path === '/healthz' ? this.health() : this.metricsText();
    answer.then(
      ({ status, type, body }) => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body),
      () => res.writeHead(500).end(),
    );
    return true;
  }

  async health(): Promise<{ status: number; type: string; body: string }> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await withTimeout(c.check())] as const));
    const ok = results.every(([, up]) => up);
    const body = { status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'ok' : 'unreachable'])) };
    return { status: ok ? 200 : 503, type: 'application/json', body: JSON.stringify(body) };
  }

  private async metricsText(): Promise<{ status: number; type: string; body: string }> {
    return { status: 200, type: this.metrics.contentType, body: await this.metrics.text() };
  }
}

async function withTimeout(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), checkTimeoutMs)));
  try {
    return await Promise.race([check.catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A successful answer is reused for reuseMs; a failure is asked again next time. */
function remembered(check: () => Promise<boolean>, reuseMs: number): () => Promise<boolean> {
  let okUntil = 0;
  return async () => {
    if (performance.now() < okUntil) return true;
    const up = await check();
    if (up) okUntil = performance.now() + reuseMs;
    return up;
  };
}
