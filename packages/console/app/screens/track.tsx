/**
 * The customers' public tracking page (`/track/{code}`, no sign-in): asks for the last 4 digits of
 * the phone, then shows the parcel and the service case in plain words with a simple progress.
 * Only `POST /api/v1/public/track` is called; it answers no names, phones or addresses. Its answer's
 * schema is the gateway's (`routes/tracking/schemas.ts`, not a contract), so the types here stay local.
 */
import type { ActionSubtype } from '@hvar/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, post } from '../api.js';
import { formatDate, formatMoney, formatNumber, messages, useT, type Translate } from '../i18n.js';
import { Badge, Button, Field, LangSwitch, Loading, Page, ProblemBox } from '../ui/kit.js';
import { caseStageWord, deliveryStageWord, stageTone, words, type CaseStage, type CaseType, type DeliveryKind, type DeliveryStage, type Word } from './track-words.js';
import './track.css';

interface Step<S> {
  stage: S;
  status: 'done' | 'current' | 'todo';
}
interface TrackedDelivery {
  tracking_number: string;
  kind: DeliveryKind;
  stage: DeliveryStage;
  steps: Step<DeliveryStage>[];
  product: string | null;
  items_count: number | null;
  cod_due: number;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}
interface TrackedLeg {
  tracking_number: string | null;
  stage: DeliveryStage;
  cod_due: number;
  updated_at: string;
}
interface TrackedCase {
  case_number: string;
  type: CaseType;
  subtype: ActionSubtype | null;
  stage: CaseStage;
  steps: Step<CaseStage>[];
  on_site: boolean;
  product: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  pickup: TrackedLeg | null;
  shipment: TrackedLeg | null;
}
interface TrackingAnswer {
  code: string;
  delivery: TrackedDelivery | null;
  cases: TrackedCase[];
}

const m = messages({
  en: {
    title: 'Track your parcel or service case', code: 'Code',
    intro: 'For your privacy, enter the last 4 digits of the phone number this parcel or case belongs to.',
    digits: 'Last 4 digits of your phone number', digitsHint: 'Example: for 0100 123 4567 enter 4567.', show: 'Show status', refresh: 'Refresh',
    needDigits: 'Enter exactly 4 digits.', noMatch: 'No parcel or case matches this code and these phone digits. Check the last 4 digits and try again.',
    tooMany: 'Too many attempts. Please wait a few minutes, then try again.',
    badCode: 'This link does not hold a valid tracking number or case number. Please check the link you received.',
    parcel: 'Your parcel', trackingNumber: 'Tracking number', type: 'Type', status: 'Status', lastUpdate: 'Last update', contents: 'Contents',
    items: '{n} item(s)', toPay: 'To pay on delivery', nothingToPay: 'Nothing to pay', deliveredOn: 'Delivered on', createdOn: 'Created on',
    progress: 'Progress', done: 'done', current: 'current stage', todo: 'not yet',
    caseTitle: 'Service case', service: 'Service', opened: 'Opened on', completedOn: 'Completed on', product: 'Product',
    pickup: 'Pickup from you', shipment: 'Shipment back to you', onSite: 'At your place, no pickup needed', noCases: 'There is no service case for this parcel.',
    legTn: 'tracking number',
  },
  ar: {
    title: 'تتبّع شحنتك أو طلب الخدمة', code: 'الرمز',
    intro: 'حفاظًا على خصوصيتك، أدخل آخر 4 أرقام من رقم الهاتف المسجّلة عليه هذه الشحنة أو هذا الطلب.',
    digits: 'آخر 4 أرقام من رقم هاتفك', digitsHint: 'مثال: للرقم 0100 123 4567 أدخل 4567.', show: 'عرض الحالة', refresh: 'تحديث',
    needDigits: 'أدخل 4 أرقام بالضبط.', noMatch: 'لا توجد شحنة أو طلب خدمة بهذا الرمز وهذه الأرقام. تحقّق من آخر 4 أرقام وحاول مرة أخرى.',
    tooMany: 'محاولات كثيرة جدًا. يرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.',
    badCode: 'هذا الرابط لا يحتوي على رقم تتبّع أو رقم طلب صحيح. يرجى التحقّق من الرابط الذي وصلك.',
    parcel: 'شحنتك', trackingNumber: 'رقم التتبّع', type: 'النوع', status: 'الحالة', lastUpdate: 'آخر تحديث', contents: 'المحتوى',
    items: '{n} قطعة', toPay: 'المبلغ المطلوب عند الاستلام', nothingToPay: 'لا يوجد مبلغ مطلوب', deliveredOn: 'تاريخ التسليم', createdOn: 'تاريخ الإنشاء',
    progress: 'مراحل التقدّم', done: 'تمّت', current: 'المرحلة الحالية', todo: 'لم تتم بعد',
    caseTitle: 'طلب الخدمة', service: 'الخدمة', opened: 'تاريخ الفتح', completedOn: 'تاريخ الإنجاز', product: 'المنتج',
    pickup: 'الاستلام منك', shipment: 'الشحن إليك', onSite: 'لديك في المكان، لا حاجة للاستلام', noCases: 'لا يوجد طلب خدمة لهذه الشحنة.',
    legTn: 'رقم التتبّع',
  },
});

type T = Translate<keyof typeof m.en>;
type W = Translate<Word>;

/** Arabic-Indic and Persian digits typed on a phone keyboard → ASCII. */
const asciiDigits = (s: string) => s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (ch) => String(ch.charCodeAt(0) - (ch.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660)));

/** What went wrong, in the customer's words; undefined: show the API's problem as it is. */
function failureText(error: unknown, t: T): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404) return t('noMatch');
  if (error.status === 429) return t('tooMany');
  if (error.status === 400 && error.errors.some((e) => e.path === 'body.code')) return t('badCode');
  if (error.status === 400) return t('needDigits');
  return undefined;
}

export function TrackPage({ code }: { code: string }) {
  const t = useT(m);
  const w = useT(words);
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [invalid, setInvalid] = useState(false);
  const [answer, setAnswer] = useState<TrackingAnswer | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (answer) result.current?.focus();
  }, [answer]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const value = asciiDigits(digits.trim());
    if (!/^\d{4}$/.test(value)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(await post<TrackingAnswer>('/api/v1/public/track', { code, phone_last4: value }, { quiet401: true }));
    } catch (err) {
      setAnswer(undefined);
      setError(err);
      input.current?.select();
    } finally {
      setBusy(false);
    }
  };

  const message = failureText(error, t);
  return (
    <main id="main" class="public track">
      <Page
        title={t('title')}
        actions={<LangSwitch />}
      >
        <p class="track-code">
          {t('code')}: <bdi class="track-ref">{code}</bdi>
        </p>
        <form class="card" onSubmit={(e) => void submit(e)} noValidate aria-describedby="track-intro">
          <p id="track-intro">{t('intro')}</p>
          <Field id="track-digits" label={t('digits')} hint={t('digitsHint')} error={invalid ? t('needDigits') : undefined}>
            <input
              id="track-digits" ref={input} name="phone_last4" class="track-digits" type="text" inputMode="numeric" pattern="[0-9٠-٩۰-۹]{4}" maxLength={4}
              autoComplete="off" required autoFocus value={digits} onInput={(e) => setDigits(e.currentTarget.value)}
              aria-invalid={invalid || message === t('noMatch') ? 'true' : undefined}
              aria-describedby={invalid ? 'track-digits-hint track-digits-error' : 'track-digits-hint'}
            />
          </Field>
          <Button type="submit" kind="primary" busy={busy}>
            {answer ? t('refresh') : t('show')}
          </Button>
        </form>
        {busy && <Loading />}
        {message ? (
          <p class="problem" role="alert">
            {message}
          </p>
        ) : (
          <ProblemBox error={error} />
        )}
        {answer && (
          <div ref={result} tabIndex={-1} class="track-result">
            {answer.delivery && <DeliveryCard delivery={answer.delivery} t={t} w={w} />}
            {answer.cases.map((c) => (
              <CaseCard key={c.case_number} item={c} t={t} w={w} />
            ))}
            {answer.delivery && answer.cases.length === 0 && <p class="state state-empty">{t('noCases')}</p>}
          </div>
        )}
      </Page>
    </main>
  );
}

function Steps<S extends string>({ steps, label, t }: { steps: Step<S>[]; label: (stage: S) => string; t: T }) {
  return (
    <ol class="track-steps">
      {steps.map((s) => (
        <li key={s.stage} class={`track-step track-step-${s.status}`} aria-current={s.status === 'current' ? 'step' : undefined}>
          <span class="track-mark" aria-hidden="true">
            {s.status === 'done' ? '✓' : ''}
          </span>
          <span>
            {label(s.stage)} <span class="sr-only">({t(s.status)})</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

function DeliveryCard({ delivery: d, t, w }: { delivery: TrackedDelivery; t: T; w: W }) {
  const toUs = d.kind === 'pickup';
  const stage = (s: DeliveryStage) => w(deliveryStageWord(s, toUs));
  return (
    <section class="card track-card" aria-labelledby="track-parcel">
      <h2 id="track-parcel">{t('parcel')}</h2>
      <p class="track-now">
        <Badge tone={stageTone(d.stage)}>{stage(d.stage)}</Badge>
      </p>
      <dl class="facts">
        <dt>{t('trackingNumber')}</dt>
        <dd>
          <bdi class="track-ref">{d.tracking_number}</bdi>
        </dd>
        <dt>{t('type')}</dt>
        <dd>{w(`k_${d.kind}`)}</dd>
        <dt>{t('lastUpdate')}</dt>
        <dd>{formatDate(d.updated_at)}</dd>
        {d.product && (
          <>
            <dt>{t('contents')}</dt>
            <dd>
              {d.product}
              {d.items_count !== null && d.items_count > 1 && ` (${t('items', { n: formatNumber(d.items_count) })})`}
            </dd>
          </>
        )}
        <dt>{t('toPay')}</dt>
        <dd>{d.cod_due > 0 ? <strong>{formatMoney(d.cod_due)}</strong> : t('nothingToPay')}</dd>
        {d.delivered_at ? (
          <>
            <dt>{t('deliveredOn')}</dt>
            <dd>{formatDate(d.delivered_at)}</dd>
          </>
        ) : (
          <>
            <dt>{t('createdOn')}</dt>
            <dd>{formatDate(d.created_at, false)}</dd>
          </>
        )}
      </dl>
      <h3>{t('progress')}</h3>
      <Steps steps={d.steps} label={stage} t={t} />
    </section>
  );
}

function LegFact({ label, leg, toUs, t, w }: { label: string; leg: TrackedLeg; toUs: boolean; t: T; w: W }) {
  const stage = w(deliveryStageWord(leg.stage, toUs));
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {stage}
        {leg.tracking_number && (
          <>
            {' · '}
            {t('legTn')} <bdi class="track-ref">{leg.tracking_number}</bdi>
          </>
        )}
        {leg.cod_due > 0 && ` · ${t('toPay')}: ${formatMoney(leg.cod_due)}`}
        <br />
        <small>
          {t('lastUpdate')}: {formatDate(leg.updated_at)}
        </small>
      </dd>
    </>
  );
}

function CaseCard({ item: c, t, w }: { item: TrackedCase; t: T; w: W }) {
  const stage = (s: CaseStage) => w(caseStageWord(s, c.type));
  const headingId = `track-case-${c.case_number}`;
  return (
    <section class="card track-card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('caseTitle')} <bdi class="track-ref">{c.case_number}</bdi>
      </h2>
      <p class="track-now">
        <Badge tone={stageTone(c.stage)}>{stage(c.stage)}</Badge>
      </p>
      <dl class="facts">
        <dt>{t('service')}</dt>
        <dd>
          {w(`ct_${c.type}`)}
          {c.subtype && ` (${w(`sub_${c.subtype}`)})`}
        </dd>
        {c.product && (
          <>
            <dt>{t('product')}</dt>
            <dd>{c.product}</dd>
          </>
        )}
        <dt>{t('opened')}</dt>
        <dd>{formatDate(c.created_at, false)}</dd>
        <dt>{t('lastUpdate')}</dt>
        <dd>{formatDate(c.updated_at)}</dd>
        {c.completed_at && (
          <>
            <dt>{t('completedOn')}</dt>
            <dd>{formatDate(c.completed_at)}</dd>
          </>
        )}
        {c.on_site && (
          <>
            <dt>{t('pickup')}</dt>
            <dd>{t('onSite')}</dd>
          </>
        )}
        {c.pickup && <LegFact label={t('pickup')} leg={c.pickup} toUs t={t} w={w} />}
        {c.shipment && <LegFact label={t('shipment')} leg={c.shipment} toUs={false} t={t} w={w} />}
      </dl>
      <h3>{t('progress')}</h3>
      <Steps steps={c.steps} label={stage} t={t} />
    </section>
  );
}
