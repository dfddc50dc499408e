import { Events, type Client, type Interaction } from 'discord.js';

/** discord.js's own INTERACTION_CREATE handling; private in its typings, and the one way to get the same classes the gateway produces. */
interface InteractionActions {
  actions: { InteractionCreate: { handle(data: unknown): void } };
}

/**
 * The discord.js Interaction for a payload Discord POSTed to the interactions endpoint: the
 * object the gateway would have emitted for the same INTERACTION_CREATE, so both modes share
 * one handler. discord.js emits it synchronously while handling, and in this mode the client
 * has no other listener for it. Undefined for a kind discord.js does not model.
 */
export function toInteraction(client: Client, payload: Record<string, unknown>): Interaction | undefined {
  let made: Interaction | undefined;
  const take = (interaction: Interaction): void => {
    made = interaction;
  };
  client.on(Events.InteractionCreate, take);
  try {
    (client as unknown as InteractionActions).actions.InteractionCreate.handle(payload);
  } finally {
    client.off(Events.InteractionCreate, take);
  }
  return made;
}
