/**
 * Slack's documented Block Kit limits, checked the way Slack checks them: a message that
 * breaks one is refused with invalid_blocks. The fake applies them to every message, view
 * and response it receives, so a rendering that Slack would refuse fails the tests.
 */
export type Surface = 'message' | 'home';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function blockKitProblems(blocks: unknown, surface: Surface = 'message', text?: unknown): string[] {
  const problems: string[] = [];
  if (text !== undefined && (typeof text !== 'string' || text.length > 40_000)) problems.push('text must be a string of at most 40000 characters');
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, 'blocks must be an array'];
  const max = surface === 'home' ? 100 : 50;
  if (blocks.length > max) problems.push(`${blocks.length} blocks; at most ${max}`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  const textObject = (where: string, value: unknown, max: number, plainOnly = false): void => {
    if (!isObject(value) || (value.type !== 'plain_text' && value.type !== 'mrkdwn') || typeof value.text !== 'string') {
      problems.push(`${where}: not a text object`);
      return;
    }
    if (plainOnly && value.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
    if (value.text.length === 0) problems.push(`${where}: empty text`);
    if (value.text.length > max) problems.push(`${where}: ${value.text.length} characters; at most ${max}`);
  };
  const actionId = (where: string, value: unknown): void => {
    if (typeof value !== 'string' || value.length === 0 || value.length > 255) problems.push(`${where}: action_id must be 1-255 characters`);
    else if (actionIds.has(value)) problems.push(`${where}: duplicate action_id ${value}`);
    else actionIds.add(value);
  };
  const element = (where: string, e: unknown): void => {
    if (!isObject(e)) return void problems.push(`${where}: not an object`);
    if (e.type === 'button') {
      textObject(`${where}.text`, e.text, 75, true);
      actionId(where, e.action_id);
      if (typeof e.value === 'string' && e.value.length > 2000) problems.push(`${where}: value over 2000 characters`);
      if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') problems.push(`${where}: bad style ${String(e.style)}`);
    } else if (e.type === 'checkboxes') {
      actionId(where, e.action_id);
      const options = Array.isArray(e.options) ? e.options : [];
      if (options.length === 0 || options.length > 10) problems.push(`${where}: 1-10 options`);
      options.forEach((o, i) => {
        textObject(`${where}.options[${i}].text`, isObject(o) ? o.text : undefined, 75);
        const value = isObject(o) ? o.value : undefined;
        if (typeof value !== 'string' || value.length > 150) problems.push(`${where}.options[${i}]: value must be at most 150 characters`);
      });
    } else problems.push(`${where}: element type ${String(e.type)} not expected here`);
  };

  blocks.forEach((b, i) => {
    const where = `blocks[${i}]`;
    if (!isObject(b)) return void problems.push(`${where}: not an object`);
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || b.block_id.length > 255) problems.push(`${where}: block_id must be at most 255 characters`);
      else if (blockIds.has(b.block_id)) problems.push(`${where}: duplicate block_id`);
      else blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        return textObject(`${where}.text`, b.text, 150, true);
      case 'section': {
        if (b.text === undefined && b.fields === undefined) problems.push(`${where}: needs text or fields`);
        if (b.text !== undefined) textObject(`${where}.text`, b.text, 3000);
        if (b.fields !== undefined) {
          const fields = Array.isArray(b.fields) ? b.fields : [];
          if (fields.length === 0 || fields.length > 10) problems.push(`${where}: 1-10 fields`);
          fields.forEach((f, j) => textObject(`${where}.fields[${j}]`, f, 2000));
        }
        return;
      }
      case 'context': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > 10) problems.push(`${where}: 1-10 elements`);
        return elements.forEach((e, j) => textObject(`${where}.elements[${j}]`, e, 3000));
      }
      case 'actions': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > 25) problems.push(`${where}: 1-25 elements`);
        return elements.forEach((e, j) => element(`${where}.elements[${j}]`, e));
      }
      case 'divider':
        return;
      default:
        problems.push(`${where}: block type ${String(b.type)} not expected`);
    }
  });
  return problems;
}
