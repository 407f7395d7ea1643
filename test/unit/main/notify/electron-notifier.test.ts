// The macOS notifier (Electron's main-process Notification) against a strict fake of it, and the
// pure choice of notifier per OS.
import { describe, expect, it } from 'vitest';
import { notifierKindFor } from '../../../../src/main/notify/desktop-notifier.ts';
import { createElectronNotifier } from '../../../../src/main/notify/electron-notification-adapter.ts';
import type { DesktopNotification } from '../../../../src/core/notifications/notification-port.ts';
import {
  createFakeNotificationClass,
  FakeNotificationCenter,
} from '../../../fakes/electron-views.ts';

const reminder = { title: 'Book 10 meetings', body: '0 of 1 meeting — 1 hour to noon' };

describe('which notifier each OS gets', () => {
  it("macOS: Electron's own; Linux (notify-send) and Windows (SnoreToast): node-notifier", () => {
    expect(notifierKindFor('darwin')).toBe('electron-notification');
    expect(notifierKindFor('linux')).toBe('node-notifier');
    expect(notifierKindFor('win32')).toBe('node-notifier');
  });
});

describe("notifications through Electron's Notification", () => {
  it('shows the text as given, and reports a click on it, even much later', async () => {
    const center = new FakeNotificationCenter();
    const notifier = createElectronNotifier({ Notification: createFakeNotificationClass(center) });
    const clicked: DesktopNotification[] = [];
    notifier.onClick((n) => clicked.push(n));
    const hostile = { title: 'Book "10" <b>meetings</b> $(rm -rf ~)', body: '-n \\n & more' };
    await notifier.show(reminder);
    await notifier.show(hostile);
    expect(center.delivered.map((n) => [n.title, n.body])).toEqual([
      [reminder.title, reminder.body],
      [hostile.title, hostile.body],
    ]);
    const [first] = center.delivered;
    if (first) center.click(first);
    expect(clicked).toEqual([reminder]);
  });

  it('rejects with the reason when the desktop refuses, or has no notifications', async () => {
    const center = new FakeNotificationCenter();
    const Notification = createFakeNotificationClass(center);
    center.refusal = 'Notifications are not allowed for this application';
    await expect(createElectronNotifier({ Notification }).show(reminder)).rejects.toThrow(
      'The desktop did not show the notification: Notifications are not allowed for this application',
    );
    center.supported = false;
    await expect(createElectronNotifier({ Notification }).show(reminder)).rejects.toThrow(
      /does not support notifications/,
    );
    expect(center.delivered).toEqual([]);
  });
});
