// How `mission-tray status` (a second instance) hears the running app's answer. Electron's
// single-instance lock carries the question (additionalData) but no answer back, so the second
// instance names a reply file and waits for it; the running app writes it in the rep's own
// user-data folder: a 0700 folder, a 0600 file, written whole and renamed into place, read and
// removed by the one waiting. Why files and not a socket: docs/decisions/0009-command-line-answers.md.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** 128 random bits in hex: the only form of name the running app will write to. */
export const ReplyId = z.string().regex(/^[0-9a-f]{32}$/);
export const newReplyId = (): string => randomBytes(16).toString('hex');

export const Reply = z.object({ ok: z.boolean(), text: z.string().max(100_000) });
export type Reply = z.infer<typeof Reply>;

export const replyFolder = (userData: string): string => join(userData, 'cli-replies');

/** Replies nobody came for (the second instance was killed) are removed after this. */
const STALE_MS = 60_000;

export async function writeReply(folder: string, id: string, reply: Reply): Promise<void> {
  ReplyId.parse(id);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `${id}.json`);
  const temp = `${file}.tmp`;
  await writeFile(temp, JSON.stringify(Reply.parse(reply)), { mode: 0o600, flag: 'wx' });
  await rename(temp, file);
}

/** Removes replies older than a minute: what a killed second instance left behind. */
export async function removeStaleReplies(folder: string, now = Date.now()): Promise<void> {
  const names = await readdir(folder).catch(() => []);
  for (const name of names) {
    const path = join(folder, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > STALE_MS) await rm(path, { force: true });
  }
}

/** Waits for the reply named `id`; null if none came in `timeoutMs`. */
export async function awaitReply(
  folder: string,
  id: string,
  options: { timeoutMs: number; pollMs?: number },
): Promise<Reply | null> {
  const file = join(folder, `${ReplyId.parse(id)}.json`);
  const end = Date.now() + options.timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) {
      await rm(file, { force: true });
      const parsed = Reply.safeParse(JSON.parse(text));
      return parsed.success
        ? parsed.data
        : { ok: false, text: 'Mission Tray answered in a way this version cannot read.' };
    }
    if (Date.now() >= end) return null;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 40));
  }
}
