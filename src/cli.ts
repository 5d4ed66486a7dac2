import { parseArgs } from 'node:util';
import { jobs } from '../jobs';
import { ConfigError, loadConfig } from './config';
import { openPglite, openPostgres } from './db/client';
import { migrateDatabase } from './db/seal-legacy-case-data';
import { resolveDataKey } from './data-key';
import { createDataCipher } from './shared/data-cipher';
import { fireAt, fireKey } from './domain/schedule';
import { createHomewatch } from './homewatch';
import { resetSandbox } from './sandbox/reset';
import { createLogger } from './shared/logger';

const USAGE = `Usage: npm run cli -- <command>
  migrate                         apply the database migrations and exit
  job list                        each job, its times and its last run
  job <name> [--now <ISO time>] [--force]
                                  run one job once for the fire at that instant (default: now);
                                  a fire that already ran is not repeated unless --force
  (With the embedded database (no DATABASE_URL) stop the server first; the messages go out
  when it runs again. With Postgres the running server delivers them.)
  sandbox reset                   sandbox mode only (no LARK_APP_ID): delete the chats and the database
                                  (PGlite files, or every table with DATABASE_URL); stop the server first`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command === 'migrate') {
    const database = config.databaseUrl ? openPostgres(config.databaseUrl, { max: 1 }) : openPglite(config.dataDir);
    await migrateDatabase(database, createDataCipher(resolveDataKey(config)));
    await database.close();
    console.log(`migrations applied (${database.kind})`);
    return;
  }
  if (command === 'sandbox' && rest[0] === 'reset') {
    console.log(await resetSandbox(config));
    return;
  }
  if (command === 'job' && rest.length > 0) {
    const { values, positionals } = parseArgs({ args: rest, options: { now: { type: 'string' }, force: { type: 'boolean' } }, allowPositionals: true });
    const name = positionals[0]!;
    const job = jobs.find((j) => j.name === name);
    if (name !== 'list' && !job) {
      console.error(`no job "${name}"; jobs: ${jobs.map((j) => j.name).join(', ')}`);
      process.exitCode = 2;
      return;
    }
    const now = values.now ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime())) {
      console.error(`--now must be an ISO time such as 2026-11-24T07:30:00+08:00, not "${values.now}"`);
      process.exitCode = 2;
      return;
    }
    const hw = await createHomewatch({ config, logger: createLogger('warn'), now: () => now });
    try {
      if (!job) {
        for (const j of jobs) {
          const last = await hw.jobRunner.lastRun(j.name);
          const lastText = last ? `last ${last.fire} (${last.trigger}) ${JSON.stringify(last.result)}` : 'never ran';
          console.log(`${j.name.padEnd(16)} ${j.times(hw.policy).join(', ').padEnd(14)} ${lastText}\n${''.padEnd(16)} ${j.description}`);
        }
        return;
      }
      const fire = fireAt({ times: job.times(hw.policy), now, timeZone: config.timeZone });
      const outcome = await hw.jobRunner.runFire(job, fire, 'manual', { force: values.force });
      console.log(outcome.ran ? `${job.name} ${fireKey(fire)}: ${JSON.stringify(outcome.result)}` : `${job.name} ${fireKey(fire)} already ran; add --force to run it again`);
    } finally {
      await hw.database.close();
    }
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
