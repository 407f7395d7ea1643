// What the scheduler hands the desktop: a title and a body, shown as plain text.

export interface DesktopNotification {
  title: string;
  body: string;
}

export interface NotifierPort {
  /** Resolves once the OS accepted the notification; rejects with the reason it did not. */
  show(notification: DesktopNotification): Promise<void>;
}

/** The desktop's notifier as the shell holds it: it also reports the rep's clicks. */
export interface ClickableNotifierPort extends NotifierPort {
  /** Called when the rep clicks a notification shown (macOS, Windows; Linux reports no clicks). */
  onClick(listener: (notification: DesktopNotification) => void): void;
}
