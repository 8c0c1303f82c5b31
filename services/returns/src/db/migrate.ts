import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseConfigShape, createDatabase, loadConfigOrExit, migrateSchema, type Database } from '@hvar/platform';

/** Folder of the returns service's drizzle migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the returns service's migrations (its own schema and journal). */
export async function migrateReturns(database: Database): Promise<void> {
  await migrateSchema(database, { schema: 'returns', migrationsFolder });
}

// Run as a step before the service starts: `pnpm --filter @hvar/returns db:migrate`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfigOrExit(z.object({ DATABASE_URL: baseConfigShape.DATABASE_URL }));
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'returns-migrate' });
  try {
    await migrateReturns(database);
    process.stdout.write('returns: migrations applied\n');
  } finally {
    await database.close();
  }
}
