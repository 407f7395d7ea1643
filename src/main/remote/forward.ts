// The second instance's side of the command line: `mission-tray status` while Mission Tray runs.
// It hands its words to the running app through Electron's single-instance lock (additionalData,
// which Electron passes on as the second instance gave it, unlike argv) and prints the answer.
import { z } from 'zod';
import { commandLineCall, LINK_SCHEME, MAX_LINK_LENGTH } from '../../core/remote/remote-request.ts';
import { awaitReply, ReplyId } from './reply-files.ts';

/** What a second instance sends with the lock request. `replyTo`: it waits for an answer. */
export const ForwardedCommand = z.object({
  v: z.literal(1),
  words: z.array(z.string().max(MAX_LINK_LENGTH)).max(40),
  replyTo: ReplyId.optional(),
});
export type ForwardedCommand = z.infer<typeof ForwardedCommand>;

const isLink = (word: string) => word.toLowerCase().startsWith(`${LINK_SCHEME}:`);

/** The lock request's data: a command waits for its answer; a link or a bare launch does not. */
export function forwardedCommand(words: readonly string[], newId: () => string): ForwardedCommand {
  const [first] = words;
  const waits = first !== undefined && !isLink(first);
  return { v: 1, words: [...words], ...(waits ? { replyTo: newId() } : {}) };
}

/** How long a second instance waits for the running app before saying it did not answer. */
export const ANSWER_TIMEOUT_MS = 15_000;

/** Waits for the running app's answer and prints it; resolves to the exit code. */
export async function printAnswer(deps: {
  folder: string;
  replyTo: string;
  out: (text: string) => void;
  err: (text: string) => void;
  timeoutMs?: number;
}): Promise<number> {
  const reply = await awaitReply(deps.folder, deps.replyTo, {
    timeoutMs: deps.timeoutMs ?? ANSWER_TIMEOUT_MS,
  });
  if (!reply) {
    deps.err(
      'Mission Tray is running but did not answer. If it was just updated, quit it from the tray and try again.\n',
    );
    return 2;
  }
  (reply.ok ? deps.out : deps.err)(reply.text === '' ? '' : `${reply.text}\n`);
  return reply.ok ? 0 : 1;
}

/** `mission-tray status`'s exit code when no Mission Tray runs (0 answered, 1 refused, 2 silent). */
export const NOT_RUNNING_EXIT = 3;

/**
 * What a command says itself when no Mission Tray runs (this process took the lock), or null:
 * start as the tray app and do it (docs/decisions/0009). `status` only reads, and a command line
 * must answer and return: starting the tray app would keep the terminal attached to it.
 */
export function answerWithoutApp(
  words: readonly string[],
): { text: string; exitCode: number } | null {
  const call = commandLineCall(words);
  if (!call.ok || call.value.origin !== 'command-line' || call.value.route !== 'status')
    return null;
  return {
    text: 'Mission Tray is not running, so there is no status to show. Start Mission Tray, then ask again.\n',
    exitCode: NOT_RUNNING_EXIT,
  };
}
