import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { seriesStyle, type OverTimeData, type OverTimePoint, type OverTimeSeries } from '../../charts';
import { formatDate } from '../../format/locale';
import { DataTable } from '../app/DataTable';
import { ChartLegend, ChartSummary, Marker, ScoreText, TableDetails } from './parts';
import './charts.css';

const versionsOf = (refs: string[]) => [...new Set(refs.map((r) => r.slice(r.lastIndexOf('@') + 1)))].join(', ');

/** One series (an informant, or the combined profile): each function as a line, version changes as marked verticals. */
export function OverTimeChart({ data, series }: { data: OverTimeData; series: OverTimeSeries }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const prefix = `ot${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const who = t(`informant.${series.key}`);
  // Two forms on one day stay two points: the x value is the point's position, labelled with its date.
  const rows = series.points.map((p, i) => ({ x: i, ...p.scores }));
  const dateOf = (i: number) => {
    const point = series.points[i];
    return point ? formatDate(point.date, language) : '';
  };
  const ticks = Array.from({ length: data.range.max - data.range.min + 1 }, (_, i) => data.range.min + i);
  const height = 300;

  return (
    <figure className="chart" aria-labelledby={`${prefix}-title`}>
      <figcaption id={`${prefix}-title`} className="visually-hidden">
        {t('overTime.caption', { informant: who })}
      </figcaption>
      <ChartLegend items={data.scales.map((s, i) => ({ label: s.label, style: seriesStyle(i), kind: 'line' }))} />
      <div className="chart-frame" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
          <LineChart accessibilityLayer={false} data={rows} margin={{ top: 24, right: 32, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#d5dcde" />
            <XAxis
              dataKey="x"
              type="number"
              domain={[-0.3, Math.max(series.points.length - 1, 0) + 0.3]}
              ticks={series.points.map((_, i) => i)}
              tickFormatter={(value: number) => dateOf(value)}
            />
            <YAxis domain={[data.range.min, data.range.max]} ticks={ticks} allowDecimals={false} width={32} />
            {series.points.map((p, i) =>
              p.versionChange ? (
                <ReferenceLine
                  key={`v${i}`}
                  x={i - 0.5}
                  stroke="#000000"
                  strokeDasharray="4 3"
                  label={{ value: t('overTime.versionChange', { version: versionsOf(p.versionChange.to) }), position: 'top', fontSize: 12, fill: '#000000' }}
                />
              ) : null,
            )}
            {data.scales.map((s, i) => {
              const style = seriesStyle(i);
              return (
                <Line
                  key={s.id}
                  dataKey={s.id}
                  name={s.label}
                  stroke={style.color}
                  strokeWidth={2.5}
                  strokeDasharray={style.dash.join(' ') || undefined}
                  isAnimationActive={false}
                  activeDot={false}
                  connectNulls={false}
                  dot={({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) =>
                    cx === undefined || cy === undefined ? (
                      <g key={`${s.id}-${index}`} />
                    ) : (
                      <Marker key={`${s.id}-${index}`} shape={style.marker} cx={cx} cy={cy} size={9} color={style.color} />
                    )
                  }
                />
              );
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartSummary lines={series.summary} />
      <TableDetails>
        <DataTable
          caption={t('overTime.caption', { informant: who })}
          rows={series.points}
          rowKey={(_, i) => i}
          rowProps={(p, i) => ({ 'data-point': i, className: p.versionChange ? 'is-version-change' : undefined })}
          columns={[
            { header: t('common.date'), rowHeader: true, cell: (p) => formatDate(p.date, language) },
            { header: t('common.version'), cell: (p) => (p.versionChange ? t('overTime.versionChangeCell', { version: versionsOf(p.instruments) }) : versionsOf(p.instruments)) },
            ...data.scales.map((s) => ({ key: s.id, header: s.label, cell: (p: OverTimePoint) => <ScoreText score={p.scores[s.id] ?? null} prorated={!!p.prorated[s.id]} /> })),
            { header: t('overTime.primary'), cell: (p) => p.primary.map((id) => data.scales.find((s) => s.id === id)?.label ?? id).join(', ') || '—' },
          ]}
        />
        {series.points.some((p) => Object.entries(p.prorated).some(([id, v]) => v && p.scores[id] !== null)) && <p className="muted chart-note">{t('common.proratedNote')}</p>}
      </TableDetails>
    </figure>
  );
}
