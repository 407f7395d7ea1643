// The account without a server: which endpoints the app accepts, the URLs it builds from what
// the rep typed, and when two settings are the same account (so nothing is sent again).
import { describe, expect, it } from 'vitest';
import {
  accountOf,
  endpointProblem,
  leftBehindNote,
  refuseBadInput,
  sameAccount,
  teamApiUrl,
  TOKEN_SECRET,
} from '../../../../src/core/sync/account.ts';
import { syncDocSpec } from '../../../../src/core/sync/outbox.ts';
import { memorySecrets } from './sync-fixture.ts';

describe('the endpoint', () => {
  it('takes https anywhere and plain http only on this computer', () => {
    expect(endpointProblem('https://team.example.com')).toBeNull();
    for (const local of ['http://localhost:8080', 'http://127.0.0.1:3000', 'http://[::1]:9'])
      expect(endpointProblem(local)).toBeNull();
    expect(endpointProblem('http://team.example.com')).toMatch(/must start with https:\/\//);
    expect(endpointProblem('http://10.0.0.7')).toMatch(/only on this computer/);
    expect(endpointProblem('ftp://team.example.com')).toMatch(/https/);
    expect(endpointProblem('team.example.com')).toMatch(/full URL, like https:\/\//);
  });

  it('builds every API URL the same way, with or without a trailing slash', () => {
    for (const base of ['https://team.example.com', 'https://team.example.com//'])
      expect(teamApiUrl(base, ['team'])).toBe('https://team.example.com/api/v2/team');
    expect(teamApiUrl('https://t.example/acme/', ['missions', 'a b/c', 'cheers'])).toBe(
      'https://t.example/acme/api/v2/missions/a%20b%2Fc/cheers',
    );
    expect(teamApiUrl('http://127.0.0.1:4000', ['missions', 'm1'], { revision: 7 })).toBe(
      'http://127.0.0.1:4000/api/v2/missions/m1?revision=7',
    );
  });
});

describe('the account', () => {
  const doc = (endpoint: string, token: string) => ({
    ...syncDocSpec.empty(),
    ...accountOf(endpoint, token),
  });

  it('is the same for the same server however typed, and never holds the token', () => {
    const account = accountOf('HTTPS://Team.Example.com/', 'mt_secret_token');
    expect(account.endpoint).toBe('https://team.example.com');
    expect(JSON.stringify(account)).not.toContain('mt_secret_token');
    expect(sameAccount(doc('https://team.example.com', 'mt_secret_token'), account)).toBe(true);
  });

  it('differs with another server or another rep’s token', () => {
    const account = accountOf('https://team.example.com', 'mt_ann');
    expect(sameAccount(doc('https://other.example.com', 'mt_ann'), account)).toBe(false);
    expect(sameAccount(doc('https://team.example.com', 'mt_bob'), account)).toBe(false);
    expect(sameAccount({ ...syncDocSpec.empty() }, account)).toBe(false);
  });

  it('says what a switch left on the previous server, and nothing when it left nothing', () => {
    expect(leftBehindNote(0, 'https://old.example.com')).toBeNull();
    expect(leftBehindNote(1, 'https://old.example.com')).toBe(
      'One mission stays on https://old.example.com: removing it there failed. Ask your manager to take it off that board.',
    );
    expect(leftBehindNote(3, 'https://old.example.com')).toMatch(
      /^3 missions stay on .*removing them there failed.*take them off/,
    );
  });
});

describe('configure refuses, before anything is stored', () => {
  it('an endpoint it may not use, pointing at the field', async () => {
    await expect(
      refuseBadInput({ endpoint: 'http://team.example.com', token: 'x' }, memorySecrets()),
    ).rejects.toMatchObject({ code: 'invalid', path: ['endpoint'] });
  });

  it('a new token where it cannot be encrypted, and no token at all', async () => {
    const noKeyring = memorySecrets('This computer has no keyring.');
    await expect(
      refuseBadInput({ endpoint: 'https://t.example', token: 'x' }, noKeyring),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'This computer has no keyring.' });
    await expect(
      refuseBadInput({ endpoint: 'https://t.example' }, memorySecrets()),
    ).rejects.toMatchObject({ code: 'invalid', path: ['token'] });
  });

  it('nothing when the endpoint is fine and a token is given or kept', async () => {
    const secrets = memorySecrets();
    await expect(
      refuseBadInput({ endpoint: 'https://t.example', token: 'x' }, secrets),
    ).resolves.toBeUndefined();
    await secrets.set(TOKEN_SECRET, 'kept');
    await expect(
      refuseBadInput({ endpoint: 'https://t.example' }, secrets),
    ).resolves.toBeUndefined();
  });
});
