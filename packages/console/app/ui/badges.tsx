/** Badges of the enum values every screen shows the same way, in the current language. */
import { useLang } from '../i18n.js';
import { Badge } from './kit.js';
import { actionStatusName, actionTone, segmentName, segmentTone } from './words.js';

/** A service action's status as a coloured badge with its name. */
export function StatusBadge({ status }: { status: string }) {
  useLang();
  return <Badge tone={actionTone(status)}>{actionStatusName(status)}</Badge>;
}

/** A customer's segment as a coloured badge with its name. */
export function SegmentBadge({ segment }: { segment: string }) {
  useLang();
  return <Badge tone={segmentTone(segment)}>{segmentName(segment)}</Badge>;
}
