import { z } from 'zod';
import { Role } from '../../domain/roles.js';
import type { UserRow } from '../../db/repo.js';

export const Email = z.email().max(254).transform((e) => e.toLowerCase());
export const Password = z.string().min(12, 'at least 12 characters').max(200);

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    must_change_password: z.boolean(),
    disabled: z.boolean(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const CreateUserBody = z.strictObject({
  email: Email,
  name: z.string().trim().min(1).max(200),
  role: Role,
  /** Omit to get a one-time password back that must be changed at first login. */
  password: Password.optional(),
});

export const UpdateUserBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field');

/** A user as the API shows it (never the password hash). */
export function toUser(row: UserRow): z.infer<typeof UserSchema> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    must_change_password: row.must_change_password,
    disabled: row.disabled_at !== null,
    created_at: row.created_at.toISOString(),
  };
}
