import { defineConfig } from 'drizzle-kit';

// The hub service owns schema `hub` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['hub'],
  migrations: { schema: 'hub', table: '__drizzle_migrations' },
});
