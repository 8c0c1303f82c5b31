/**
 * What the hub station, the review queue and the technician queue show the same way: the words of
 * a hub inspection's fields, the inspection as facts, why the review rule asked for a team leader,
 * and where and when the hub handled a parcel.
 */
import type { ComponentChildren } from 'preact';
import { REVIEW_REASONS, type Inspection } from '../domain/hub.js';
import { formatDate, formatMoney, formatNumber, messages, useT } from '../i18n.js';
import { ApiText, Badge, Fact } from '../ui/kit.js';
import { conditionName, functionalityName, priorityName, recommendedName } from '../ui/words.js';

/** Labels of the inspection's fields (the form, and the facts of a done inspection). */
export const inspectionWords = messages({
  en: {
    condition: 'Condition', functionality: 'Functionality test', notTested: 'Not tested', score: 'Quality score', scoreValue: '{score} / 10',
    missing: 'Missing parts', damage: 'Visible damage', notes: 'Inspection notes', recommended: 'Recommended action', priority: 'Priority',
    repairCost: 'Estimated repair cost', repairDays: 'Estimated repair days', daysValue: '{days} days', noInspection: 'No hub inspection yet.',
    reason_low_quality_score: 'Low quality score', reason_risky_action: 'Recommendation always reviewed', reason_action_mismatch: 'Differs from what the customer asked for',
  },
  ar: {
    condition: 'حالة المنتج', functionality: 'اختبار التشغيل', notTested: 'لم يُختبر', score: 'درجة الجودة', scoreValue: '{score} / 10',
    missing: 'القطع الناقصة', damage: 'التلف الظاهر', notes: 'ملاحظات الفحص', recommended: 'الإجراء المقترح', priority: 'الأولوية',
    repairCost: 'تكلفة الإصلاح المتوقعة', repairDays: 'أيام الإصلاح المتوقعة', daysValue: '{days} يوم', noInspection: 'لا يوجد فحص من المستودع بعد.',
    reason_low_quality_score: 'درجة جودة منخفضة', reason_risky_action: 'توصية تُراجع دائمًا', reason_action_mismatch: 'تختلف عمّا طلبه العميل',
  },
});

/** Where and when the hub handled a parcel: hub, agent, time (each isolated, so mixed scripts keep their order). */
export function HubMoment({ hub, agent, at }: { hub: string | null; agent: string | null; at: string | null }) {
  return (
    <>
      <bdi>{hub ?? '—'}</bdi> · <bdi>{agent ?? '—'}</bdi> · <bdi>{formatDate(at)}</bdi>
    </>
  );
}

/** The inspection as a list of facts (`children`: more facts of the same list). */
export function InspectionFacts({ inspection: i, children }: { inspection: Inspection; children?: ComponentChildren }) {
  const t = useT(inspectionWords);
  return (
    <dl class="facts">
      <Fact label={t('condition')}>{conditionName(i.product_condition)}</Fact>
      <Fact label={t('functionality')}>{functionalityName(i.functionality_test)}</Fact>
      <Fact label={t('score')}>
        <Badge tone={i.quality_score <= 3 ? 'bad' : i.quality_score <= 6 ? 'warn' : 'good'}>{t('scoreValue', { score: formatNumber(i.quality_score) })}</Badge>
      </Fact>
      <Fact label={t('recommended')}>{recommendedName(i.recommended_action)}</Fact>
      <Fact label={t('priority')}>{priorityName(i.recommended_priority)}</Fact>
      <Fact label={t('notes')}>{i.inspection_notes}</Fact>
      <Fact label={t('damage')}>{i.visible_damage}</Fact>
      <Fact label={t('missing')}>{i.missing_parts.length > 0 ? i.missing_parts.join(', ') : null}</Fact>
      <Fact label={t('repairCost')}>{i.estimated_repair_cost === null ? null : formatMoney(i.estimated_repair_cost)}</Fact>
      <Fact label={t('repairDays')}>{i.estimated_repair_days === null ? null : t('daysValue', { days: formatNumber(i.estimated_repair_days) })}</Fact>
      {children}
    </dl>
  );
}

const known = (code: string): code is (typeof REVIEW_REASONS)[number] => (REVIEW_REASONS as readonly string[]).includes(code);

/** Why the review rule asked for a team leader: each reason's code in words, the rule's own (English) explanation beside it. */
export function ReviewReasons({ reasons }: { reasons: string[] }) {
  const t = useT(inspectionWords);
  return (
    <ul class="reasons">
      {reasons.map((r) => {
        const [code = '', ...rest] = r.split(':');
        return (
          <li key={r}>
            {known(code) ? (
              <>
                <strong>{t(`reason_${code}`)}</strong> — <ApiText>{rest.join(':').trim()}</ApiText>
              </>
            ) : (
              <ApiText>{r}</ApiText>
            )}
          </li>
        );
      })}
    </ul>
  );
}
