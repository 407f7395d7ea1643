// Desktop notifications through node-notifier, behind NotifierPort.
// On Linux node-notifier runs `notify-send` through a shell (child_process.exec), double-quoting
// each argument and escaping " $ ` \ — so text cannot run commands. What it does not guard, and
// this adapter does: notify-send reads a leading '-' as an option and expands backslash escapes,
// and the notification server reads the body as markup. `textForDesktop` keeps all of it literal.
import nodeNotifier from 'node-notifier';
import type { DesktopNotification, NotifierPort } from '../../core/notification-port.ts';

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

export function createNodeNotifier(deps: NodeNotifierDeps): NotifierPort {
  const notifier: NodeNotifierLike = deps.notifier ?? nodeNotifier;
  return {
    show(notification) {
      const { title, body } = textForDesktop(notification, deps.platform);
      const options: Record<string, string | boolean> = {
        title,
        message: body,
        icon: deps.iconPath,
        appID: deps.appId,
        wait: false,
      };
      if (deps.platform === 'linux') options['app-name'] = deps.appName;
      return new Promise((resolve, reject) => {
        notifier.notify(options, (error) => {
          if (!error) return resolve();
          const cause = typeof error === 'string' ? error : error.message;
          reject(new Error(`The desktop did not show the notification: ${cause.trim()}`));
        });
      });
    },
  };
}
