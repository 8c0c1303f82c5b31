/**
 * The chaos run's figures, from the ground truth: the simulator's deliveries (`GET /__sim/export`) for
 * the Bosta legs, and each case's transition history (`GET /api/v1/service-actions/{id}`) against its
 * story's expected sequence.
 */
import type { ServiceAction } from '@hvar/contracts';
import type { GatewayClient } from './client.js';
import { EXPECTED, EXPECTED_LEGS, rankOf, type CaseResult, type StoryId } from './stories.js';

/** Missing and repeated (or unexpected) steps of one history against the expected one. */
export interface HistoryDiff {
  missing: number;
  extra: number;
}

/**
 * Compares a history with the expected sequence through their longest common subsequence: expected
 * steps outside it are missing, actual steps outside it are repeated or unexpected.
 */
export function diffHistory(expected: readonly string[], actual: readonly string[]): HistoryDiff {
  const rows = expected.length + 1;
  const cols = actual.length + 1;
  const table = new Array<number>(rows * cols).fill(0);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      table[i * cols + j] = expected[i - 1] === actual[j - 1]
        ? (table[(i - 1) * cols + j - 1] ?? 0) + 1
        : Math.max(table[(i - 1) * cols + j] ?? 0, table[i * cols + j - 1] ?? 0);
    }
  }
  const common = table[rows * cols - 1] ?? 0;
  return { missing: expected.length - common, extra: actual.length - common };
}

/** Bosta deliveries of the cases: per case number, how many pickups (P) and outbound deliveries (O). */
export type LegCounts = Map<string, { P: number; O: number }>;

/** Counts the simulator's deliveries whose uniqueBusinessReference is a case leg (`SA-YYYY-NNNNNN-P1`). */
export async function legCounts(simUrl: string): Promise<LegCounts> {
  const res = await fetch(`${simUrl}/__sim/export`);
  const counts: LegCounts = new Map();
  for (const line of (await res.text()).split('\n')) {
    if (!line) continue;
    const ubr = (JSON.parse(line) as { uniqueBusinessReference?: string }).uniqueBusinessReference ?? '';
    const m = /^(SA-\d{4}-\d+)-([PO])\d+$/.exec(ubr);
    if (!m?.[1]) continue;
    const entry = counts.get(m[1]) ?? { P: 0, O: 0 };
    entry[m[2] as 'P' | 'O']++;
    counts.set(m[1], entry);
  }
  return counts;
}

/** Everything the report prints. */
export interface Figures {
  expected: number;
  closed: Record<StoryId, { ok: number; of: number }>;
  deliveries: { created: number; expected: number; duplicates: number; missing: number; strays: number };
  lost: { missing: number; repeated: number; cases: number };
  /** Service actions in the system besides the run's own cases (a duplicated case, an automatic one). */
  strayCases: number;
  examples: string[];
}

/** Every action id in the system, through the list API (newest first, 200 a page). */
async function allActionIds(api: GatewayClient): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { action_id: string }[]; next_cursor: string | null } | undefined =
      await api.read(`/api/v1/service-actions?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (!page) throw new Error('the action list did not answer');
    ids.push(...page.items.map((a) => a.action_id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

/** Reads every case's final state and history, and the simulator's ground truth. */
export async function collectFigures(results: readonly CaseResult[], api: GatewayClient, simUrl: string): Promise<Figures> {
  const closed = { 1: { ok: 0, of: 0 }, 2: { ok: 0, of: 0 }, 3: { ok: 0, of: 0 } } satisfies Figures['closed'];
  const lost = { missing: 0, repeated: 0, cases: 0 };
  const examples: string[] = [];
  const legs = await legCounts(simUrl);
  const deliveries = { created: 0, expected: 0, duplicates: 0, missing: 0, strays: 0 };
  for (const counts of legs.values()) deliveries.created += counts.P + counts.O;
  const known = new Set<string>();
  for (const r of results) {
    const story = r.spec.story;
    closed[story].of++;
    deliveries.expected += EXPECTED_LEGS[story].length;
    const action = r.actionId ? await api.read<ServiceAction>(`/api/v1/service-actions/${r.actionId}`) : undefined;
    const finalOk = action !== undefined && isClosed(story, action);
    if (finalOk) closed[story].ok++;
    else examples.push(`story ${story} #${r.spec.index} ${r.caseNumber ?? '(no case)'}: ${action?.action_status ?? 'unknown'}; ${r.reason ?? 'final state not verified'}`);
    if (r.caseNumber) {
      known.add(r.caseNumber);
      const got = legs.get(r.caseNumber) ?? { P: 0, O: 0 };
      for (const leg of ['P', 'O'] as const) {
        const want = EXPECTED_LEGS[story].includes(leg) ? 1 : 0;
        if (want === 0) deliveries.strays += got[leg];
        else deliveries.duplicates += Math.max(0, got[leg] - 1);
        if (finalOk && got[leg] < want) deliveries.missing += want - got[leg];
      }
    } else {
      deliveries.missing += EXPECTED_LEGS[story].length;
    }
    if (!action) continue;
    const history = (action.transitions ?? []).map((t) => t.to_status);
    // An unfinished case is held to the part of its story it reached.
    const upTo = finalOk ? EXPECTED[story].length : rankOf(story, action) + 1;
    const diff = diffHistory(EXPECTED[story].slice(0, Math.max(upTo, 0)), history);
    if (diff.missing + diff.extra > 0) {
      lost.missing += diff.missing;
      lost.repeated += diff.extra;
      lost.cases++;
      examples.push(`story ${story} ${action.case_number}: history ${history.join(' → ')}`);
    }
  }
  for (const [caseNumber, counts] of legs) if (!known.has(caseNumber)) deliveries.strays += counts.P + counts.O;
  const ours = new Set(results.flatMap((r) => (r.actionId ? [r.actionId] : [])));
  const strays = (await allActionIds(api)).filter((id) => !ours.has(id));
  for (const id of strays.slice(0, 3)) {
    const a = await api.read<ServiceAction>(`/api/v1/service-actions/${id}`);
    examples.push(`a case the run did not open: ${a?.case_number ?? id} ${a?.action_type ?? ''} (${a?.auto_detected ? `automatic, from ${a.source_tracking_number ?? '?'}` : `for ${a?.customer_phone ?? '?'}`})`);
  }
  return { expected: results.length, closed, deliveries, lost, strayCases: strays.length, examples };
}

/** The story's expected final state: completed and verified (story 3: the refund processed too). */
function isClosed(story: StoryId, a: ServiceAction): boolean {
  if (a.action_status !== 'completed' || !a.closure_verified) return false;
  return story !== 3 || a.costs.refund_processed;
}
