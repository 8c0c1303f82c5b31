import type { Logger } from '@hvar/platform';
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
