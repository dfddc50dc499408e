import { reply } from '../reply.js';
import type { Command, CommandSpec } from './spec.js';

/** Help is derived from the command table, so it can never disagree with it. */
export function helpCommand(specs: () => readonly CommandSpec[]): Command {
  return {
    spec: { name: 'help', description: 'What this bot can do', usage: '/help', visibility: 'ephemeral', options: [] },
    run({ caller }) {
      const visible = specs().filter((s) => !s.admin || caller.isAdmin);
      const lines = visible.map((s) => `${s.usage}: ${s.description}${s.admin ? ' (admins)' : ''}`);
      const intro = 'cloudstudy helps your group prepare for the AWS Cloud Practitioner exam (other compute services).';
      return reply('ephemeral', [
        { type: 'heading', text: 'cloudstudy' },
        { type: 'markdown', text: intro },
        { type: 'markdown', text: lines.map((l) => `- ${l}`).join('\n') },
        { type: 'context', text: 'A daily question is posted in the study channel; answer with the buttons. Points count only for daily answers.' },
      ]);
    },
  };
}
