import { defineConfig } from 'drizzle-kit';

// The sync service owns schema `sync` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['sync'],
  migrations: { schema: 'sync', table: '__drizzle_migrations' },
});
