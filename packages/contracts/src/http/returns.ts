import { z } from 'zod';
import { LegKindSchema, ReturnLegSchema } from '../messages/returns-hub.js';
import { OutboundStatusSchema, ReturnStatusSchema } from '../messages/service-action.js';
import { PageOf, PageParams } from './query.js';

/** Every status a leg can have (a pickup's and an outbound delivery's). */
const LEG_STATUSES = [...new Set<string>([...ReturnStatusSchema.options, ...OutboundStatusSchema.options])];

/** A comma-separated list of leg statuses, e.g. `pending,rejected`. */
const LegStatusList = z
  .string()
  .max(200)
  .refine((v) => v.split(',').every((s) => LEG_STATUSES.includes(s)), { message: `expected statuses among ${LEG_STATUSES.join(', ')} (comma-separated)` })
  .meta({ description: `One status or a comma-separated list: ${LEG_STATUSES.join(', ')}` });

/** A Bosta tracking number (digits). */
const TrackingNumber = z.string().regex(/^\d{1,20}$/, 'a tracking number (digits)');

/** `GET /returns` query: filters, newest first, cursor pages. */
export const ReturnsQuery = z.strictObject({
  action_id: z.uuid().optional().meta({ description: 'The legs of one service action' }),
  status: LegStatusList.optional(),
  leg: LegKindSchema.optional(),
  tracking_number: TrackingNumber.optional(),
  ...PageParams,
});
/** Parsed returns query. */
export type ReturnsQuery = z.infer<typeof ReturnsQuery>;

/** `:id` of a leg: its id (uuid) or its tracking number. */
export const ReturnIdParams = z.strictObject({
  id: z.union([z.uuid(), TrackingNumber], { error: 'a return id (uuid) or tracking number (digits)' }),
});

/** A page of legs. */
export const ReturnLegPageSchema = PageOf(ReturnLegSchema).meta({ id: 'ReturnLegPage' });
