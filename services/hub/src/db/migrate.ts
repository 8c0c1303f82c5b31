import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseConfigShape, createDatabase, loadConfigOrExit, migrateSchema, type Database } from '@hvar/platform';

/** Folder of the hub's drizzle migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the hub's migrations (its own schema and journal). */
export async function migrateHub(database: Database): Promise<void> {
  await migrateSchema(database, { schema: 'hub', migrationsFolder });
}

// Run as a step before the service starts: `pnpm --filter @hvar/hub db:migrate`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfigOrExit(z.object({ DATABASE_URL: baseConfigShape.DATABASE_URL }));
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'hub-migrate' });
  try {
    await migrateHub(database);
    process.stdout.write('hub: migrations applied\n');
  } finally {
    await database.close();
  }
}
