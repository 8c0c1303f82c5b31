import { defineConfig } from 'drizzle-kit';

// The service-action service owns schema `service_action` and keeps its own migration journal in it.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './src/db/migrations',
  schemaFilter: ['service_action'],
  migrations: { schema: 'service_action', table: '__drizzle_migrations' },
});
