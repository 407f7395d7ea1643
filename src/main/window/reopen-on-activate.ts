// macOS relaunch: Mission Tray has no Dock icon (LSUIElement), so opening it again from Finder,
// Spotlight or Launchpad emits app 'activate' — not 'second-instance' — and the rep expects the
// window. The first launch emits 'activate' too, and that one must not open it: activations in
// the first moments after start belong to the launch itself.
export const LAUNCH_ACTIVATE_MS = 3000;

export function createReopenOnActivate(deps: {
  openWindow: () => void;
  /** Milliseconds; Date.now. */
  now: () => number;
  startedAt: number;
}): () => void {
  return () => {
    if (deps.now() - deps.startedAt < LAUNCH_ACTIVATE_MS) return;
    deps.openWindow();
  };
}
