import type { RelationshipType, ServiceType } from '@hvar/contracts';

/**
 * The pure hierarchy engine's vocabulary (no I/O). The service loads one customer's orders, active
 * links and locks from its projection, asks the engine for the plan, and writes the plan's diff.
 */

/** One order of the hierarchy's projection (one customer = one normalized phone). */
export interface HierOrder {
  order_id: string;
  tracking_number: string;
  /** E.164 `+201XXXXXXXXX`. */
  phone: string;
  service_type: ServiceType;
  state_code: number;
  /** Epoch ms. */
  state_at: number;
  /** Epoch ms: Bosta creation time (the linking window is measured on it). */
  created_at: number;
  cod_piastres: number;
  product_name: string | null;
}

/** How a link was made. */
export type LinkedBy = 'auto_sync' | 'manual' | 'api';

/**
 * A manual decision that automatic evaluation must respect: `linked` (the sub keeps its manual
 * link) or `unlinked` (an agent unlinked it: it stays without a main until linked by hand).
 */
export interface SubLock {
  order_id: string;
  kind: 'linked' | 'unlinked';
}

/** Settings of the engine (configuration, with the domain's defaults). */
export interface HierarchySettings {
  /** Never link a sub to a main created more than this many days apart (default 365). */
  windowDays: number;
}

/** A link's facts: an automatic link the engine wants to exist (and the core of every stored link). */
export interface DesiredLink {
  main_order_id: string;
  sub_order_id: string;
  relationship_type: RelationshipType;
  /** 1 + the level of the main's own active link (0 when the main is no sub). */
  relationship_level: number;
  business_rule: string;
  /** 0.00-1.00, two decimals. */
  confidence: number;
  confidence_reasons: string[];
}

/** An active link as stored: a link's facts, its id and who made it. */
export interface StoredLink extends DesiredLink {
  id: string;
  linked_by: LinkedBy;
  /** Manual links are locked: automatic evaluation never changes them. */
  locked: boolean;
}

/** What to change for one customer so its active links equal the desired ones. */
export interface CustomerPlan {
  create: DesiredLink[];
  /** Active automatic links to deactivate, with the reason kept in history. */
  deactivate: { link_id: string; reason: string }[];
}
