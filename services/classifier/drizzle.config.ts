import { defineConfig } from 'drizzle-kit';

// The classifier service owns schema `classifier` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['classifier'],
  migrations: { schema: 'classifier', table: '__drizzle_migrations' },
});
