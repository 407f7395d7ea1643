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

describe('missiontray://join', () => {
  const secret = 'x7Yc0123456789abcdefghijklmnopQR';
  const link = (server: string, code = secret) =>
    `missiontray://join?server=${encodeURIComponent(server)}&code=${code}`;

  it.each([
    [link('https://team.example.com'), 'https://team.example.com'],
    // The origin alone: a trailing slash or an upper-case host is the same server.
    [link('https://Team.Example.com/'), 'https://team.example.com'],
    [link('http://127.0.0.1:8787'), 'http://127.0.0.1:8787'],
    [link('http://localhost:8787'), 'http://localhost:8787'],
    [link('http://[::1]:8787'), 'http://[::1]:8787'],
    [
      `MissionTray:JOIN?server=${encodeURIComponent('https://team.example.com')}&code=${secret}`,
      'https://team.example.com',
    ],
  ])('%s is an invite to %s, to confirm', (text, server) => {
    expect(parseLink(text)).toEqual({
      ok: true,
      value: { kind: 'join', invite: { server, secret } },
    });
  });

  it.each([
    // Plain http to another machine: the token would cross the network in the clear.
    [link('http://team.example.com'), /must use https:\/\//],
    [link('http://10.0.0.5:8787'), /must use https:\/\//],
    [link('ftp://team.example.com'), /must use https:\/\//],
    // A server with a path, credentials or a query is not an origin.
    [link('https://team.example.com/api'), /must use https:\/\//],
    [link('https://user:pw@team.example.com'), /must use https:\/\//],
    [link('not a url'), /must use https:\/\//],
    // The secret is 32 base64url characters: shorter, longer or other characters are a typo.
    [link('https://team.example.com', secret.slice(1)), /incomplete or mistyped/],
    [link('https://team.example.com', `${secret}A`), /incomplete or mistyped/],
    [link('https://team.example.com', `${secret.slice(1)}%21`), /incomplete or mistyped/],
    [`missiontray://join?code=${secret}`, /needs the server and the code/],
    [`missiontray://join?server=https%3A%2F%2Fteam.example.com`, /needs the server and the code/],
    [`${link('https://team.example.com')}&code=${secret}`, /says "code" twice/],
    [`${link('https://team.example.com')}&token=abc`, /Unknown option "token" for join/],
  ])('%s is refused: %s', (text, message) => {
    const parsed = parseLink(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('the command line takes the same invite (it opens the confirm screen too)', () => {
    expect(
      parseCommandLine(['join', '--server', 'https://team.example.com', '--code', secret]),
    ).toEqual({
      ok: true,
      value: { kind: 'join', invite: { server: 'https://team.example.com', secret } },
    });
  });
});
