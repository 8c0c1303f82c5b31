import type { OrderFilters } from '@hvar/contracts';
import { normalizePhone } from '@hvar/bosta';
import { AppError } from '@hvar/platform';
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { customerFacts, orderFacts as facts, orders as o } from '../db/schema.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Escapes LIKE wildcards so free text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A phone from the API normalized to E.164, or a 400 naming the parameter. */
export function phoneOrFail(input: string, path: string): string {
  const phone = normalizePhone(input);
  if (!phone) {
    throw new AppError('invalid_data', `Not an Egyptian mobile number: ${path}`, { errors: [{ path, message: 'not an Egyptian mobile number (e.g. 01001234567 or +201001234567)' }] });
  }
  return phone;
}

/** `from` bound: a date is the start of that day in Africa/Cairo, a date-time is itself. */
function from(col: AnyPgColumn, value: string): SQL {
  return DATE_ONLY.test(value)
    ? sql`${col} >= ((${value}::date)::timestamp at time zone 'Africa/Cairo')`
    : sql`${col} >= ${value}::timestamptz`;
}

/** Inclusive `to` bound: a date covers that whole day in Africa/Cairo. */
function to(col: AnyPgColumn, value: string): SQL {
  return DATE_ONLY.test(value)
    ? sql`${col} < ((${value}::date + 1)::timestamp at time zone 'Africa/Cairo')`
    : sql`${col} <= ${value}::timestamptz`;
}

/** English (case-insensitive) or Arabic place name. */
function place(en: AnyPgColumn, ar: AnyPgColumn, value: string): SQL {
  return sql`(lower(${en}) = lower(${value}) or ${ar} = ${value})`;
}

function flag(condition: SQL, wanted: boolean): SQL {
  return wanted ? sql`coalesce(${condition}, false)` : sql`not coalesce(${condition}, false)`;
}

const hasText = (col: AnyPgColumn): SQL => sql`coalesce(btrim(${col}), '') <> ''`;

/** Free text over tracking number, business reference, receiver name, description, product, city, zone. */
function search(text: string): SQL {
  const p = likePattern(text);
  const cols = [o.tracking_number, o.business_reference, o.receiver_name, o.description, o.product_name, o.dropoff_city, o.dropoff_city_ar, o.dropoff_zone, o.dropoff_zone_ar];
  return sql`(${sql.join(cols.map((c) => sql`${c} ilike ${p}`), sql` or `)})`;
}

/** Builds the WHERE condition of a filtered order query (undefined = every order). */
export function orderWhere(f: OrderFilters): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.q !== undefined) c.push(search(f.q));
  if (f.states) c.push(inArray(o.state_code, f.states));
  if (f.types) c.push(inArray(o.type_code, f.types));
  if (f.codMin !== undefined) c.push(gte(o.cod_piastres, Math.round(f.codMin * 100)));
  if (f.codMax !== undefined) c.push(lte(o.cod_piastres, Math.round(f.codMax * 100)));
  if (f.city !== undefined) c.push(place(o.dropoff_city, o.dropoff_city_ar, f.city));
  if (f.zone !== undefined) c.push(place(o.dropoff_zone, o.dropoff_zone_ar, f.zone));
  if (f.district !== undefined) c.push(place(o.dropoff_district, o.dropoff_district_ar, f.district));
  if (f.phone !== undefined) c.push(eq(o.receiver_phone, phoneOrFail(f.phone, 'query.phone')));
  if (f.hasProductDesc !== undefined) c.push(flag(sql`(${hasText(o.description)} or ${hasText(o.product_name)})`, f.hasProductDesc));
  if (f.hasReturns !== undefined) {
    const returns = sql`(${o.state_code} = 46 or ${o.returned_at} is not null or ${o.return_items_count} > 0 or ${o.type_code} in (20, 25, 30))`;
    c.push(flag(returns, f.hasReturns));
  }
  if (f.slaExceeded !== undefined) c.push(flag(sql`(${o.order_sla_exceeded} or ${o.e2e_sla_exceeded})`, f.slaExceeded));
  if (f.createdFrom !== undefined) c.push(from(o.created_at, f.createdFrom));
  if (f.createdTo !== undefined) c.push(to(o.created_at, f.createdTo));
  if (f.deliveredFrom !== undefined) c.push(from(o.delivered_at, f.deliveredFrom));
  if (f.deliveredTo !== undefined) c.push(to(o.delivered_at, f.deliveredTo));
  c.push(...factConditions(f));
  return c.length === 0 ? undefined : and(...c);
}

/**
 * Conditions on the read model (`order_facts`, joined by the order queries). Each is strict (false
 * on a missing row), so a query may LEFT JOIN the facts and still count only orders that match.
 */
function factConditions(f: OrderFilters): SQL[] {
  const c: SQL[] = [];
  if (f.businessCategory !== undefined) c.push(sql`lower(${facts.business_category}) = lower(${f.businessCategory})`);
  // Service types are lower-case words: the expression of `order_facts_service_type_idx` serves the filter.
  if (f.serviceType !== undefined) c.push(sql`coalesce(${facts.service_type}, '') = ${f.serviceType.toLowerCase()}`);
  if (f.orderLevel !== undefined) c.push(eq(facts.order_level, f.orderLevel));
  if (f.hierarchyStatus !== undefined) c.push(eq(facts.hierarchy_status, f.hierarchyStatus));
  c.push(...serviceConditions(f));
  return c;
}

/**
 * Service-action conditions. `has_service_actions` is the predicate of `order_facts_service_status_idx`,
 * so the status filter repeats it (every order with a status has actions) to be served by that
 * small index. A segment belongs to the phone: its orders are found through `customer_facts`
 * (`customer_facts_segment_idx`, then `orders_phone_idx`).
 */
function serviceConditions(f: OrderFilters): SQL[] {
  const c: SQL[] = [];
  if (f.hasServiceActions !== undefined) c.push(f.hasServiceActions ? sql`${facts.has_service_actions}` : sql`not ${facts.has_service_actions}`);
  if (f.serviceStatuses !== undefined) c.push(sql`(${facts.has_service_actions} and ${inArray(facts.service_status, f.serviceStatuses)})`);
  if (f.customerSegment !== undefined) {
    c.push(sql`${o.receiver_phone} in (select ${customerFacts.phone} from ${customerFacts} where ${customerFacts.segment} = ${f.customerSegment})`);
  }
  return c;
}

