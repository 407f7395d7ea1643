// `npm run team-server -- <command>`: runs the team endpoint or administers its database.
// Node runs this file directly (type stripping); fastify and friends come from devDependencies,
// which `npm install` installs — the desktop package never contains them.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createTeamServer } from './app.ts';
import { openTeamDb } from './db.ts';

const USAGE = `Usage: npm run team-server -- <command> [options]

  serve                                   start the endpoint (default command)
      --port 8787 --host 127.0.0.1 --rate-limit 600 (requests/min per rep)
  add-team <name>
  add-rep --team <name> --name <rep name> prints the rep's token once
  add-manager --team <name> --email <e>   reads the password from stdin
  revoke-rep <rep id>
  revoke-manager <email>

  --db <file>   the database file (default: team.db, or $MT_TEAM_DB)`;

const ServeOptions = z.object({
  port: z.coerce
    .number()
    .pipe(z.int().min(0).max(65535, { error: '--port is a number from 0 to 65535' })),
  rateLimit: z.coerce
    .number()
    .pipe(z.int().min(1, { error: '--rate-limit is a whole number ≥ 1' })),
});

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter and Ctrl-D): ');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
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
      team: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'serve', arg] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const db = openTeamDb(values.db);
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
        const app = createTeamServer({
          db,
          logger: true,
          rateLimitPerMinute: options.data.rateLimit,
        });
        const close = () => void app.close().then(() => process.exit(0));
        process.once('SIGINT', close);
        process.once('SIGTERM', close);
        await app.listen({ port: options.data.port, host: values.host });
        return await new Promise<number>(() => {});
      }
      case 'add-team':
        if (!arg) break;
        db.addTeam(arg);
        console.log(`Team "${arg}" added.`);
        return 0;
      case 'add-rep': {
        if (!values.team || !values.name) break;
        const rep = db.addRep(values.team, values.name);
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
        await db.addManager(values.team, values.email, password);
        console.log(`Manager ${values.email} added to "${values.team}".`);
        return 0;
      }
      case 'revoke-rep':
        if (!arg) break;
        console.log(db.revokeRep(arg) ? `Rep ${arg} revoked.` : `No active rep with id ${arg}.`);
        return 0;
      case 'revoke-manager':
        if (!arg) break;
        console.log(
          db.revokeManager(arg) ? `Manager ${arg} revoked.` : `No active manager ${arg}.`,
        );
        return 0;
    }
    console.error(USAGE);
    return 2;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    if (command !== 'serve') db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
