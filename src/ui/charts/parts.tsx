/** Pieces every chart shares: fill patterns, markers, the legend, the summary and the table drawer. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { summaryText, type MarkerShape, type SeriesStyle, type SummaryLine } from '../../charts';
import { formatScore } from '../../format/locale';
import { useSummaryFormat } from './summary-format';

/** Hidden SVG definitions of the fill patterns; ids are `${prefix}-${index}` (global within the page). */
export function PatternDefs({ prefix, styles }: { prefix: string; styles: SeriesStyle[] }) {
  return (
    <svg width="0" height="0" className="chart-defs" aria-hidden="true" focusable="false">
      <defs>
        {styles.map((style, i) => (
          <pattern key={i} id={`${prefix}-${i}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={style.color} />
            {patternLines(style.pattern)}
          </pattern>
        ))}
      </defs>
    </svg>
  );
}

function patternLines(pattern: SeriesStyle['pattern']): ReactNode {
  const stroke = { stroke: '#ffffff', strokeWidth: 1.6, strokeOpacity: 0.85 };
  switch (pattern) {
    case 'diagonal':
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {...stroke} />;
    case 'dots':
      return <circle cx="4" cy="4" r="1.6" fill="#ffffff" fillOpacity="0.85" />;
    case 'crosshatch':
      return <path d="M0,0 l8,8 M8,0 l-8,8" {...stroke} />;
    case 'horizontal':
      return <path d="M0,4 h8" {...stroke} />;
    case 'vertical':
      return <path d="M4,0 v8" {...stroke} />;
    default:
      return null;
  }
}

export function fillOf(prefix: string, index: number, style: SeriesStyle): string {
  return style.pattern === 'solid' ? style.color : `url(#${prefix}-${index})`;
}

/** A marker centred on (cx, cy). */
export function Marker({ shape, cx, cy, size = 8, color }: { shape: MarkerShape; cx: number; cy: number; size?: number; color: string }) {
  const r = size / 2;
  const common = { fill: color, stroke: '#ffffff', strokeWidth: 1 };
  switch (shape) {
    case 'square':
      return <rect x={cx - r} y={cy - r} width={size} height={size} {...common} />;
    case 'triangle':
      return <path d={`M${cx},${cy - r - 1} L${cx + r + 1},${cy + r} L${cx - r - 1},${cy + r} Z`} {...common} />;
    case 'diamond':
      return <path d={`M${cx},${cy - r - 1} L${cx + r + 1},${cy} L${cx},${cy + r + 1} L${cx - r - 1},${cy} Z`} {...common} />;
    case 'cross':
      return <path d={`M${cx - r},${cy - r} L${cx + r},${cy + r} M${cx + r},${cy - r} L${cx - r},${cy + r}`} stroke={color} strokeWidth={2.5} />;
    case 'star': {
      const points = Array.from({ length: 10 }, (_, i) => {
        const radius = i % 2 === 0 ? r + 2 : (r + 2) / 2.2;
        const angle = (Math.PI / 5) * i - Math.PI / 2;
        return `${cx + radius * Math.cos(angle)},${cy + radius * Math.sin(angle)}`;
      });
      return <polygon points={points.join(' ')} {...common} />;
    }
    default:
      return <circle cx={cx} cy={cy} r={r} {...common} />;
  }
}

export interface LegendItem {
  label: string;
  style: SeriesStyle;
  kind: 'bar' | 'line';
  /** Fill for a bar swatch (a pattern url or colour). */
  fill?: string;
}

/** The key as HTML (readable, wraps at 640 px), with the same swatches as the chart. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  const { t } = useTranslation('charts');
  return (
    <ul className="chart-legend" aria-label={t('common.legend')}>
      {items.map((item) => (
        <li key={item.label}>
          <svg width="30" height="16" aria-hidden="true" focusable="false">
            {item.kind === 'bar' ? (
              <rect x="1" y="2" width="28" height="12" fill={item.fill ?? item.style.color} stroke={item.style.color} />
            ) : (
              <>
                <line x1="0" y1="8" x2="30" y2="8" stroke={item.style.color} strokeWidth="2.5" strokeDasharray={item.style.dash.join(' ') || undefined} />
                <Marker shape={item.style.marker} cx={15} cy={8} color={item.style.color} />
              </>
            )}
          </svg>
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

export function ChartSummary({ lines, id }: { lines: SummaryLine[]; id?: string }) {
  const { t } = useTranslation('charts');
  const format = useSummaryFormat();
  return (
    <div className="chart-summary" id={id}>
      <h4 className="visually-hidden">{t('common.summary')}</h4>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{summaryText(line, format)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The data table, folded under the chart; a screen reader finds it as a real table. */
export function TableDetails({ children }: { children: ReactNode }) {
  const { t } = useTranslation('charts');
  return (
    <details className="chart-table">
      <summary>{t('common.showTable')}</summary>
      {children}
    </details>
  );
}

/** A score in a chart's table: "missing" when there is none, a star when prorated (a note under the table says what it means). */
export function ScoreText({ score, prorated }: { score: number | null; prorated: boolean }) {
  const { t, i18n } = useTranslation('charts');
  return (
    <>
      {score === null ? t('common.missing') : formatScore(score, i18n.language)}
      {prorated && score !== null && '*'}
    </>
  );
}

/** Long scale labels wrap onto lines of at most `width` characters' room (SVG text does not wrap). */
export function wrapLabel(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && (current + ' ' + word).length > maxChars) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** What recharts passes a custom tick. */
export interface TickProps {
  x: number | string;
  y: number | string;
  payload: { value: unknown };
}

/** A y-axis tick of a horizontal bar chart: the wrapped label, and an optional second note line. */
export function CategoryTick({ x, y, lines, note, strong }: { x: number; y: number; lines: string[]; note?: string; strong?: boolean }) {
  const all = note ? [...lines, note] : lines;
  const top = y - ((all.length - 1) * 15) / 2;
  return (
    <text x={x - 6} y={top} textAnchor="end" className="chart-tick" fontWeight={strong ? 700 : 400}>
      {all.map((line, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? 4 : 15} className={note && i === all.length - 1 ? 'chart-tick-note' : undefined}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
