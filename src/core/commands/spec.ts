import type { Reply, Visibility } from '../reply.js';
import type { Library } from '../library.js';
import type { ExamService } from '../exam/exam-service.js';
import type { Quiz } from '../quiz.js';
import type { Streaks } from '../streaks.js';
import type { Clock } from '../time.js';
import type { Community, CommunityRef } from '../../store/communities.js';
import type { Store } from '../../store/store.js';

export type OptionType = 'text' | 'channel';

/** One option of a command, declared once; Discord, Slack and the terminal derive from it. */
export interface OptionSpec {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** The only values allowed (Discord shows them as a menu). */
  choices?: readonly string[];
  /**
   * Values Discord offers as a menu, checked by the command itself rather than the parser:
   * typed, such an option's value may arrive in another option's place (see /daily config).
   */
  menu?: readonly string[];
  /** Offer topic titles or time zones as the member types (Discord autocomplete). */
  autocomplete?: 'topic' | 'timezone';
  /** Takes the rest of the command text, spaces included. */
  rest?: boolean;
  maxLength?: number;
  /** A channel the bot will post in (not only one it looks up): adapters check it can. */
  posts?: boolean;
}

export interface SubcommandSpec {
  name: string;
  description: string;
  options: readonly OptionSpec[];
}

export interface CommandSpec {
  name: string;
  description: string;
  /** Usage shown in help, e.g. "/explain <topic>". */
  usage: string;
  options: readonly OptionSpec[];
  subcommands?: readonly SubcommandSpec[];
  /** Only server/workspace admins may run it. */
  admin?: boolean;
  visibility: Visibility;
}

/** Who is asking, as the platform says: the adapter fills this from the interaction. */
export interface Caller {
  community: CommunityRef;
  userId: string;
  displayName: string;
  /** The platform says this member may manage the server/workspace. */
  isAdmin: boolean;
  /** Where the command was typed, when the platform has channels. */
  channelId?: string;
}

export interface CoreDeps {
  store: Store;
  library: Library;
  clock: Clock;
  quiz: Quiz;
  streaks: Streaks;
  exams: ExamService;
}

export interface CommandContext {
  deps: CoreDeps;
  caller: Caller;
  /** The caller's community, when it has any data yet. */
  community: Community | undefined;
}

export type Args = Readonly<Record<string, string | undefined>>;

export interface Command {
  spec: CommandSpec;
  run(ctx: CommandContext, args: Args, sub: string | undefined): Reply | Promise<Reply>;
}
