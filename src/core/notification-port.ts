// What the scheduler hands the desktop: a title and a body, shown as plain text.

export interface DesktopNotification {
  title: string;
  body: string;
}

export interface NotifierPort {
  /** Resolves once the OS accepted the notification; rejects with the reason it did not. */
  show(notification: DesktopNotification): Promise<void>;
}
