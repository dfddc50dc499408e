import { createHmac } from 'node:crypto';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<raw body>"). */
export function slackSignature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}
