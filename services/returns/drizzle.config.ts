import { defineConfig } from 'drizzle-kit';

// The returns service owns schema `returns` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['returns'],
  migrations: { schema: 'returns', table: '__drizzle_migrations' },
});
