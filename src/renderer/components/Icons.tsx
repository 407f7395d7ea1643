// The few icons the window draws, as inline SVG (no icon font, nothing fetched).

export function FlameIcon() {
  return (
    <svg className="icon-flame" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M8.6 1c.4 2.3-.6 3.6-1.7 4.8C5.7 7.1 4.5 8.4 4.5 10.4 4.5 12.9 6.1 15 8.3 15c2.4 0 3.9-1.9 3.9-4.4 0-2-1-3.4-1.9-4.3.1 1.2-.3 2.2-1.2 2.7.4-2.6-.4-5.6-.5-8Z" />
    </svg>
  );
}

export function MissionMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <circle cx="10" cy="10" r="9" className="brand-ring" />
      <circle cx="10" cy="10" r="5.5" className="brand-ring-inner" />
      <circle cx="10" cy="10" r="2.2" className="brand-dot" />
    </svg>
  );
}
