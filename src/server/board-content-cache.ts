// The board's live part as last drawn for each team and view (filters and page), with the change
// token it was drawn at. After a change every open board of the team asks for the content at the
// same new token within a second; the first request draws it and the others get the same HTML,
// so 50 open boards cost about one drawing per change instead of 50. Nothing is served for a
// token other than the one the request just read: a change means a new drawing.
// docs/decisions/0013-live-board.md has the figures.

/** A drawing, and whether it may be kept: false when the token moved while it was drawn. */
export interface Drawing {
  html: string;
  keep: boolean;
}

/** Views kept at most (the least recently asked for goes first). */
export const CONTENT_CACHE_VIEWS = 200;

export function createBoardContentCache(max = CONTENT_CACHE_VIEWS) {
  const entries = new Map<string, { token: string; drawing: Promise<Drawing> }>();
  const forget = (key: string, entry: unknown) => {
    if (entries.get(key) === entry) entries.delete(key);
  };
  return {
    /**
     * The content of view `key` at `token`: the kept drawing if there is one for this token
     * (or one under way), otherwise `draw()`'s.
     */
    async get(key: string, token: string, draw: () => Promise<Drawing>): Promise<string> {
      let entry = entries.get(key);
      if (entry?.token === token) entries.delete(key);
      else entry = { token, drawing: draw() };
      // Last in the map is the most recently asked for.
      entries.set(key, entry);
      if (entries.size > max) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      const kept = entry;
      try {
        const drawing = await kept.drawing;
        if (!drawing.keep) forget(key, kept);
        return drawing.html;
      } catch (error) {
        forget(key, kept);
        throw error;
      }
    },
  };
}

export type BoardContentCache = ReturnType<typeof createBoardContentCache>;
