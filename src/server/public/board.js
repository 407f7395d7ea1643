// The board keeps itself current. While the tab is visible it asks /board/changes, every
// data-live-ms, whether anything changed since the token the page was drawn at (one indexed
// query on the server; 204 when nothing did). Only then it fetches the content and swaps the
// sections that differ, keeping focus, scroll and open tables, and says a new win politely to
// screen readers. Served as a file so the page's Content-Security-Policy can forbid inline
// script. docs/decisions/0013-live-board.md says why polling and not a push channel. On every
// page it loads on (the board's and the accounts'), it writes instants in the reader's own zone.
/* global document, window, CSS */
const board = document.getElementById('board');
const status = document.getElementById('live-status');
const every = Math.max(250, Number(board?.dataset.liveMs ?? 1000));
let token = board?.dataset.token ?? '';
let timer = 0;
let busy = false;

const signIn = () => window.location.assign('/login');

const LOCAL_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/**
 * The server writes instants in UTC so they hold without script; here they become the reader's
 * own time, in the browser's locale, the zone still named ("Nov 25, 2026, 04:00 AM EST"). Only
 * instants carry a time in their ISO datetime ("…T09:30:00.000Z"); a mission's calendar days
 * ("2026-11-23") are left as they are. The datetime attribute stays ISO.
 */
function localTimes(root) {
  for (const time of root.querySelectorAll('time[datetime*="T"]')) {
    const at = new Date(time.dateTime);
    if (!Number.isNaN(at.getTime())) time.textContent = LOCAL_TIME.format(at);
  }
}
localTimes(document);

/** The latest win's words, without its time: "Ann Lee +2 meetings — Book 10 meetings". */
function latestWin(root) {
  const item = root.querySelector('#feed li');
  if (!item) return '';
  const copy = item.cloneNode(true);
  for (const time of copy.querySelectorAll('time')) time.remove();
  return copy.textContent.replace(/\s+/g, ' ').trim();
}

/** Where focus is, in words that survive a redraw of its section. */
function focusKeyOf(element, section) {
  if (!element || element === document.body || !section.contains(element)) return null;
  if (element.id) return { id: element.id };
  const same = [...section.querySelectorAll(element.tagName)];
  return {
    tag: element.tagName,
    href: element.getAttribute('href'),
    text: element.textContent,
    index: same.indexOf(element),
  };
}

function findByKey(key, section) {
  if (key.id) return section.querySelector(`#${CSS.escape(key.id)}`);
  const same = [...section.querySelectorAll(key.tag)];
  return (
    same.find((e) => key.href !== null && e.getAttribute('href') === key.href) ??
    same.find((e) => e.textContent === key.text) ??
    same[key.index] ??
    null
  );
}

function swap(html) {
  if (!board) return;
  const fresh = document.createElement('div');
  fresh.innerHTML = html;
  // Before comparing: a section whose only difference is the zone its times are written in is
  // unchanged, and is not redrawn.
  localTimes(fresh);
  const before = latestWin(board);
  const { scrollX, scrollY } = window;
  for (const next of [...fresh.children]) {
    const current = next.id ? document.getElementById(next.id) : null;
    if (!current || !board.contains(current)) continue;
    // A table the manager opened stays open, and a wide table keeps its sideways scroll.
    for (const open of current.querySelectorAll('details[open]'))
      next.querySelector(`#${CSS.escape(open.id)}`)?.setAttribute('open', '');
    if (current.tagName === 'DETAILS' && current.open) next.setAttribute('open', '');
    if (current.innerHTML === next.innerHTML) continue;
    const scrolled = [...current.querySelectorAll('.scroll')].map((s) => s.scrollLeft);
    const focus = focusKeyOf(document.activeElement, current);
    current.replaceWith(next);
    [...next.querySelectorAll('.scroll')].forEach((s, i) => {
      s.scrollLeft = scrolled[i] ?? 0;
    });
    if (focus) findByKey(focus, next)?.focus({ preventScroll: true });
  }
  window.scrollTo(scrollX, scrollY);
  const after = latestWin(board);
  if (status && after && after !== before) {
    status.textContent = '';
    // A fresh node is announced even when the same words come twice in a row.
    setTimeout(() => {
      status.textContent = `New win: ${after}`;
    }, 50);
  }
}

async function poll() {
  timer = 0;
  if (!board || document.hidden || busy) return;
  busy = true;
  try {
    const res = await fetch(`/board/changes?since=${encodeURIComponent(token)}`, {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (res.status === 401) return signIn();
    if (res.status === 200) {
      const changed = await res.json();
      const content = await fetch(`/board/content${window.location.search}`, {
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (content.status === 401) return signIn();
      if (content.ok) {
        swap(await content.text());
        token = content.headers.get('x-board-token') ?? changed.token ?? token;
      }
    }
  } catch {
    // Offline or the server restarts: keep showing the last board and ask again next time.
  } finally {
    busy = false;
    schedule();
  }
}

function schedule() {
  if (timer || document.hidden) return;
  timer = setTimeout(poll, every);
}

if (board) {
  schedule();
  // A hidden tab costs the server nothing; coming back asks at once.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      clearTimeout(timer);
      timer = 0;
    } else if (!busy) {
      clearTimeout(timer);
      timer = 0;
      void poll();
    }
  });
}

// The accounts' pages: a one-time link or code, shown once in a read-only field, gets a Copy
// button (a phone shows only the start of the field). Where the clipboard is refused, the
// field's text is selected and the sentence says how to copy it.
for (const field of document.querySelectorAll('input.copy')) {
  const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`)?.textContent ?? '';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = `Copy ${label.toLowerCase()}`;
  const said = document.createElement('span');
  said.setAttribute('role', 'status');
  button.addEventListener('click', async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      said.textContent = `${label} copied.`;
    } catch {
      said.textContent = `${label} selected: press Ctrl+C (⌘C on a Mac) to copy it.`;
    }
  });
  field.after(button, said);
}
