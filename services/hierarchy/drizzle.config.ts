import { defineConfig } from 'drizzle-kit';

// The hierarchy service owns schema `hierarchy` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['hierarchy'],
  migrations: { schema: 'hierarchy', table: '__drizzle_migrations' },
});
