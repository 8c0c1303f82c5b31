import { normalizePhone } from '@hvar/bosta';
import { z } from 'zod';

/** An Egyptian mobile in any spelling, normalized to E.164 (a bad one is a 400 naming the field). */
export const Phone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) ctx.addIssue({ code: 'custom', message: 'not an Egyptian mobile number (e.g. 01001234567 or +201001234567)' });
    return phone ?? value;
  })
  .meta({ description: 'An Egyptian mobile number in any spelling, e.g. 01001234567 or +20 100 123 4567' });
