/**
 * Order of a pickup's statuses (domain.md §7): an event ranked below the stored status is late and
 * changes nothing. `delivered_to_hub` is what the hub's own scan records.
 */
export const RETURN_STATUS_RANK: Readonly<Record<string, number>> = {
  pending: 0, rejected: 0, created: 1, picked_up: 2, in_transit: 3, delivered_to_hub: 4, failed: 5, cancelled: 5,
};

/** Whether `next` may replace `current` (equal ranks replace: a retried pickup may fail again). */
export function isLaterReturnStatus(current: string | null, next: string): boolean {
  if (current === null) return true;
  return (RETURN_STATUS_RANK[next] ?? 0) >= (RETURN_STATUS_RANK[current] ?? 0);
}
