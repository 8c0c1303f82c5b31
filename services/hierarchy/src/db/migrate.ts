import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseConfigShape, createDatabase, loadConfigOrExit, migrateSchema, type Database } from '@hvar/platform';

/** Folder of the hierarchy's drizzle migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies the hierarchy's migrations (its own schema and journal). */
export async function migrateHierarchy(database: Database): Promise<void> {
  await migrateSchema(database, { schema: 'hierarchy', migrationsFolder });
}

// Run as a step before the service starts: `pnpm --filter @hvar/hierarchy db:migrate`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfigOrExit(z.object({ DATABASE_URL: baseConfigShape.DATABASE_URL }));
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'hierarchy-migrate' });
  try {
    await migrateHierarchy(database);
    process.stdout.write('hierarchy: migrations applied\n');
  } finally {
    await database.close();
  }
}
