import type { RequestHandler } from 'express';
import type { Role } from '../domain/roles.js';
import { sha256 } from '../domain/secrets.js';
import type { GatewayRepo } from '../db/repo.js';
import type { PrincipalCache } from './principal-cache.js';

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
 * Resolves the caller from `Authorization: Bearer <api key>` or the session cookie, through the
 * principal cache. It never rejects: the route's access check answers 401/403, so public routes work
 * without credentials.
 */
export function resolvePrincipal(repo: GatewayRepo, principals: PrincipalCache): RequestHandler {
  return (req, _res, next) => {
    const key = bearer(req.headers.authorization);
    const token = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    const lookup = key ? keyPrincipal(repo, principals, sha256(key)) : token ? sessionPrincipal(repo, principals, sha256(token)) : undefined;
    if (!lookup) return next();
    lookup
      .then((principal) => {
        if (principal) req.principal = principal;
        next();
      })
      .catch(next);
  };
}

function keyPrincipal(repo: GatewayRepo, principals: PrincipalCache, keyHash: string): Promise<Principal | undefined> {
  return principals.resolve('key', keyHash, async () => ({ principal: await repo.principalForApiKey(keyHash) }));
}

/** A session is remembered no longer than it lives. */
function sessionPrincipal(repo: GatewayRepo, principals: PrincipalCache, tokenHash: string): Promise<Principal | undefined> {
  return principals.resolve('session', tokenHash, async () => {
    const found = await repo.principalForSession(tokenHash);
    return { principal: found?.principal, expiresAt: found?.expires_at };
  });
}
