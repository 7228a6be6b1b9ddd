import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { isLocalDate, isoWeek, type AttendanceChartData } from '../../plan';
import { formatDay, formatNumber } from '../../format/locale';
import { formatPercent } from '../../format/number';
import { DataTable } from '../app/DataTable';

/** Okabe–Ito: blue for attendance, vermillion for the threshold, orange for plan steps. */
const COLOURS = { rate: '#0072B2', threshold: '#D55E00', step: '#E69F00' };

/**
 * Weekly attendance with the threshold and the plan's steps marked. recharts only draws the data
 * (src/plan/attendance.ts); the summary and the table say the same in words for screen readers.
 */
export function AttendanceChart({ data, stepTitle }: { data: AttendanceChartData; stepTitle: (stepId: string) => string }) {
  const { t, i18n } = useTranslation('attendance');
  const language = i18n.language;
  const weekLabel = (p: { isoWeek: number }) => t('chart.weekShort', { week: p.isoWeek });
  const rows = data.points.map((p) => ({ ...p, label: weekLabel(p) }));
  const rated = data.points.filter((p) => p.rate !== null);
  const lowest = rated.reduce<(typeof rated)[number] | null>((a, p) => (!a || p.rate! < a.rate! ? p : a), null);
  const highest = rated.reduce<(typeof rated)[number] | null>((a, p) => (!a || p.rate! > a.rate! ? p : a), null);
  const latest = rated.at(-1);
  const over = rated.filter((p) => p.overThreshold).length;

  return (
    <figure className="attendance-chart" aria-labelledby="attendance-chart-title">
      <figcaption>
        <h3 id="attendance-chart-title">{t('chart.title')}</h3>
        <p className="chart-summary">
          {rated.length === 0
            ? t('chart.summaryEmpty')
            : t('chart.summary', {
                count: rated.length,
                lowest: formatPercent(lowest!.rate, language),
                lowestWeek: lowest!.isoWeek,
                highest: formatPercent(highest!.rate, language),
                highestWeek: highest!.isoWeek,
                latest: formatPercent(latest!.rate, language),
                latestWeek: latest!.isoWeek,
              })}{' '}
          {rated.length > 0 && t('chart.summaryOver', { count: over, threshold: formatNumber(data.thresholdPercent, language) })}{' '}
          {data.markers.length > 0 &&
            t('chart.summarySteps', { steps: data.markers.map((m) => t('chart.stepAt', { number: m.stepNumber, week: isoWeek(m.weekStart).week })).join(', ') })}
        </p>
      </figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart accessibilityLayer={false} data={rows} margin={{ top: 24, right: 24, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#dde3e5" />
            <XAxis dataKey="weekStart" tickFormatter={(v: string) => weekLabel(rows.find((r) => r.weekStart === v) ?? { isoWeek: 0 })} />
            <YAxis domain={data.domain} unit=" %" width={56} />
            <Tooltip
              formatter={(value) => formatPercent(typeof value === 'number' ? value : null, language)}
              labelFormatter={(v) => t('chart.weekOf', { date: isLocalDate(v) ? formatDay(v, language) : String(v) })}
            />
            <ReferenceLine
              y={data.thresholdRate}
              stroke={COLOURS.threshold}
              strokeDasharray="6 4"
              strokeWidth={2}
              label={{ value: t('chart.thresholdLine', { rate: formatNumber(data.thresholdRate, language) }), position: 'insideBottomLeft', fill: '#8a3a00', fontSize: 12 }}
            />
            {data.markers.map((m) => (
              <ReferenceLine
                key={m.stepId}
                x={m.weekStart}
                stroke={COLOURS.step}
                strokeWidth={2}
                label={{ value: t('chart.stepMarker', { number: m.stepNumber }), position: 'top', fill: '#6b4a00', fontSize: 12 }}
              />
            ))}
            {/* Weekly figures are points joined by straight lines: a smoothed curve would invent values between weeks. */}
            <Line
              type="linear"
              dataKey="rate"
              name={t('chart.rate')}
              stroke={COLOURS.rate}
              strokeWidth={1.5}
              dot={{ r: 5, fill: COLOURS.rate }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-legend">
        <span className="legend-swatch" style={{ background: COLOURS.rate }} /> {t('chart.rate')}
        <span className="legend-swatch legend-dashed" style={{ borderColor: COLOURS.threshold }} /> {t('chart.thresholdLegend')}
        <span className="legend-swatch" style={{ background: COLOURS.step }} /> {t('chart.stepLegend')}
      </p>
      <DataTable
        className="attendance-weeks"
        caption={t('chart.tableCaption')}
        captionHidden
        rows={data.points}
        rowKey={(p) => p.weekStart}
        columns={[
          {
            header: t('table.week'),
            rowHeader: true,
            cell: (p) => (
              <>
                {t('chart.week', { week: p.isoWeek })} <span className="muted">({formatDay(p.weekStart, language)})</span>
              </>
            ),
          },
          { header: t('table.step'), cell: (p) => (p.stepId ? `${p.stepNumber}. ${stepTitle(p.stepId)}` : '—') },
          { header: t('table.days'), cell: (p) => p.days },
          { header: t('table.rate'), cell: (p) => formatPercent(p.rate, language) },
          { header: t('table.threshold'), cell: (p) => (p.overThreshold === null ? '—' : t(p.overThreshold ? 'table.over' : 'table.under')) },
        ]}
      />
    </figure>
  );
}
