import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { informantStyle, type FunctionProfileData } from '../../charts';
import { formatScore } from '../../format/locale';
import { CategoryTick, ChartSummary, PatternDefs, TableDetails, wrapLabel, type TickProps } from './parts';
import { DataTable, WithBadge } from '../app/DataTable';
import './charts.css';

const ROW_HEIGHT = 58;

/** One administration's function profile: bars 0–6, primary marked with ★, prorated with *, missing written out. */
export function FunctionProfileChart({ data }: { data: FunctionProfileData }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const prefix = `fp${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const style = informantStyle(data.informant);
  const rows = data.bars.map((b) => ({ ...b, value: b.score, text: b.score === null ? '' : `${formatScore(b.score, language)}${b.prorated ? '*' : ''}` }));
  const byLabel = new Map(data.bars.map((b) => [b.label, b]));
  const ticks = Array.from({ length: data.range.max - data.range.min + 1 }, (_, i) => data.range.min + i);
  const figure = useRef<HTMLElement>(null);
  const shown = useShownInDetails(figure);

  return (
    <figure className="chart" aria-labelledby={`${prefix}-title`} ref={figure}>
      <figcaption id={`${prefix}-title`} className="chart-title">
        {t('profile.title')}
      </figcaption>
      <PatternDefs prefix={prefix} styles={[style]} />
      <div className="chart-frame" aria-hidden="true" style={{ minHeight: data.bars.length * ROW_HEIGHT + 40 }}>
        {shown && (
          <ResponsiveContainer width="100%" height={data.bars.length * ROW_HEIGHT + 40} initialDimension={{ width: 640, height: data.bars.length * ROW_HEIGHT + 40 }}>
            <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 96, bottom: 16, left: 8 }}>
              <CartesianGrid horizontal={false} stroke="#d5dcde" />
              <XAxis type="number" domain={[data.range.min, data.range.max]} ticks={ticks} allowDecimals={false} />
              <YAxis
                type="category"
                dataKey="label"
                width={200}
                tick={({ x, y, payload }: TickProps) => {
                  const bar = byLabel.get(String(payload.value));
                  return (
                    <CategoryTick
                      x={Number(x)}
                      y={Number(y)}
                      lines={wrapLabel(String(payload.value), 26)}
                      note={bar?.score === null ? `— ${t('common.notScorable')}` : bar?.primary ? t('profile.primaryMark') : undefined}
                      strong={bar?.primary}
                    />
                  );
                }}
              />
              <Bar dataKey="value" isAnimationActive={false} barSize={22}>
                {rows.map((row, i) => (
                  <Cell key={i} fill={row.primary ? style.color : `url(#${prefix}-0)`} fillOpacity={row.primary ? 1 : 0.6} stroke={style.color} />
                ))}
                <LabelList dataKey="text" position="right" className="chart-value" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      {data.bars.some((b) => b.prorated) && <p className="muted chart-note">{t('common.proratedNote')}</p>}
      <ChartSummary lines={data.summary} />
      <TableDetails>
        <DataTable
          caption={t('profile.caption')}
          rows={data.bars}
          rowKey={(b) => b.scaleId}
          rowProps={(b) => ({ 'data-scale': b.scaleId })}
          columns={[
            { header: t('profile.function'), rowHeader: true, cell: (b) => <WithBadge text={b.label} badge={b.primary && t('common.primary')} /> },
            {
              header: t('profile.score'),
              cell: (b) => (
                <>
                  {b.score === null ? t('common.missing') : formatScore(b.score, language)}
                  {b.prorated && <span className="badge badge-warning">{t('common.prorated')}</span>}
                </>
              ),
            },
            { header: t('profile.answered'), cell: (b) => t('profile.answeredOf', { answered: b.answered, items: b.items }) },
          ]}
        />
      </TableDetails>
    </figure>
  );
}

/**
 * The case page lists every questionnaire's results inside a closed <details>; drawing a chart
 * nobody can see costs time on a slow tablet, so the SVG is drawn once its <details> opens.
 */
function useShownInDetails(ref: React.RefObject<HTMLElement | null>): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const details = ref.current?.closest('details');
    if (!details) {
      setShown(true);
      return;
    }
    const update = () => {
      if (details.open) setShown(true);
    };
    update();
    details.addEventListener('toggle', update);
    return () => details.removeEventListener('toggle', update);
  }, [ref]);
  return shown;
}
