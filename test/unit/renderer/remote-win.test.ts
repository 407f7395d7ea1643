// Which outside win the window announces: a link's or a command line's, once, while it is news.
import { describe, expect, it } from 'vitest';
import { remoteWinToAnnounce } from '../../../src/renderer/remote-win.ts';
import type { TodaySnapshot } from '../../../src/shared/snapshot.ts';
import type { WinSource } from '../../../src/shared/mission.ts';

const snapshotWith = (source: WinSource, at: string): Pick<TodaySnapshot, 'at' | 'lastWin'> => ({
  at: '2026-11-23T09:00:00.000Z',
  lastWin: { id: 'w1', missionId: 'm1', missionTitle: 'Book', amount: 2, at, source },
});
const announce = remoteWinToAnnounce;

describe('remoteWinToAnnounce', () => {
  it('announces a link or command-line win once, not the window’s own or the tray’s', () => {
    expect(announce(snapshotWith('link', '2026-11-23T08:59:30.000Z'), null)?.id).toBe('w1');
    expect(announce(snapshotWith('command-line', '2026-11-23T08:59:30.000Z'), null)?.id).toBe('w1');
    expect(announce(snapshotWith('link', '2026-11-23T08:59:30.000Z'), 'w1')).toBeNull();
    expect(announce(snapshotWith('window', '2026-11-23T08:59:30.000Z'), null)).toBeNull();
    expect(announce(snapshotWith('tray', '2026-11-23T08:59:30.000Z'), null)).toBeNull();
  });

  it('a window opened long after the link leaves it to Today’s log', () => {
    expect(announce(snapshotWith('link', '2026-11-23T08:57:59.000Z'), null)).toBeNull();
  });
});
