import type { TimelineEvent } from '../delivery.js';
import { fail, isAbsent, isRecord, optBool, optDate, optInt, optString, show } from './read.js';

/** `timeline[]` → typed steps; a bad date names its index (`timeline[2].date: ...`). */
export function parseTimeline(value: unknown): TimelineEvent[] {
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) return fail('timeline', `expected a list, got ${show(value)}`);
  return value.map((step, i) => {
    const path = `timeline[${i}]`;
    if (!isRecord(step)) return fail(path, `expected an object, got ${show(step)}`);
    return {
      code: optInt(step.code, `${path}.code`),
      value: optString(step.value, `${path}.value`) ?? '',
      at: optDate(step.date, `${path}.date`),
      done: optBool(step.done, `${path}.done`) ?? false,
    };
  });
}

/** The newest date among the done steps, or null. */
export function lastDoneAt(timeline: TimelineEvent[]): string | null {
  let best: string | null = null;
  for (const step of timeline) {
    if (step.done && step.at !== null && (best === null || step.at > best)) best = step.at;
  }
  return best;
}
