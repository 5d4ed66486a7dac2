import { ConfigError, loadConfig } from './config';
import { openPglite, openPostgres } from './db/client';

const USAGE = `Usage: npm run cli -- <command>
  migrate    apply the database migrations and exit`;

async function main(argv: string[]) {
  const [command] = argv;
  const config = loadConfig();
  if (command === 'migrate') {
    const database = config.databaseUrl ? openPostgres(config.databaseUrl, { max: 1 }) : openPglite(config.dataDir);
    await database.migrate();
    await database.close();
    console.log(`migrations applied (${database.kind})`);
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
