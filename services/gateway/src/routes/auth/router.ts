import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '@hvar/platform';
import type { GatewayDeps } from '../../deps.js';
import { ROLES, Role } from '../../domain/roles.js';
import { hashPassword, newSessionToken, sha256, verifyPassword } from '../../domain/secrets.js';
import { SESSION_COOKIE } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { route } from '../../http/route.js';
import { Password, UserSchema, toUser } from '../users/validators.js';

const tag = 'Authentication';

const LoginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
const ChangePasswordBody = z.strictObject({ current_password: z.string().max(200), new_password: Password });
const MeSchema = z
  .object({ kind: z.enum(['api_key', 'user']), id: z.uuid(), name: z.string(), role: Role })
  .meta({ id: 'Principal' });

// A fixed hash to verify against when the email is unknown, so timing does not reveal accounts.
const DUMMY_HASH = hashPassword('not-a-real-password-000');

/** Sign-in, sign-out, who am I, change my password. `loginLimiter` guards the sign-in. */
export function authRoutes(loginLimiter: RequestHandler) {
  return [
    route<GatewayDeps, undefined, undefined, z.infer<typeof LoginBody>>({
      method: 'post', path: '/api/v1/auth/login', summary: 'Sign in; sets the httpOnly session cookie', tag, access: 'public',
      body: LoginBody, before: [loginLimiter],
      responses: { 200: { description: 'Signed in', schema: UserSchema }, 401: { description: 'Wrong email or password', schema: ProblemSchema } },
      handler: async ({ body }, { repo, config }) => {
        const user = await repo.getUserByEmail(body.email.trim());
        const ok = await verifyPassword(body.password, user?.password_hash ?? (await DUMMY_HASH));
        if (!user || !ok || user.disabled_at) throw new AppError('unauthorized', 'Wrong email or password.');
        const token = newSessionToken();
        const maxAge = config.SESSION_TTL_HOURS * 3_600_000;
        await repo.createSession({ token_hash: sha256(token), user_id: user.id, expires_at: new Date(Date.now() + maxAge) });
        return {
          status: 200,
          body: toUser(user),
          cookies: [{ name: SESSION_COOKIE, value: token, options: { httpOnly: true, sameSite: 'strict', secure: config.COOKIE_SECURE, path: '/', maxAge } }],
        };
      },
    }),
    route<GatewayDeps>({
      method: 'post', path: '/api/v1/auth/logout', summary: 'Sign out (ends this session)', tag, access: ROLES,
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ headers }, { repo, principals }) => {
        const token = readCookie(headers.cookie, SESSION_COOKIE);
        if (token) {
          await repo.deleteSession(sha256(token));
          await principals.forget({ kind: 'session', hash: sha256(token) });
        }
        return { status: 204, clearCookies: [SESSION_COOKIE] };
      },
    }),
    route<GatewayDeps>({
      method: 'get', path: '/api/v1/auth/me', summary: 'The caller: user or API key, and its role', tag, access: ROLES,
      responses: { 200: { description: 'The caller', schema: MeSchema } },
      handler: ({ principal }) => Promise.resolve({ status: 200, body: principal }),
    }),
    route<GatewayDeps, undefined, undefined, z.infer<typeof ChangePasswordBody>>({
      method: 'put', path: '/api/v1/auth/password', summary: 'Change my password (users only); other sessions end', tag, access: ROLES,
      body: ChangePasswordBody,
      responses: { 204: { description: 'Changed' }, 403: { description: 'Wrong current password or not a user', schema: ProblemSchema } },
      handler: async ({ body, principal, headers }, { repo, principals }) => {
        const user = principal?.kind === 'user' ? await repo.getUser(principal.id) : undefined;
        if (!user) throw new AppError('not_allowed', 'Only signed-in users have a password.');
        if (!(await verifyPassword(body.current_password, user.password_hash))) throw new AppError('not_allowed', 'The current password is wrong.');
        await repo.updateUser(user.id, { password_hash: await hashPassword(body.new_password), must_change_password: false });
        const token = readCookie(headers.cookie, SESSION_COOKIE);
        await repo.deleteUserSessions(user.id, token ? sha256(token) : undefined);
        await principals.forget({ kind: 'user', id: user.id });
        return { status: 204 };
      },
    }),
  ];
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
