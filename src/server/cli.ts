// `npm run team-server -- <command>`: runs the team endpoint or administers its database.
// Node runs this file directly (type stripping); its packages are the server workspace's own
// (src/server/package.json), which the desktop package never contains.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type DatabaseTarget, isPostgresUrl, messageOf } from './db/connection.ts';
import { openTeamStore } from './store.ts';

const USAGE = `Usage: npm run team-server -- <command> [options]

  init --email <admin's email>            create the database and the first admin; prints
      --public-url http://127.0.0.1:8787  once the link where the admin sets their password
                                          (the base URL managers will use; $MT_PUBLIC_URL)
  serve                                   start the endpoint (default command)
      --port 8787 --host 127.0.0.1
      --rate-limit 600                    requests/min per rep, per server process
      --trust-proxy <true|addresses>      behind a TLS proxy: Secure cookies, HSTS ($MT_TRUST_PROXY)
      --public-host <name,…>              the board's public host names ($MT_PUBLIC_HOST)
  add-team <name>
  add-rep --team <name> --name <rep name> prints the rep's token once
  add-manager --team <name> --email <e>   reads the password from stdin
  revoke-rep <rep id>
  revoke-manager <email>

  --db <file>   the SQLite database file (default: team.db, or $MT_TEAM_DB)
  DATABASE_URL=postgres://user@host/db   use PostgreSQL instead (several instances can share it)`;

const ServeOptions = z.object({
  port: z.coerce
    .number()
    .pipe(z.int().min(0).max(65535, { error: '--port is a number from 0 to 65535' })),
  rateLimit: z.coerce
    .number()
    .pipe(z.int().min(1, { error: '--rate-limit is a whole number ≥ 1' })),
});

/** "true", "false", or the proxy's addresses/CIDRs, comma-separated (Fastify's trustProxy). */
function trustProxyOf(value: string): boolean | string {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  return v === 'true' ? true : v;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

const InitOptions = z.object({
  email: z.email({ error: '--email is the first admin’s email address.' }).optional(),
  publicUrl: z
    .url({
      protocol: /^https?$/,
      error: '--public-url is the server’s address, like https://team.example.com',
    })
    .transform((u) => new URL(u).origin),
});

/**
 * `init`: the database, and with --email the first admin, whose one-time password link is
 * printed once. Run again: says what exists and changes nothing.
 */
async function init(
  target: DatabaseTarget,
  where: string,
  values: { db: string; email?: string | undefined; 'public-url': string },
): Promise<number> {
  const options = InitOptions.safeParse({ email: values.email, publicUrl: values['public-url'] });
  if (!options.success) {
    console.error(options.error.issues[0]?.message ?? USAGE);
    return 2;
  }
  const { email, publicUrl } = options.data;
  const existed = 'file' in target && existsSync(target.file);
  if (existed && !email) {
    console.log(`${values.db} already exists; nothing changed.`);
    return 0;
  }
  let store;
  try {
    store = await openTeamStore(target, { create: true });
  } catch (error) {
    console.error(messageOf(error));
    return 1;
  }
  try {
    if (!existed) console.log(`Created the team database in ${where}.`);
    if (!email) {
      console.log('Add --email <address> to create the first admin.');
      return 0;
    }
    if (await store.admins.hasAdmin()) {
      console.log(
        'This server already has an admin; nothing changed. An admin gives managers new password links at /admin.',
      );
      return 0;
    }
    const id = await store.admins.addAdmin(email);
    const link = await store.passwordLinks.issue({ kind: 'admin', id });
    console.log(
      `Admin ${email.toLowerCase()} created. Open this link to choose the password (it works once, for 72 hours, and is shown only now):`,
    );
    console.log(`${publicUrl}/password/${link.secret}`);
    return 0;
  } catch (error) {
    console.error(messageOf(error));
    return 1;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: process.env.MT_TEAM_DB ?? 'team.db' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'rate-limit': { type: 'string', default: '600' },
      'trust-proxy': { type: 'string', default: process.env.MT_TRUST_PROXY ?? '' },
      'public-host': { type: 'string', default: process.env.MT_PUBLIC_HOST ?? '' },
      team: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      'public-url': {
        type: 'string',
        default: process.env.MT_PUBLIC_URL ?? 'http://127.0.0.1:8787',
      },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'serve', arg] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = process.env.DATABASE_URL ?? '';
  if (url && !isPostgresUrl(url)) {
    console.error(
      'DATABASE_URL is a postgres:// URL; for SQLite, use --db FILE and no DATABASE_URL.',
    );
    return 2;
  }
  const target: DatabaseTarget = url ? { url } : { file: values.db };
  const where = url ? 'the PostgreSQL database' : values.db;
  if (command === 'init') return init(target, where, values);
  let store;
  try {
    store = await openTeamStore(target);
  } catch (error) {
    console.error(messageOf(error));
    return 1;
  }
  try {
    switch (command) {
      case 'serve': {
        const options = ServeOptions.safeParse({
          port: values.port,
          rateLimit: values['rate-limit'],
        });
        if (!options.success) {
          console.error(
            '--port is a whole number from 0 to 65535, --rate-limit one of at least 1.',
          );
          return 2;
        }
        // Loaded only to serve: the admin commands start faster without Fastify.
        const { createTeamServer } = await import('./app.ts');
        const app = createTeamServer({
          store,
          logger: true,
          rateLimitPerMinute: options.data.rateLimit,
          trustProxy: trustProxyOf(values['trust-proxy']),
          publicHosts: values['public-host']
            .split(',')
            .map((h) => h.trim().toLowerCase())
            .filter(Boolean),
        });
        const open = store;
        // Graceful: stop accepting, let in-flight requests finish (their writes commit), then
        // close the database. A close that hangs is cut short so an orchestrator is not kept.
        const stop = (signal: string) => {
          app.log.info({ signal }, 'shutting down');
          const force = setTimeout(() => process.exit(1), 10_000);
          force.unref();
          void app
            .close()
            .then(() => open.close())
            .then(() => process.exit(0));
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
        await app.listen({ port: options.data.port, host: values.host });
        return await new Promise<number>(() => {});
      }
      case 'add-team':
        if (!arg) break;
        await store.accounts.addTeam(arg);
        console.log(`Team "${arg}" added.`);
        return 0;
      case 'add-rep': {
        if (!values.team || !values.name) break;
        const rep = await store.accounts.addRep(values.team, values.name);
        console.log(`Rep ${values.name} added (id ${rep.id}). Their token, shown only this once:`);
        console.log(rep.token);
        return 0;
      }
      case 'add-manager': {
        if (!values.team || !values.email) break;
        const password = await readStdin();
        if (password.length < 12) {
          console.error('Choose a password of at least 12 characters.');
          return 1;
        }
        await store.accounts.addManager(values.team, values.email, password);
        console.log(`Manager ${values.email} added to "${values.team}".`);
        return 0;
      }
      case 'revoke-rep':
        if (!arg) break;
        console.log(
          (await store.accounts.revokeRep(arg))
            ? `Rep ${arg} revoked.`
            : `No active rep with id ${arg}.`,
        );
        return 0;
      case 'revoke-manager':
        if (!arg) break;
        console.log(
          (await store.accounts.revokeManager(arg))
            ? `Manager ${arg} revoked.`
            : `No active manager ${arg}.`,
        );
        return 0;
    }
    console.error(USAGE);
    return 2;
  } catch (error) {
    console.error(messageOf(error));
    return 1;
  } finally {
    if (command !== 'serve') await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
