import pg from 'pg';
import { explainTarget } from '/work/main/services/service-action/bench/filters.ts';
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
for (const path of process.argv.slice(2)) {
  console.log('=== ' + path);
  console.log(await explainTarget(pool, { label: path, path }, new Date()));
}
await pool.end();
