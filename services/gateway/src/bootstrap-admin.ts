import type { Logger } from '@hvar/platform';
import type { Role } from './domain/roles.js';
import type { GatewayRepo } from './db/repo.js';
import { hashPassword, newOneTimePassword, sha256 } from './domain/secrets.js';

/** Email of the admin created on first start when no admin API key is configured. */
export const FIRST_ADMIN_EMAIL = 'admin@hvar.local';

/**
 * Makes sure someone can administer the system: the admin API key from `HVAR_ADMIN_API_KEY`, or,
 * when there is no user at all yet, a first admin user whose one-time password is printed once.
 */
export async function bootstrapAdmin(repo: GatewayRepo, adminKey: string | undefined, log: Logger, print: (line: string) => void): Promise<void> {
  if (adminKey) {
    await repo.ensureApiKey({ keyHash: sha256(adminKey), prefix: adminKey.slice(0, 12), name: 'HVAR_ADMIN_API_KEY', role: 'admin' });
    log.info('admin API key from HVAR_ADMIN_API_KEY is active');
    return;
  }
  if ((await repo.countUsers()) > 0) return;
  const password = newOneTimePassword();
  const user = await repo.createUser({
    email: FIRST_ADMIN_EMAIL,
    name: 'Administrator',
    role: 'admin',
    password_hash: await hashPassword(password),
    must_change_password: true,
  });
  // Another replica may have won the race: then its password is the one that was printed.
  if (!user) return;
  print(`\n  First start: admin user ${FIRST_ADMIN_EMAIL} created.\n  One-time password: ${password}\n  (shown once; change it after signing in)\n`);
}

/** Demo users (one per non-admin role) that `npm start` asks for next to the simulator's demo data. */
export const DEMO_USERS: { role: Role; name: string }[] = [
  { role: 'agent', name: 'Demo Agent' },
  { role: 'hub_agent', name: 'Demo Hub Agent' },
  { role: 'team_leader', name: 'Demo Team Leader' },
  { role: 'technician', name: 'Demo Technician' },
  { role: 'viewer', name: 'Demo Viewer' },
];
export const demoEmail = (role: Role): string => `${role.replace('_', '-')}@demo.hvar.local`;

/**
 * With `DEMO_USERS_PASSWORD` set (the local demo only), makes sure each demo user exists with that
 * password. An existing account is left as it is (its password may have been changed on purpose).
 */
export async function bootstrapDemoUsers(repo: GatewayRepo, password: string | undefined, log: Logger): Promise<void> {
  if (!password) return;
  const hash = await hashPassword(password);
  let created = 0;
  for (const demo of DEMO_USERS) {
    if (await repo.getUserByEmail(demoEmail(demo.role))) continue;
    if (await repo.createUser({ email: demoEmail(demo.role), name: demo.name, role: demo.role, password_hash: hash, must_change_password: false })) created++;
  }
  if (created > 0) log.info({ created }, 'demo users created');
}
