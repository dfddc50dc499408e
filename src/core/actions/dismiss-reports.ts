import { dismissReports } from '../commands/reports.js';
import { parseSlug, type ActionDef } from './action.js';

/** An admin dismisses the open reports of an item. */
export type DismissReportsAction = { type: 'dismiss-reports'; itemId: string };

export const dismissReportsAction: ActionDef<DismissReportsAction> = {
  type: 'dismiss-reports',
  prefixes: ['rpd'],
  parse(_prefix, parts) {
    const itemId = parseSlug(parts);
    return itemId === undefined ? undefined : { type: 'dismiss-reports', itemId };
  },
  encode: (a) => `rpd:${a.itemId}`,
  run: (a, { ctx }) => dismissReports(ctx, a.itemId),
};
