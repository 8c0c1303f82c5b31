import { defineConfig } from 'drizzle-kit';

// The gateway owns schema `gateway` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['gateway'],
  migrations: { schema: 'gateway', table: '__drizzle_migrations' },
});
