import { z } from 'zod';

/** Every role a user or API key can hold. */
export const ROLES = ['admin', 'agent', 'hub_agent', 'team_leader', 'technician', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who may call a route: a list of roles, or `public` (no credentials needed). */
export type Access = readonly Role[] | 'public';

/** Admins may do anything; others only what the route lists. */
export function isAllowed(role: Role, access: Access): boolean {
  return access === 'public' || role === 'admin' || access.includes(role);
}
