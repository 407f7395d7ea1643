// A win logged by a link or the command line happened outside the window: the window announces
// it with the same toast (and Undo) as its own +1, once, and only while it is news.
import type { LastWin, TodaySnapshot } from '../shared/snapshot.ts';

/** How old a win may be for a window opened after it (a notification's click) to announce it. */
export const REMOTE_WIN_NEWS_MS = 120_000;

/** The last win, if a link or a command line logged it recently and it was not announced yet. */
export function remoteWinToAnnounce(
  snapshot: Pick<TodaySnapshot, 'at' | 'lastWin'>,
  announced: string | null,
): LastWin | null {
  const last = snapshot.lastWin;
  if (!last || last.id === announced) return null;
  if (last.source !== 'link' && last.source !== 'command-line') return null;
  if (Date.parse(snapshot.at) - Date.parse(last.at) > REMOTE_WIN_NEWS_MS) return null;
  return last;
}
