// The team endpoint tried as a hostile rep, a hostile manager and an anonymous client would
// (issue 13): each case against a real server on 127.0.0.1 and a real SQLite file, asserting what
// the client sees and what the database holds.
import { rmSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../../src/shared/team.ts';
import {
  DIALECTS,
  call,
  sampleState,
  startTeamServer,
  type TeamServerFixture,
} from './team-server-fixture.ts';

describe.each(DIALECTS)('on %s', (dialect) => {
  let server: TeamServerFixture;
  afterEach(() => server.close());

  const NOW = new Date('2026-11-25T12:00:00Z');
  const PASSWORD = 'correct horse battery staple';

  async function withTeam(options: Parameters<typeof startTeamServer>[0] = {}) {
    server = await startTeamServer({ dialect, now: () => NOW, ...options });
    await server.store.accounts.addTeam('North');
    await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
    return {
      ann: await server.store.accounts.addRep('North', 'Ann'),
      bob: await server.store.accounts.addRep('North', 'Bob'),
    };
  }

  const put = (token: string, id: string, body: unknown) =>
    call(server.url, 'PUT', `/api/v1/missions/${id}`, token, body);

  function signIn(email: string, password: string, headers: Record<string, string> = {}) {
    return fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ email, password }).toString(),
    });
  }
  const cookieOf = (res: Response): string =>
    (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  /** Asserts the body is `{ error: "<a sentence>" }` and returns the sentence. */
  function sentenceOf(json: unknown): string {
    const body = ErrorBody.parse(json);
    // Words, not a bare status phrase like "Bad Request".
    expect(body.error).toMatch(/^\S.{5,}\s\S+\s\S+.{5,}$/s);
    return body.error;
  }

  /** A raw HTTP/1.1 exchange: what the server writes back before closing, within `ms`. */
  function raw(port: number, chunks: string[], ms = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer within ${ms} ms; got ${JSON.stringify(answer)}`));
      }, ms);
      socket.on('data', (d) => (answer += String(d)));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(answer);
      });
      socket.on('error', () => undefined);
      socket.on('connect', () => {
        for (const chunk of chunks) socket.write(chunk);
      });
    });
  }

  /** A log stream for the server, and the lines it wrote. */
  function captureLog() {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, logStream };
  }

  /** GET with a Host header of our choosing (fetch does not let one set it). */
  function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path, headers: { host } },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += String(d)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  describe('1. throttling cannot be bypassed with made-up tokens', () => {
    it('counts sign-in attempts per address, whatever Authorization header they carry', async () => {
      await withTeam();
      const statuses = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (await signIn('mia@north.test', `guess ${i}`, { authorization: `Bearer made-up-${i}` }))
            .status,
        );
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses.slice(10)).toEqual([429, 429]);
      // The right password is refused too while the address is throttled.
      expect((await signIn('mia@north.test', PASSWORD)).status).toBe(429);
    });

    it('gives unknown tokens on the rep API the address’s bucket, not one each', async () => {
      await withTeam({ rateLimitPerMinute: 3 });
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await call(server.url, 'GET', '/api/v1/team', `mt_made_up_${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });
  });

  describe('2. numbers are bounded by what a real mission can hold', () => {
    it('refuses impossible progress with 400 naming the field, and stores nothing', async () => {
      const { ann } = await withTeam();
      const huge = Number.MAX_SAFE_INTEGER;
      const cases: [Partial<Parameters<typeof sampleState>[0]>, RegExp][] = [
        [
          {
            total: 0,
            days: [
              { date: '2026-11-23', count: 0, hit: huge, of: huge },
              { date: '2026-11-24', count: 0, hit: huge, of: huge },
            ],
          },
          /days\.0\.hit/,
        ],
        [{ days: [{ date: '2026-11-23', count: 3, hit: 2, of: 1 }] }, /days\.0/],
        [{ startDate: '2026-11-27', endDate: '2026-11-23' }, /endDate/],
        [{ total: 1e15 }, /total/],
        [{ days: [{ date: '2026-11-30', count: 3, hit: 1, of: 1 }] }, /days\.0\.date/],
        [
          {
            total: 2,
            days: [
              { date: '2026-11-24', count: 1, hit: 0, of: 0 },
              { date: '2026-11-24', count: 1, hit: 0, of: 0 },
            ],
          },
          /days\.1\.date/,
        ],
        [{ total: 3, days: [{ date: '2026-11-23', count: 1, hit: 0, of: 0 }] }, /total/],
        [{ streak: { current: 1e9, best: 1e9 } }, /streak/],
      ];
      for (const [overrides, field] of cases) {
        const res = await put(ann.token, 'm1', { revision: 1, state: sampleState(overrides) });
        expect(res.status, JSON.stringify(overrides)).toBe(400);
        expect(sentenceOf(res.json)).toMatch(field);
      }
      expect(await server.rows('missions')).toEqual([]);
      expect(await server.rows('mission_heads')).toEqual([]);
    });

    it('keeps the board up when one stored row holds numbers out of bounds', async () => {
      const { ann } = await withTeam();
      await put(ann.token, 'm1', { revision: 1, state: sampleState({ title: 'Sane mission' }) });
      await put(ann.token, 'm2', { revision: 1, state: sampleState({ title: 'Old row' }) });
      // As a server without the bounds stored it: weekly sums past the safe integers.
      await server.store.database.db
        .updateTable('missions')
        .set({ weeks: '[["2026-11-23",9007199254740991e3,9007199254740991e3]]' })
        .where('id', '=', 'm2')
        .execute();
      const cookie = cookieOf(await signIn('mia@north.test', PASSWORD));
      const board = await fetch(`${server.url}/board`, { headers: { cookie } });
      expect(board.status).toBe(200);
      const html = await board.text();
      expect(html).toContain('Sane mission');
      expect(html).toContain('Old row');
    });
  });

  describe('3. behind a TLS proxy', () => {
    it('with --trust-proxy: the session cookie is Secure and HTTPS answers carry HSTS', async () => {
      await withTeam({ trustProxy: true });
      const res = await signIn('mia@north.test', PASSWORD, { 'x-forwarded-proto': 'https' });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    });

    it('without it, a client’s own X-Forwarded-Proto is not believed', async () => {
      await withTeam();
      const res = await signIn('mia@north.test', PASSWORD, { 'x-forwarded-proto': 'https' });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });
  });

  describe('4. the feed cannot be pinned with wins from the future', () => {
    it('refuses a win dated beyond the clock-skew allowance; a few minutes ahead is fine', async () => {
      const { ann } = await withTeam();
      const far = await put(ann.token, 'm1', {
        revision: 1,
        state: sampleState({ recentWins: [{ at: '9999-12-31T23:59:59.000Z', amount: 1 }] }),
      });
      expect(far.status).toBe(400);
      expect(sentenceOf(far.json)).toMatch(/9999-12-31.*clock/);
      expect(await server.rows('missions')).toEqual([]);
      const skewed = new Date(NOW.getTime() + 2 * 60_000).toISOString();
      const near = await put(ann.token, 'm1', {
        revision: 1,
        state: sampleState({ recentWins: [{ at: skewed, amount: 1 }], asOf: skewed }),
      });
      expect(near.status).toBe(200);
    });

    it('reads a time written with an offset or without milliseconds as the instant it names', async () => {
      const { ann } = await withTeam();
      const win = (at: string) =>
        put(ann.token, 'm1', {
          revision: 1,
          state: sampleState({ recentWins: [{ at, amount: 1 }] }),
        });
      // 20 minutes ahead of NOW, though its text sorts before NOW's UTC form.
      const ahead = new Date(NOW.getTime() + 20 * 60_000);
      const offset = (date: Date, hours: number) =>
        new Date(date.getTime() - hours * 3_600_000).toISOString().slice(0, 19) +
        `-${String(hours).padStart(2, '0')}:00`;
      const west = await win(offset(ahead, 5));
      expect(west.status).toBe(400);
      expect(sentenceOf(west.json)).toMatch(/clock/);
      expect((await win(ahead.toISOString().slice(0, 19) + 'Z')).status).toBe(400);
      expect(await server.rows('missions')).toEqual([]);
      // An hour behind, written east of UTC: its text sorts after NOW's, and it is accepted.
      const east =
        new Date(NOW.getTime() - 60 * 60_000 + 3 * 3_600_000).toISOString().slice(0, 19) + '+03:00';
      expect((await win(east)).status).toBe(200);
    });
  });

  describe('5. sign-in timing', () => {
    it('takes as long for an unknown email as for a manager’s', async () => {
      await withTeam({ loginLimitPerMinute: 1000 });
      const time = async (email: string) => {
        const start = performance.now();
        const res = await signIn(email, 'not the password at all');
        expect(res.status).toBe(401);
        return performance.now() - start;
      };
      const median = (xs: number[]) =>
        [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 7; i++) {
        known.push(await time('mia@north.test'));
        unknown.push(await time(`nobody-${i}@north.test`));
      }
      // scrypt dominates both; without the decoy an unknown email answered ~20× faster.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.6);
    });
  });

  // A file deleted, a full disk and file modes are the embedded SQLite file's.
  if (dialect === 'sqlite')
    describe('6. a database file deleted or replaced under the server', () => {
      it('refuses writes loudly (503, logged) and says so at /readyz', async () => {
        const { lines, logStream } = captureLog();
        const { ann } = await withTeam({ logger: true, logStream });
        expect((await call(server.url, 'GET', '/readyz', null)).status).toBe(200);
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(`${server.file}${suffix}`, { force: true });
        const res = await put(ann.token, 'm1', { revision: 1, state: sampleState() });
        expect(res.status).toBe(503);
        expect(sentenceOf(res.json)).toMatch(/nothing was stored/);
        const ready = await call(server.url, 'GET', '/readyz', null);
        expect(ready.status).toBe(503);
        expect(sentenceOf(ready.json)).toMatch(/deleted/);
        expect(lines.join('')).toMatch(/"level":60.*was deleted/);
        expect((await call(server.url, 'GET', '/healthz', null)).status).toBe(200);
      });

      it('refuses writes when another file took its place', async () => {
        const { ann } = await withTeam();
        writeFileSync(`${server.file}.other`, '');
        renameSync(`${server.file}.other`, server.file);
        const res = await put(ann.token, 'm1', { revision: 1, state: sampleState() });
        expect(res.status).toBe(503);
        expect(statSync(server.file).size).toBe(0);
      });
    });

  describe('7. slow requests time out', () => {
    it('answers 408 to a body that trickles in, and stores nothing', async () => {
      const { ann } = await withTeam({ requestTimeoutMs: 500 });
      const started = Date.now();
      const answer = await raw(server.port, [
        `PUT /api/v1/missions/m1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ann.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{"revision":1,',
      ]);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      sentenceOf(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)));
      expect(await server.rows('missions')).toEqual([]);
    });
  });

  describe('8. the coaching group count', () => {
    it('counts the missions in the group, not a rep’s total', async () => {
      const { ann } = await withTeam();
      const missed = (total: number) =>
        sampleState({
          status: 'missed',
          total,
          reflection: { reason: 'other', note: 'Lesson', nextStep: '' },
        });
      await put(ann.token, 'm-77', { revision: 1, state: missed(77) });
      const cookie = cookieOf(await signIn('mia@north.test', PASSWORD));
      const one = await (
        await fetch(`${server.url}/board/content`, { headers: { cookie } })
      ).text();
      expect(one).not.toContain('1 of 77');
      for (let i = 0; i < 25; i++)
        await server.store.missions.upsertMission(ann, `more-${i}`, 1, missed(2));
      const many = await (
        await fetch(`${server.url}/board/content`, { headers: { cookie } })
      ).text();
      expect(many).toContain('25 of 26.');
    });
  });

  describe('9. every error the framework produces is { error: "<sentence>" }', () => {
    it('for 429, 413, 404, 400, 415, a malformed URL and malformed HTTP', async () => {
      const { ann } = await withTeam({ rateLimitPerMinute: 1000 });
      const oversized = await put(ann.token, 'm1', 'x'.repeat(70_000));
      expect(oversized.status).toBe(413);
      sentenceOf(oversized.json);
      const badJson = await put(ann.token, 'm1', '{"revision":');
      expect(badJson.status).toBe(400);
      sentenceOf(badJson.json);
      const wrongType = await fetch(`${server.url}/api/v1/missions/m1`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/xml' },
        body: '<mission/>',
      });
      expect(wrongType.status).toBe(415);
      sentenceOf(await wrongType.json());
      const missing = await call(server.url, 'GET', '/nowhere', null);
      expect(missing.status).toBe(404);
      sentenceOf(missing.json);
      const badUrl = await call(server.url, 'GET', '/api/v1/missions/%E0%A4%A', ann.token);
      expect(badUrl.status).toBe(400);
      sentenceOf(badUrl.json);
      const garbage = await raw(server.port, ['NOT HTTP AT ALL\r\n\r\n']);
      expect(garbage).toMatch(/^HTTP\/1\.1 400/);
      sentenceOf(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)));

      await server.close();
      await withTeam({ loginLimitPerMinute: 1 });
      await signIn('mia@north.test', 'wrong');
      const limited = await signIn('mia@north.test', 'wrong');
      expect(limited.status).toBe(429);
      // A person's form: the sign-in page again, with the sentence (as for a wrong password).
      expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await limited.text()).toMatch(
        /<p class="error" role="alert">Too many sign-in attempts; try again in \d+ s\.<\/p>/,
      );
    });
  });

  if (dialect === 'sqlite')
    describe('10. a full disk', () => {
      it('logs the real error, not the failed rollback’s', async () => {
        const { lines, logStream } = captureLog();
        const { ann } = await withTeam({ logger: true, logStream });
        const sqlite = server.store.database.sqlite;
        if (!sqlite) throw new Error('a full disk is made with SQLite’s max_page_count');
        const pages = sqlite.prepare('PRAGMA page_count').get();
        sqlite.exec(`PRAGMA max_page_count = ${Number(pages?.page_count)}`);
        // Missions until the pages run out: that write fails as on a full disk.
        let res = { status: 0, json: null as unknown };
        for (let i = 0; i < 100 && res.status !== 500; i++)
          res = await put(ann.token, `m-${i}`, {
            revision: 1,
            state: sampleState({ objective: 'x'.repeat(200), title: `${i} ${'t'.repeat(110)}` }),
          });
        expect(res.status).toBe(500);
        sentenceOf(res.json);
        const log = lines.join('');
        expect(log).toContain('database or disk is full');
        expect(log).not.toContain('no transaction is active');
        expect(log).not.toContain('no such savepoint');
      });
    });

  describe('12. the log', () => {
    const entries = (lines: string[]) =>
      lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);

    it('has one line per request once it is answered: its id, method, path, status and time, never the token', async () => {
      const { lines, logStream } = captureLog();
      const { ann } = await withTeam({ logger: true, logStream });
      expect((await put(ann.token, 'm1', { revision: 1, state: sampleState() })).status).toBe(200);
      expect((await put('mt_made-up', 'm1', { revision: 2, state: sampleState() })).status).toBe(
        401,
      );
      const requests = entries(lines).filter((e) => typeof e.reqId === 'string');
      expect(requests).toHaveLength(2);
      expect(new Set(requests.map((e) => e.reqId)).size).toBe(2);
      expect(requests).toEqual([
        expect.objectContaining({
          msg: 'request completed',
          req: expect.objectContaining({ method: 'PUT', url: '/api/v1/missions/m1' }),
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        }),
        expect.objectContaining({
          msg: 'request completed',
          req: expect.objectContaining({ method: 'PUT', url: '/api/v1/missions/m1' }),
          res: { statusCode: 401 },
        }),
      ]);
      expect(lines.join('')).not.toContain(ann.token);
      expect(lines.join('')).not.toContain('mt_made-up');
    });

    it('has a line for a request its client gave up on before the answer', async () => {
      const { lines, logStream } = captureLog();
      const { ann } = await withTeam({ logger: true, logStream });
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.on('connect', resolve));
      // "Expect: 100-continue": Node answers "100 Continue" as it hands the request over, so once
      // that is read the server holds the request; the client then sends a little and hangs up.
      const handedOver = new Promise<void>((resolve) =>
        socket.on('data', (d) => String(d).startsWith('HTTP/1.1 100') && resolve()),
      );
      socket.write(
        `PUT /api/v1/missions/m1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ann.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 2000\r\nExpect: 100-continue\r\n\r\n',
      );
      await handedOver;
      socket.write('{"revision":1,');
      socket.destroy();
      await expect
        .poll(() => entries(lines).find((e) => e.msg === 'request aborted'))
        .toMatchObject({
          reqId: expect.any(String),
          req: expect.objectContaining({ method: 'PUT', url: '/api/v1/missions/m1' }),
        });
      expect(lines.join('')).not.toContain(ann.token);
    });
  });

  describe('11. the smaller holes', () => {
    it('the form-size 413 names the form limit', async () => {
      await withTeam();
      const res = await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=${'a'.repeat(5000)}`,
      });
      expect(res.status).toBe(413);
      expect(sentenceOf(await res.json())).toMatch(/\b4 KiB/);
    });

    it('caps the missions one rep shares, and leaves no tombstone for an id never written', async () => {
      const { ann } = await withTeam();
      for (let i = 0; i < 200; i++)
        await server.store.missions.upsertMission(ann, `m-${i}`, 1, sampleState());
      const over = await put(ann.token, 'one-too-many', { revision: 1, state: sampleState() });
      expect(over.status).toBe(403);
      expect(sentenceOf(over.json)).toMatch(/at most 200/);
      expect(await put(ann.token, 'm-7', { revision: 2, state: sampleState() })).toMatchObject({
        status: 200,
        json: { applied: true },
      });
      expect(await server.rows('missions')).toHaveLength(200);

      const ghost = await call(
        server.url,
        'DELETE',
        '/api/v1/missions/never?revision=9',
        ann.token,
      );
      expect(ghost).toMatchObject({ status: 200, json: { revision: 0, applied: false } });
      expect((await server.rows('mission_heads')).filter((h) => h.id === 'never')).toEqual([]);
    });

    if (dialect === 'sqlite')
      it('keeps the database files readable by their owner only', async () => {
        const { ann } = await withTeam();
        await put(ann.token, 'm1', { revision: 1, state: sampleState() });
        for (const suffix of ['', '-wal', '-shm'])
          expect((statSync(`${server.file}${suffix}`).mode & 0o777).toString(8)).toBe('600');
      });

    it('purges expired sessions', async () => {
      let clock = NOW.getTime();
      server = await startTeamServer({ dialect, now: () => new Date(clock), sessionTtlMs: 60_000 });
      await server.store.accounts.addTeam('North');
      await server.store.accounts.addManager('North', 'mia@north.test', PASSWORD);
      await signIn('mia@north.test', PASSWORD);
      await signIn('mia@north.test', PASSWORD);
      expect(await server.rows('sessions')).toHaveLength(2);
      clock += 61_000;
      const fresh = cookieOf(await signIn('mia@north.test', PASSWORD));
      expect(await server.rows('sessions')).toHaveLength(1);
      const board = await fetch(`${server.url}/board`, { headers: { cookie: fresh } });
      expect(board.status).toBe(200);
    });

    it('the board answers only to its own host names', async () => {
      await withTeam({ publicHosts: ['team.example.com'] });
      const rebound = await getWithHost('/login', 'evil.example:8787');
      expect(rebound.status).toBe(421);
      expect(sentenceOf(JSON.parse(rebound.body))).toMatch(/evil\.example/);
      expect((await getWithHost('/login', `127.0.0.1:${server.port}`)).status).toBe(200);
      expect((await getWithHost('/login', 'team.example.com')).status).toBe(200);
      expect((await getWithHost('/login', `localhost:${server.port}`)).status).toBe(200);
    });
  });
});
