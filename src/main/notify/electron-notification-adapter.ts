// Desktop notifications through Electron's main-process Notification (macOS), behind
// NotifierPort: attributed to Mission Tray, a click arrives while it stays in Notification Center.
// Why not node-notifier there: docs/decisions/0007-desktop-notification-text.md.
import type { NotificationConstructorOptions } from 'electron';
import type {
  ClickableNotifierPort,
  DesktopNotification,
} from '../../core/notifications/notification-port.ts';

/** The part of Electron's Notification the adapter uses. */
export interface NotificationLike {
  show(): void;
  on(event: 'show' | 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}

/** Electron's Notification class: its constructor and `isSupported`. */
export interface NotificationClassLike {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/**
 * How many shown notifications the adapter keeps referenced: Electron stops emitting events for
 * a Notification object that has been garbage-collected, so a click on an older one would be
 * lost. A day's reminders are far fewer.
 */
const KEPT = 50;

export function createElectronNotifier(deps: {
  Notification: NotificationClassLike;
}): ClickableNotifierPort {
  const clickListeners: ((notification: DesktopNotification) => void)[] = [];
  const kept: NotificationLike[] = [];
  const forget = (shown: NotificationLike) => {
    const at = kept.indexOf(shown);
    if (at >= 0) kept.splice(at, 1);
  };
  return {
    onClick(listener) {
      clickListeners.push(listener);
    },
    show(notification) {
      if (!deps.Notification.isSupported())
        return Promise.reject(new Error('This desktop does not support notifications.'));
      // Title and body are handed over as they are: no shell, no markup on macOS.
      const shown = new deps.Notification({ title: notification.title, body: notification.body });
      kept.push(shown);
      if (kept.length > KEPT) kept.shift();
      return new Promise((resolve, reject) => {
        shown.on('show', () => resolve());
        shown.on('failed', (_event, error) => {
          forget(shown);
          reject(new Error(`The desktop did not show the notification: ${error}`));
        });
        shown.on('click', () => {
          forget(shown);
          clickListeners.forEach((listener) => listener(notification));
        });
        shown.on('close', () => forget(shown));
        shown.show();
      });
    },
  };
}
