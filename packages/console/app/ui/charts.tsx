/**
 * Charts without a chart library (the bundle stays small): bars are HTML (they flip with the
 * page in Arabic), lines and stacks over time are SVG. Every chart has a text alternative: a
 * visually hidden table with the same numbers, so screen readers and axe see real content.
 */
import { formatNumber } from '../i18n.js';

export interface Datum {
  label: string;
  value: number;
}

const PALETTE = ['#1f6feb', '#d97706', '#059669', '#b91c1c', '#7c3aed', '#0e7490', '#be185d', '#4b5563'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length] as string;

function SrTable({ title, rows }: { title: string; rows: [string, ...(string | number)[]][] }) {
  return (
    <table class="sr-only">
      <caption>{title}</caption>
      <tbody>
        {rows.map(([label, ...values]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {values.map((v, i) => (
              <td key={i}>{typeof v === 'number' ? formatNumber(v) : v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars, one per datum, scaled to the largest value. */
export function BarChart({ title, data, format = (v) => formatNumber(v) }: { title: string; data: Datum[]; format?: (v: number) => string }) {
  const max = Math.max(1, ...data.map((d) => Math.abs(d.value)));
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <SrTable title={title} rows={data.map((d) => [d.label, format(d.value)])} />
      <ul class="bars" aria-hidden="true">
        {data.map((d, i) => (
          <li key={d.label}>
            <span class="bar-label">{d.label}</span>
            <span class="bar-track">
              <span class="bar" style={{ inlineSize: `${(Math.abs(d.value) / max) * 100}%`, background: colour(i) }} />
            </span>
            <span class="bar-value">{format(d.value)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface Series {
  name: string;
  points: number[];
}

/** Lines over shared x labels (e.g. days). */
export function LineChart({ title, labels, series, height = 180 }: { title: string; labels: string[]; series: Series[]; height?: number }) {
  const width = 600;
  const pad = 28;
  const max = Math.max(1, ...series.flatMap((s) => s.points));
  const x = (i: number) => pad + (labels.length <= 1 ? 0 : (i * (width - 2 * pad)) / (labels.length - 1));
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <SrTable title={title} rows={labels.map((l, i) => [l, ...series.map((s) => s.points[i] ?? 0)])} />
      <svg viewBox={`0 0 ${width} ${height}`} role="presentation" aria-hidden="true" dir="ltr" class="line-chart">
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} class="axis" />
        <text x={pad} y={pad - 8} class="tick">
          {formatNumber(max)}
        </text>
        {labels.length > 0 && (
          <>
            <text x={pad} y={height - 8} class="tick">
              {labels[0]}
            </text>
            <text x={width - pad} y={height - 8} class="tick" text-anchor="end">
              {labels[labels.length - 1]}
            </text>
          </>
        )}
        {series.map((s, si) => (
          <polyline key={s.name} fill="none" stroke={colour(si)} stroke-width="2.5" points={s.points.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
        ))}
        {/* Dots: a single day, or a spike, stays visible. */}
        {series.map((s, si) => s.points.map((v, i) => <circle key={`${s.name}-${i}`} cx={x(i)} cy={y(v)} r="3" fill={colour(si)} />))}
      </svg>
      <Legend names={series.map((s) => s.name)} />
    </figure>
  );
}

export function Legend({ names }: { names: string[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {names.map((n, i) => (
        <li key={n}>
          <span class="swatch" style={{ background: colour(i) }} />
          {n}
        </li>
      ))}
    </ul>
  );
}

/** One bar split into parts (e.g. coverage: linked vs not). */
export function StackBar({ title, data }: { title: string; data: Datum[] }) {
  const total = data.reduce((s, d) => s + Math.max(0, d.value), 0) || 1;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <SrTable title={title} rows={data.map((d) => [d.label, d.value])} />
      <div class="stack" aria-hidden="true">
        {data.map((d, i) => (
          <span key={d.label} style={{ inlineSize: `${(Math.max(0, d.value) / total) * 100}%`, background: colour(i) }} />
        ))}
      </div>
      <Legend names={data.map((d) => `${d.label}: ${formatNumber(d.value)}`)} />
    </figure>
  );
}
