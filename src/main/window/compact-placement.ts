// Where the compact window opens: next to the tray icon, on the side away from the screen edge
// the tray sits on, kept inside the work area. Where the tray has no bounds (Linux), centred on
// the work area of the screen the tray (or the pointer) is on.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 6;

export function compactWindowBounds(input: {
  /** null or all-zero on Linux, where Electron cannot know where the icon is. */
  trayBounds: Rect | null;
  workArea: Rect;
  size: { width: number; height: number };
}): Rect {
  const { trayBounds: tray, workArea: area } = input;
  const width = Math.min(input.size.width, area.width);
  const height = Math.min(input.size.height, area.height);
  const clamp = (v: number, min: number, max: number) =>
    Math.round(Math.max(min, Math.min(v, max)));
  const maxX = area.x + area.width - width;
  const maxY = area.y + area.height - height;

  if (!tray || (tray.width === 0 && tray.height === 0)) {
    return {
      x: clamp(area.x + (area.width - width) / 2, area.x, maxX),
      y: clamp(area.y + (area.height - height) / 2, area.y, maxY),
      width,
      height,
    };
  }
  const trayCenterX = tray.x + tray.width / 2;
  const trayCenterY = tray.y + tray.height / 2;
  // A taskbar on the left or right (Windows): open beside it, level with the icon.
  const sideways = tray.x + tray.width <= area.x || tray.x >= area.x + area.width;
  if (sideways) {
    const x = tray.x < area.x ? area.x + GAP : area.x + area.width - width - GAP;
    return {
      x: clamp(x, area.x, maxX),
      y: clamp(trayCenterY - height / 2, area.y, maxY),
      width,
      height,
    };
  }
  // Top menu bar (macOS, some Linux) opens below the icon; bottom taskbar (Windows) above it.
  const below = trayCenterY < area.y + area.height / 2;
  const y = below ? tray.y + tray.height + GAP : tray.y - height - GAP;
  return {
    x: clamp(trayCenterX - width / 2, area.x, maxX),
    y: clamp(y, area.y, maxY),
    width,
    height,
  };
}
