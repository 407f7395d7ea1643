// Every window's security, in one place: locked-down web preferences, a strict CSP, no
// navigation, no new windows, no permissions. Electron objects come in through narrow types.
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // A middle click would otherwise open a link in a new window, around setWindowOpenHandler.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** The packaged renderer loads only its own bundle. Written out whole, so a reader (and the
 * security scan, which parses it) sees exactly what the window may do. */
export const PRODUCTION_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

/**
 * The CSP for the window. The dev server needs inline scripts (React refresh) and a websocket
 * for hot reload, so in development it gets those two and nothing more.
 */
export function contentSecurityPolicy(devServerUrl: string | null): string {
  if (!devServerUrl) return PRODUCTION_CSP;
  const dev = new URL(devServerUrl);
  return PRODUCTION_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${dev.host}`,
  );
}

/** What `secureSession` needs of Electron's Session. */
export interface SecuredSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/** Adds the CSP to every response (file:// loads get it from index.html's meta tag) and denies every permission. */
export function secureSession(session: SecuredSession, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

type Preventable = { preventDefault(): void };

/** What `secureWebContents` needs of Electron's WebContents. */
export interface SecuredWebContents {
  on(event: 'will-navigate', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The app is one page: it never navigates, opens windows or embeds webviews. */
export function secureWebContents(
  contents: SecuredWebContents,
  log: (message: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log(`Blocked navigation to ${url}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** Opens a link the app itself built (e.g. the team board) in the browser: http(s) only. */
export function createExternalLinks(shell: { openExternal(url: string): Promise<void> }) {
  return {
    open(url: string): Promise<void> {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return Promise.reject(new Error(`Not a link: ${url}`));
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        return Promise.reject(new Error(`Only web links open in the browser, not ${url}`));
      }
      // Reviewed: only http(s) URLs reach here, checked just above.
      return shell.openExternal(parsed.href); // eng-disable OPEN_EXTERNAL_JS_CHECK
    },
  };
}
