import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { THRESHOLD_STYLE, absenceStyle, type AbsenceData, type AbsencePoint } from '../../charts';
import { formatDate } from '../../format/locale';
import { formatDays, formatPercent } from '../../format/number';
import { ChartLegend, ChartSummary, Marker, PatternDefs, TableDetails, fillOf } from './parts';
import { DataTable } from '../app/DataTable';
import './charts.css';

/** Days per category, stacked per checklist, with the threshold in days of each period as a dashed line. */
export function AbsenceChart({ data, thresholdPercent }: { data: AbsenceData; thresholdPercent: number }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const prefix = `ab${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const styles = data.categories.map((c, i) => absenceStyle(c.id, i));
  const percent = (value: number | null) => formatPercent(value, language);
  const yesNo = (flag: boolean | null) => (flag === null ? '—' : flag ? `⚠ ${t('common.yes')}` : t('common.no'));
  const rows = data.points.map((p, i) => ({ x: i, ...p.days, threshold: p.thresholdDays }));
  const maxDays = Math.max(1, ...data.points.map((p) => Math.max(p.totalDays, p.thresholdDays ?? 0)));
  const height = 300;
  const thresholdLabel = t('absence.thresholdLegend', { threshold: percent(thresholdPercent) });

  return (
    <figure className="chart" aria-labelledby={`${prefix}-title`}>
      <figcaption id={`${prefix}-title`} className="visually-hidden">
        {t('absence.caption')}
      </figcaption>
      <PatternDefs prefix={prefix} styles={styles} />
      <ChartLegend
        items={[
          ...data.categories.map((c, i) => ({ label: c.label, style: styles[i]!, kind: 'bar' as const, fill: fillOf(prefix, i, styles[i]!) })),
          { label: thresholdLabel, style: THRESHOLD_STYLE, kind: 'line' as const },
        ]}
      />
      {/* The drawing is for the eye; the summary and the table below carry the same numbers for everyone
          (recharts' keyboard layer is off, so nothing hidden takes focus). */}
      <div className="chart-frame" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
          <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#d5dcde" />
            <XAxis dataKey="x" type="category" tickFormatter={(i: number) => (data.points[i] ? formatDate(data.points[i].date, language) : '')} />
            <YAxis
              domain={[0, Math.ceil(maxDays)]}
              allowDecimals={false}
              width={56}
              label={{ value: t('absence.days'), angle: -90, position: 'insideLeft', offset: 12, fontSize: 13 }}
            />
            {data.categories.map((c, i) => (
              <Bar key={c.id} dataKey={c.id} name={c.label} stackId="days" fill={fillOf(prefix, i, styles[i]!)} stroke={styles[i]!.color} isAnimationActive={false} barSize={48} />
            ))}
            <Line
              dataKey="threshold"
              name={thresholdLabel}
              stroke={THRESHOLD_STYLE.color}
              strokeWidth={2}
              strokeDasharray={THRESHOLD_STYLE.dash.join(' ')}
              isAnimationActive={false}
              activeDot={false}
              connectNulls={false}
              dot={({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) =>
                cx === undefined || cy === undefined ? (
                  <g key={index} />
                ) : (
                  <Marker key={index} shape={THRESHOLD_STYLE.marker} cx={cx} cy={cy} size={10} color={THRESHOLD_STYLE.color} />
                )
              }
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ChartSummary lines={data.summary} />
      <TableDetails>
        <DataTable
          caption={t('absence.caption')}
          rows={data.points}
          rowKey={(p) => p.administrationId}
          rowProps={(p) => ({ 'data-administration': p.administrationId, className: p.problematicFlagged || p.totalFlagged ? 'is-flagged' : undefined })}
          columns={[
            { header: t('absence.checklist'), rowHeader: true, cell: (p) => formatDate(p.date, language) },
            { header: t('absence.period'), cell: (p) => (p.periodDays === null ? t('absence.noPeriod') : formatDays(p.periodDays, language)) },
            ...data.categories.map((c) => ({ key: c.id, header: c.label, cell: (p: AbsencePoint) => formatDays(p.days[c.id] ?? 0, language) })),
            { header: t('absence.total'), cell: (p) => formatDays(p.totalDays, language) },
            { header: t('absence.percent'), cell: (p) => percent(p.totalPercent) },
            { header: t('absence.problematicPercent'), cell: (p) => percent(p.problematicPercent) },
            { header: t('absence.threshold'), cell: (p) => (p.thresholdDays === null ? '—' : formatDays(p.thresholdDays, language, 2)) },
            { header: t('absence.totalFlag'), cell: (p) => (p.periodDays !== null && !p.thresholdForTotal ? t('absence.notCompared') : yesNo(p.totalFlagged)) },
            { header: t('absence.problematicFlag'), cell: (p) => yesNo(p.problematicFlagged) },
          ]}
        />
      </TableDetails>
    </figure>
  );
}
