/**
 * The sync screen's words for the API's enums, and relative times ("3 minutes ago", "in 20 seconds").
 * What it reads (`SyncRun`, `SyncStatus`, `QuarantineItem`) are the contracts' types.
 */
import type { SyncRun } from '@hvar/contracts';
import { locale, messages, type Translate } from '../i18n.js';

export const words = messages({
  en: {
    mode_full: 'Full', mode_incremental: 'Incremental', status_queued: 'Queued', status_running: 'Running', status_completed: 'Completed', status_failed: 'Failed',
    source_search: 'Search', source_detail: 'Detail', source_webhook: 'Webhook',
    by_first: 'First start', by_scheduler: 'Schedule', by_user: 'User {id}', by_key: 'API key {id}',
  },
  ar: {
    mode_full: 'كاملة', mode_incremental: 'تزايدية', status_queued: 'في الانتظار', status_running: 'قيد التشغيل', status_completed: 'مكتملة', status_failed: 'فشلت',
    source_search: 'البحث', source_detail: 'التفاصيل', source_webhook: 'إشعار ويب',
    by_first: 'التشغيل الأول', by_scheduler: 'الجدولة', by_user: 'المستخدم {id}', by_key: 'مفتاح API {id}',
  },
});

export type Word = keyof typeof words.en;

/** Who asked for a run: the first start, the schedule, or a principal (`user-<id>`, `key-<id>`, shortened). */
export function requester(w: Translate<Word>, by: string): string {
  if (by === 'first-start') return w('by_first');
  if (by === 'scheduler') return w('by_scheduler');
  const principal = /^(user|key)-(.+)$/.exec(by);
  if (!principal) return by;
  return w(principal[1] === 'user' ? 'by_user' : 'by_key', { id: (principal[2] ?? '').slice(0, 8) });
}

export const statusTone = (s: SyncRun['status']) => (s === 'completed' ? 'good' : s === 'failed' ? 'bad' : s === 'running' ? 'info' : 'neutral');

export const isActive = (r: SyncRun) => r.status === 'running' || r.status === 'queued';

/** `iso` relative to `now` in the current language, to the largest whole unit. */
export function relative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  return relativeSeconds(seconds);
}

/** A signed number of seconds as "in 2 minutes" / "5 seconds ago". */
export function relativeSeconds(seconds: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3_600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3_600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}
