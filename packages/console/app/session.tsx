/** Who is signed in (from `GET /api/v1/auth/me`), shared with every screen through context. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const ROLES = ['admin', 'agent', 'hub_agent', 'team_leader', 'technician', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  me: Principal;
  /** Re-reads `me` (after login, logout, password change). */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

/** Admins may do everything; others what `roles` lists. Mirrors the gateway's rule. */
export function can(role: Role, roles: readonly Role[]): boolean {
  return role === 'admin' || roles.includes(role);
}
