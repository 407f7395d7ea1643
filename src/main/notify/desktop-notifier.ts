// Which notifier each OS gets, decided by one pure function. macOS: Electron's own Notification
// (node-notifier's terminal-notifier is x86_64-only and not the app's). Linux: node-notifier's
// notify-send. Windows: node-notifier's SnoreToast, attributed through the AppUserModelId.
import type { ClickableNotifierPort } from '../../core/notifications/notification-port.ts';
import {
  createElectronNotifier,
  type NotificationClassLike,
} from './electron-notification-adapter.ts';
import { createNodeNotifier, type NodeNotifierDeps } from './node-notifier-adapter.ts';

export type NotifierKind = 'electron-notification' | 'node-notifier';

export function notifierKindFor(platform: NodeJS.Platform): NotifierKind {
  return platform === 'darwin' ? 'electron-notification' : 'node-notifier';
}

export function createDesktopNotifier(
  deps: NodeNotifierDeps & { Notification: NotificationClassLike },
): ClickableNotifierPort {
  return notifierKindFor(deps.platform) === 'electron-notification'
    ? createElectronNotifier({ Notification: deps.Notification })
    : createNodeNotifier(deps);
}
