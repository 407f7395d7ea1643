// Refreshes the board's content every 30 s while the tab is visible. Served as a file so the
// page's Content-Security-Policy can forbid inline script.
/* global document, window */
const board = document.getElementById('board');
const seconds = Number(board?.dataset.refreshSeconds ?? 30);

async function refresh() {
  if (!board || document.hidden) return;
  try {
    const res = await fetch(`/board/content${window.location.search}`, {
      credentials: 'same-origin',
    });
    if (res.status === 401) {
      window.location.assign('/login');
      return;
    }
    if (res.ok) board.innerHTML = await res.text();
  } catch {
    // Offline or the server restarts: keep showing the last board and try again next time.
  }
}

if (board) {
  window.setInterval(refresh, seconds * 1000);
  document.addEventListener('visibilitychange', refresh);
}
