import type { RequestHandler } from 'express';
import type { Role } from '../domain/roles.js';
import { sha256 } from '../domain/secrets.js';
import type { GatewayRepo } from '../db/repo.js';

/** Who is calling: an API key or a signed-in user. */
export interface Principal {
  kind: 'api_key' | 'user';
  id: string;
  role: Role;
  name: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- express types are augmented through this namespace
  namespace Express {
    interface Request {
      /** Set by `resolvePrincipal` when credentials were valid. */
      principal?: Principal;
    }
  }
}

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'hvar_session';

/** Stable text form of a principal, used to scope idempotency keys and audit entries. */
export function principalRef(p: Principal): string {
  return `${p.kind === 'api_key' ? 'key' : 'user'}-${p.id}`;
}

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Resolves the caller from `Authorization: Bearer <api key>` or the session cookie. It never
 * rejects: the route's access check answers 401/403, so public routes work without credentials.
 * A presented but unknown key is remembered, so the access check can say "invalid" not "missing".
 */
export function resolvePrincipal(repo: GatewayRepo): RequestHandler {
  return (req, _res, next) => {
    const key = bearer(req.headers.authorization);
    const token = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    const lookup = key ? repo.principalForApiKey(sha256(key)) : token ? repo.principalForSession(sha256(token)) : undefined;
    if (!lookup) return next();
    lookup
      .then((principal) => {
        if (principal) req.principal = principal;
        next();
      })
      .catch(next);
  };
}
