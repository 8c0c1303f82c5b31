import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseConfigShape, createDatabase, loadConfigOrExit, migrateSchema, type Database } from '@hvar/platform';
import { DEFAULT_RULE_SET } from '../domain/default-rule-set.js';
import { seedRuleSet } from './rule-sets.repo.js';

/** Folder of the classifier's drizzle migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies the classifier's migrations (its own schema and journal), then stores the default rule
 * set as active version 1 when the database has none: a fresh database can classify at once.
 */
export async function migrateClassifier(database: Database): Promise<void> {
  await migrateSchema(database, { schema: 'classifier', migrationsFolder });
  await seedRuleSet(database.db, DEFAULT_RULE_SET);
}

// Run as a step before the service starts: `pnpm --filter @hvar/classifier db:migrate`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfigOrExit(z.object({ DATABASE_URL: baseConfigShape.DATABASE_URL }));
  const database = createDatabase({ url: config.DATABASE_URL, applicationName: 'classifier-migrate' });
  try {
    await migrateClassifier(database);
    process.stdout.write('classifier: migrations applied\n');
  } finally {
    await database.close();
  }
}
