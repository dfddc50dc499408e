/** Payloads shaped like the ones Slack sends: slash commands, block_actions and events. */

export interface Who {
  teamId: string;
  teamDomain?: string;
  userId: string;
  userName?: string;
  channelId?: string;
}

export function slashCommand(who: Who, command: string, text: string, responseUrl: string): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: who.teamId,
    team_domain: who.teamDomain ?? who.teamId.toLowerCase(),
    channel_id: who.channelId ?? 'CSTUDY',
    channel_name: 'study',
    user_id: who.userId,
    user_name: who.userName ?? who.userId.toLowerCase(),
    command,
    text,
    api_app_id: 'AFAKE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  };
}

export interface Press {
  actionId: string;
  blockId?: string;
  type?: 'button' | 'checkboxes';
  /** The message the button sits on. */
  messageTs?: string;
  isEphemeral?: boolean;
  /** For a choose-two submit: the values of the ticked checkboxes. */
  ticked?: { blockId: string; actionId: string; values: string[] };
  /** Pressed in the App Home: no channel, no response_url. */
  inHome?: boolean;
}

export function blockActions(who: Who, press: Press, responseUrl: string | undefined): Record<string, unknown> {
  const channelId = who.channelId ?? 'CSTUDY';
  const state = press.ticked
    ? { values: { [press.ticked.blockId]: { [press.ticked.actionId]: { type: 'checkboxes', selected_options: press.ticked.values.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) } } } }
    : { values: {} };
  return {
    type: 'block_actions',
    user: { id: who.userId, username: who.userName ?? who.userId.toLowerCase(), name: who.userName ?? who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: 'AFAKE',
    token: 'verification-token-unused',
    container: press.inHome
      ? { type: 'view', view_id: 'V1' }
      : { type: 'message', message_ts: press.messageTs ?? '1700000000.000001', channel_id: channelId, is_ephemeral: press.isEphemeral ?? false },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    team: { id: who.teamId, domain: who.teamDomain ?? who.teamId.toLowerCase() },
    enterprise: null,
    is_enterprise_install: false,
    ...(press.inHome ? { view: { id: 'V1', type: 'home' } } : { channel: { id: channelId, name: 'study' }, message: { type: 'message', ts: press.messageTs ?? '1700000000.000001', text: '' } }),
    state,
    ...(responseUrl ? { response_url: responseUrl } : {}),
    actions: [
      {
        type: press.type ?? 'button',
        action_id: press.actionId,
        block_id: press.blockId ?? 'b1',
        ...(press.type === 'checkboxes' ? { selected_options: [] } : { value: press.actionId, text: { type: 'plain_text', text: 'x' } }),
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

export function appHomeOpened(who: Who): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: who.teamId,
    api_app_id: 'AFAKE',
    event: { type: 'app_home_opened', user: who.userId, channel: 'DHOME', tab: 'home', event_ts: String(Date.now() / 1000) },
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: who.teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  };
}
