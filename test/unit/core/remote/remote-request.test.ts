// The one parser both doors share: a link and a command line asking the same thing give the same
// request, and the words Electron hands over (argv) are found as the rep typed them.
import { describe, expect, it } from 'vitest';
import {
  commandWords,
  parseCommandLine,
  parseLink,
} from '../../../../src/core/remote/remote-request.ts';

describe('parseLink and parseCommandLine', () => {
  it('read the same request from a link and a command line', () => {
    const request = { kind: 'log', mission: 'Book 10 meetings', amount: 2, note: 'Acme' };
    expect(parseLink('missiontray://log?mission=Book+10+meetings&amount=2&note=Acme')).toEqual({
      ok: true,
      value: request,
    });
    expect(
      parseCommandLine(['log', '--mission', 'Book 10 meetings', '--amount=2', '--note', 'Acme']),
    ).toEqual({ ok: true, value: request });
  });

  it('take the link in its forms: with or without //, any case of scheme and route', () => {
    for (const link of [
      'missiontray:log?mission=demos',
      'MissionTray://LOG?mission=demos',
      'missiontray://log/?mission=demos',
    ]) {
      expect(parseLink(link), link).toEqual({
        ok: true,
        value: { kind: 'log', mission: 'demos', amount: 1 },
      });
    }
    expect(parseLink('missiontray://open/today')).toEqual({
      ok: true,
      value: { kind: 'open', missionId: null },
    });
    expect(parseLink('missiontray://open/mission/3f2a-77')).toEqual({
      ok: true,
      value: { kind: 'open', missionId: '3f2a-77' },
    });
    expect(parseLink('missiontray://open/mission/..%2F..%2Fetc')).toEqual({
      ok: false,
      message: 'That is not a mission id',
    });
  });

  it('a link is a link on the command line too (how Windows and Linux hand it over)', () => {
    expect(parseCommandLine(['missiontray://undo'])).toEqual({
      ok: false,
      message: 'A link cannot undo a win. Use Undo in the tray menu or the window.',
    });
  });
});

describe('commandWords', () => {
  it('skips the executable, and unpackaged the app folder, and switches before the verb', () => {
    expect(commandWords(['/opt/Mission Tray/mission-tray', 'status'], true)).toEqual(['status']);
    expect(commandWords(['electron', '.', 'log', '--mission', 'demos'], false)).toEqual([
      'log',
      '--mission',
      'demos',
    ]);
    expect(commandWords(['mission-tray', '--original-process-start-time=1', 'undo'], true)).toEqual(
      ['undo'],
    );
    expect(commandWords(['mission-tray'], true)).toEqual([]);
  });

  it('finds a link wherever Chromium put it', () => {
    expect(
      commandWords(
        ['Mission Tray.exe', '--allow-file-access-from-files', 'missiontray://open/today'],
        true,
      ),
    ).toEqual(['missiontray://open/today']);
  });
});
