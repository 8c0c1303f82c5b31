import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseConfigShape, createDatabase, loadConfigOrExit, migrateSchema, type Database } from '@hvar/platform';

/** Folder of the service-action's drizzle migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the service-action's migrations (its own schema and journal). */
export async function migrateServiceAction(database: Database): Promise<void> {
  await migrateSchema(database, { schema: 'service_action', migrationsFolder });
}

// Run as a step before the service starts: `pnpm --filter @hvar/service-action db:migrate`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfigOrExit(z.object({ DATABASE_URL: baseConfigShape.DATABASE_URL }));
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'service-action-migrate' });
  try {
    await migrateServiceAction(database);
    process.stdout.write('service-action: migrations applied\n');
  } finally {
    await database.close();
  }
}
