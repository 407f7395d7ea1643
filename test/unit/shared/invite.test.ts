// An invite reads the same as a link and as a code, builds back to what was parsed, and refuses a
// server the app must not send a secret to — with a sentence, before anything is contacted.
import { describe, expect, it } from 'vitest';
import {
  InvitePreview,
  JoinBody,
  JoinResult,
  inviteCode,
  inviteLink,
  inviteServerProblem,
  parseInvite,
} from '../../../src/shared/invite.ts';

const SECRET = 'x7Yc0123456789abcdefghijklmnop_-';

describe('inviteLink and inviteCode', () => {
  it('build the link with the origin encoded and the code with https implied', () => {
    expect(inviteLink('https://team.example.com', SECRET)).toBe(
      `missiontray://join?server=https%3A%2F%2Fteam.example.com&code=${SECRET}`,
    );
    expect(inviteCode('https://team.example.com', SECRET)).toBe(`MT1-${SECRET}@team.example.com`);
  });

  it('keep the scheme of a loopback http server in the code, and its port in both', () => {
    expect(inviteCode('http://127.0.0.1:8787', SECRET)).toBe(`MT1-${SECRET}@http://127.0.0.1:8787`);
    expect(inviteLink('http://127.0.0.1:8787/', SECRET)).toBe(
      `missiontray://join?server=http%3A%2F%2F127.0.0.1%3A8787&code=${SECRET}`,
    );
    expect(inviteCode('https://team.example.com:8443', SECRET)).toBe(
      `MT1-${SECRET}@team.example.com:8443`,
    );
  });

  it('refuse to build an invite to plain http on another machine', () => {
    expect(() => inviteLink('http://team.example.com', SECRET)).toThrow(/https/);
    expect(() => inviteCode('http://10.0.0.5:8787', SECRET)).toThrow(/https/);
    expect(inviteServerProblem('http://team.lan')).toMatch(/https/);
    expect(inviteServerProblem('http://[::1]:8787')).toBeNull();
    expect(inviteServerProblem('http://localhost:8787')).toBeNull();
  });
});

describe('parseInvite', () => {
  const servers = [
    'https://team.example.com',
    'https://team.example.com:8443',
    'http://127.0.0.1:8787',
    'http://[::1]:8787',
    'http://localhost:3000',
  ];

  it.each(servers)('reads back the link and the code built for %s', (server) => {
    const expected = { ok: true, value: { server, secret: SECRET } };
    expect(parseInvite(inviteLink(server, SECRET))).toEqual(expected);
    expect(parseInvite(inviteCode(server, SECRET))).toEqual(expected);
  });

  it('ignores the spaces and line breaks around and inside a pasted invite', () => {
    const wrapped = `  MT1-${SECRET.slice(0, 10)}\n  ${SECRET.slice(10)}@team.example.com \n`;
    expect(parseInvite(wrapped)).toEqual({
      ok: true,
      value: { server: 'https://team.example.com', secret: SECRET },
    });
    expect(parseInvite(`\t${inviteLink('https://team.example.com', SECRET)}\r\n`).ok).toBe(true);
  });

  it('takes the link without the slashes and the code prefix in any case', () => {
    const bare = `missiontray:join?server=https%3A%2F%2Fteam.example.com&code=${SECRET}`;
    expect(parseInvite(bare)).toEqual({
      ok: true,
      value: { server: 'https://team.example.com', secret: SECRET },
    });
    expect(parseInvite(`mt1-${SECRET}@team.example.com`).ok).toBe(true);
  });

  it('refuses a server the app must not send the secret to, saying why', () => {
    for (const text of [
      inviteLink('https://x.example', SECRET).replace('https', 'http'),
      `MT1-${SECRET}@http://team.example.com`,
      `MT1-${SECRET}@ftp://team.example.com`,
      `MT1-${SECRET}@team.example.com/path`,
      `MT1-${SECRET}@user:pw@team.example.com`,
      `missiontray://join?server=${encodeURIComponent('https://team.example.com/api?x=1')}&code=${SECRET}`,
      `missiontray://join?server=${encodeURIComponent('javascript:alert(1)')}&code=${SECRET}`,
    ]) {
      const parsed = parseInvite(text);
      expect(parsed, text).toEqual({ ok: false, message: expect.stringMatching(/https:\/\//) });
    }
  });

  it('refuses a secret that is short, long, padded or has other characters', () => {
    for (const secret of [
      SECRET.slice(1),
      `${SECRET}a`,
      `${SECRET.slice(2)}==`,
      `${SECRET.slice(1)}+`,
      '',
    ]) {
      const parsed = parseInvite(`MT1-${secret}@team.example.com`);
      expect(parsed, secret).toEqual({
        ok: false,
        message: expect.stringMatching(/Copy it again/),
      });
    }
    expect(parseInvite(`MT1-${SECRET}`)).toMatchObject({ ok: false });
  });

  it('refuses a link with the server or the code missing or said twice', () => {
    const server = encodeURIComponent('https://team.example.com');
    for (const text of [
      `missiontray://join?server=${server}`,
      `missiontray://join?code=${SECRET}`,
      `missiontray://join?server=${server}&code=${SECRET}&code=${SECRET}`,
      `missiontray://join?server=${server}&server=${server}&code=${SECRET}`,
    ])
      expect(parseInvite(text), text).toEqual({ ok: false, message: expect.any(String) });
  });

  it('says what it expects for anything that is not an invite', () => {
    for (const text of [
      '',
      '   ',
      'hello',
      `missiontray://log?mission=x`,
      `missiontray://join/extra?server=x&code=${SECRET}`,
      `https://team.example.com/join?code=${SECRET}`,
      'x'.repeat(5000),
    ])
      expect(parseInvite(text), text).toEqual({
        ok: false,
        message: expect.stringMatching(/not a Mission Tray invite.*MT1-/),
      });
  });
});

describe('the join bodies', () => {
  it('accept exactly what the protocol names', () => {
    expect(JoinBody.safeParse({ secret: SECRET }).success).toBe(true);
    expect(JoinBody.safeParse({ secret: SECRET, repId: 'rep_x' }).success).toBe(false);
    expect(JoinBody.safeParse({ secret: 'short' }).success).toBe(false);
    expect(
      InvitePreview.safeParse({
        team: { name: 'North' },
        rep: { name: 'Ann' },
        expiresAt: '2026-12-09T03:00:00.000Z',
      }).success,
    ).toBe(true);
    expect(
      JoinResult.safeParse({
        token: `mt_${'a'.repeat(43)}`,
        rep: { id: 'rep_abc', name: 'Ann' },
        team: { name: 'North' },
      }).success,
    ).toBe(true);
    expect(
      JoinResult.safeParse({ token: 'x', rep: { id: 'rep_abc', name: 'Ann' }, team: { name: 'N' } })
        .success,
    ).toBe(false);
  });
});
