// Desktop notifications through node-notifier (Linux and Windows), behind NotifierPort.
// `textForDesktop` keeps the rep's text literal for notify-send, which reports no click
// (docs/decisions/0007-desktop-notification-text.md).
import nodeNotifier from 'node-notifier';
import { z } from 'zod';
import type {
  ClickableNotifierPort,
  DesktopNotification,
} from '../../core/notifications/notification-port.ts';

/** The one call of node-notifier the adapter makes. */
export interface NodeNotifierLike {
  notify(
    options: Record<string, string | boolean>,
    callback: (error: Error | string | null, response: unknown) => void,
  ): unknown;
}

export interface NodeNotifierDeps {
  appName: string;
  /** Windows: must equal the app's AppUserModelId, or toasts are attributed to "SnoreToast". */
  appId: string;
  iconPath: string;
  platform: NodeJS.Platform;
  notifier?: NodeNotifierLike;
}

/**
 * node-notifier's answer for a click, normalized from terminal-notifier's 'contentsClicked' and
 * SnoreToast's 'activated'. Its 'click' event is not used: on macOS it fires only for the latest
 * notification, while each callback answers for its own.
 */
const Clicked = z.literal('activate');

const ZERO_WIDTH_SPACE = '\u200B';
const markup: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** The title and body as handed to node-notifier, so the rep sees exactly the text given. */
export function textForDesktop(
  notification: DesktopNotification,
  platform: NodeJS.Platform,
): DesktopNotification {
  if (platform !== 'linux') return notification;
  const literal = (s: string) => {
    const unescaped = s.replaceAll('\\', '\\\\');
    return unescaped.startsWith('-') ? ZERO_WIDTH_SPACE + unescaped : unescaped;
  };
  return {
    title: literal(notification.title),
    body: literal(notification.body.replace(/[&<>]/g, (c) => markup[c] ?? c)),
  };
}

export function createNodeNotifier(deps: NodeNotifierDeps): ClickableNotifierPort {
  const notifier: NodeNotifierLike = deps.notifier ?? nodeNotifier;
  const clickListeners: ((notification: DesktopNotification) => void)[] = [];
  return {
    onClick(listener) {
      clickListeners.push(listener);
    },
    show(notification) {
      const { title, body } = textForDesktop(notification, deps.platform);
      const options: Record<string, string | boolean> = {
        title,
        message: body,
        icon: deps.iconPath,
        appID: deps.appId,
        // Clicks are reported without it: terminal-notifier waits for its 10 s timeout and
        // SnoreToast for the toast to close ('wait: true' would cut macOS's wait to 5 s).
        wait: false,
      };
      if (deps.platform === 'linux') options['app-name'] = deps.appName;
      return new Promise((resolve, reject) => {
        notifier.notify(options, (error, response) => {
          if (!error) {
            resolve();
            if (Clicked.safeParse(response).success) clickListeners.forEach((l) => l(notification));
            return;
          }
          const cause = typeof error === 'string' ? error : error.message;
          reject(new Error(`The desktop did not show the notification: ${cause.trim()}`));
        });
      });
    },
  };
}
