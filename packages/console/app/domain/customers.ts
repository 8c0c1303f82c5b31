/**
 * Customers as the public API answers them: the types are the contracts' (`Customer`, `CustomerDetail`,
 * `Interaction`, imported as types only, so no schema enters the bundle); money in EGP, shares 0-1.
 * The lists give the order the screens offer the values in.
 */
import type { Customer, CustomerSegment, InteractionType, Priority } from '@hvar/contracts';

export type { Customer, CustomerDetail, Interaction, Priority } from '@hvar/contracts';

export const SEGMENTS = ['new', 'regular', 'vip', 'problematic'] as const satisfies readonly CustomerSegment[];
export type Segment = CustomerSegment;

/** Priority of an interaction, and of the repair a hub inspection recommends. */
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly Priority[];

export const INTERACTION_TYPES = ['call', 'whatsapp', 'sms', 'email', 'visit'] as const satisfies readonly InteractionType[];

/** The name to show: full name, else first + last, else the phone. */
export function displayName(c: Pick<Customer, 'full_name' | 'first_name' | 'last_name' | 'phone'>): string {
  return c.full_name ?? ([c.first_name, c.last_name].filter(Boolean).join(' ') || c.phone);
}

/** Whether typed text looks like a whole Egyptian mobile (any usual spelling); the API normalizes and stays the judge. */
export function looksLikePhone(text: string): boolean {
  return /^(?:\+?20|0020)?0?1[0125]\d{8}$/.test(text.replace(/[\s().-]/g, ''));
}

/** Path of a customer's 360 page. */
export const customerHref = (phone: string): string => `/customers/${encodeURIComponent(phone)}`;
