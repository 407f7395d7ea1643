// Where links and the command line reach the running app: a second instance's lock request
// (Windows and Linux links, every command line), macOS's open-url, and the app's own argv when
// it was not running yet. The core (core/remote) decides what a request does; this decides how
// the answer is shown: a link's in a notification (it came from a page, not a terminal), a
// command line's on the terminal that asked.
import type { NotifierPort } from '../../core/notifications/notification-port.ts';
import type { RemoteAnswer } from '../../core/remote/remote-commands.ts';
import type { Invite } from '../../shared/invite.ts';
import { LINK_SCHEME } from '../../core/remote/remote-request.ts';
import { ForwardedCommand } from './forward.ts';
import type { Reply } from './reply-files.ts';

export interface RemoteIntakeDeps {
  remote: {
    link(url: string): Promise<RemoteAnswer>;
    commandLine(words: readonly string[]): Promise<RemoteAnswer>;
  };
  notifier: NotifierPort;
  /** Opens the window on Today, or on this mission's card. */
  openWindow(missionId: string | null): void;
  /** Opens the window on the invite's confirm screen (Join / Cancel). */
  openJoin(invite: Invite): void;
  /** Writes the answer a waiting second instance prints (reply-files.ts). */
  reply(id: string, reply: Reply): Promise<void>;
  log(message: string, cause?: unknown): void;
}

const isLink = (word: string | undefined): word is string =>
  word !== undefined && word.toLowerCase().startsWith(`${LINK_SCHEME}:`);

const FAILED: RemoteAnswer = {
  ok: false,
  text: 'That did not work. Try again, or open Mission Tray.',
};

export function createRemoteIntake(deps: RemoteIntakeDeps) {
  async function answerOf(words: readonly string[]): Promise<RemoteAnswer> {
    try {
      const [first] = words;
      return isLink(first) ? await deps.remote.link(first) : await deps.remote.commandLine(words);
    } catch (error) {
      deps.log('A link or command line failed', error);
      return FAILED;
    }
  }

  async function notify(body: string): Promise<void> {
    await deps.notifier.show({ title: 'Mission Tray', body }).catch((error: unknown) => {
      deps.log('Could not show the answer to a link', error);
    });
  }

  /** A link's answer: the window it opens, or a notification. A burst past the limit says so once. */
  async function showLinkAnswer(answer: RemoteAnswer): Promise<void> {
    if (answer.ok && answer.open) deps.openWindow(answer.open.missionId);
    if (answer.ok && answer.join) deps.openJoin(answer.join);
    if (answer.ok ? answer.text !== '' : !answer.silent) await notify(answer.text);
  }

  async function link(url: string): Promise<void> {
    await showLinkAnswer(await answerOf([url]));
  }

  return {
    link,

    /**
     * Electron's 'second-instance'. `additionalData` is what our second instance sent; argv is
     * only trusted for a link (Electron may reorder it and add Chromium's switches, and leaves it
     * out when another user started the second instance).
     */
    async secondInstance(argv: readonly string[], additionalData: unknown): Promise<void> {
      const forwarded = ForwardedCommand.safeParse(additionalData);
      const words = forwarded.success ? forwarded.data.words : argv.filter(isLink).slice(0, 1);
      if (words.length === 0) {
        // A second launch with nothing to do: the rep wants the window.
        deps.openWindow(null);
        return;
      }
      const replyTo = forwarded.success ? forwarded.data.replyTo : undefined;
      if (isLink(words[0]) || replyTo === undefined) {
        await link(words[0] ?? '');
        return;
      }
      const answer = await answerOf(words);
      if (answer.ok && answer.join) deps.openJoin(answer.join);
      await deps.reply(replyTo, { ok: answer.ok, text: answer.text }).catch((error: unknown) => {
        deps.log('Could not answer the command line', error);
      });
    },

    /**
     * The app's own words when it was not running yet (`mission-tray status` started it, or a
     * link did on Windows and Linux). A command line's answer is printed where it was typed.
     */
    async ownCommand(
      words: readonly string[],
      print: { out(text: string): void; err(text: string): void },
    ): Promise<void> {
      if (words.length === 0) return;
      if (isLink(words[0])) return link(words[0]);
      const answer = await answerOf(words);
      if (answer.ok && answer.join) deps.openJoin(answer.join);
      (answer.ok ? print.out : print.err)(`${answer.text}\n`);
    },
  };
}

export type RemoteIntake = ReturnType<typeof createRemoteIntake>;

/**
 * Links that arrive before the app is ready to take them (macOS sends open-url before 'ready'
 * when a link starts the app): kept in order, then handed over once there is someone to take them.
 */
export function createLinkInbox() {
  const waiting: string[] = [];
  let take: ((url: string) => void) | null = null;
  return {
    push(url: string): void {
      if (take) take(url);
      else waiting.push(url);
    },
    deliverTo(handler: (url: string) => void): void {
      take = handler;
      for (const url of waiting.splice(0)) handler(url);
    },
  };
}
