import type { FakeSlack } from './fake-slack.js';
import { slackSignature } from './slack-signing.js';

/** What Slack got back for one delivery: the HTTP status and the ack's body, if any. */
export interface Delivery {
  status: number;
  body: Record<string, unknown> | undefined;
}

/**
 * Delivers what Slack would deliver to the app, over either transport: Socket Mode
 * envelopes through the fake, or signed HTTP requests to Bolt's /slack/events.
 * The same scenario runs through both.
 */
export interface SlackDriver {
  readonly mode: 'socket' | 'http';
  command(payload: Record<string, string>): Promise<Delivery>;
  interactive(payload: Record<string, unknown>): Promise<Delivery>;
  event(payload: Record<string, unknown>): Promise<Delivery>;
}

export function socketDriver(fake: FakeSlack): SlackDriver {
  const deliver = async (type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<Delivery> => {
    const ack = await fake.sendEnvelope(type, payload);
    return { status: 200, body: ack.payload };
  };
  return {
    mode: 'socket',
    command: (payload) => deliver('slash_commands', payload),
    interactive: (payload) => deliver('interactive', payload),
    event: (payload) => deliver('events_api', payload),
  };
}

export interface SignOptions {
  /** Seconds since the epoch to sign with; defaults to now. */
  timestamp?: number;
  /** Replace the signature (a forgery), or leave the headers out entirely (null). */
  signature?: string | null;
  secret?: string;
  /** More headers, e.g. Slack's X-Slack-Retry-Num on a retry. */
  headers?: Record<string, string>;
}

/** Sends one signed request, as Slack does: form-encoded commands and buttons, JSON events. */
export async function sendSigned(url: string, secret: string, body: string, contentType: string, options: SignOptions = {}): Promise<Delivery> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
  if (options.signature !== null) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = options.signature ?? slackSignature(options.secret ?? secret, timestamp, body);
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, body: parsed };
}

export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
export const interactiveBody = (payload: Record<string, unknown>): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export function httpDriver(url: string, secret: string): SlackDriver {
  const form = 'application/x-www-form-urlencoded';
  return {
    mode: 'http',
    command: (payload) => sendSigned(url, secret, formBody(payload), form),
    interactive: (payload) => sendSigned(url, secret, interactiveBody(payload), form),
    event: (payload) => sendSigned(url, secret, JSON.stringify(payload), 'application/json'),
  };
}
