import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { informantStyle, type InformantComparisonData, type InformantRow } from '../../charts';
import { formatDate, formatNumber, formatScore } from '../../format/locale';
import { CategoryTick, ChartLegend, ChartSummary, PatternDefs, ScoreText, TableDetails, fillOf, wrapLabel, type TickProps } from './parts';
import { DataTable } from '../app/DataTable';
import './charts.css';

/** Informants side by side at one time point; a flagged function gets ⚠ on its label and a note in the summary. */
export function InformantComparisonChart({ data }: { data: InformantComparisonData }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const prefix = `ic${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const styles = data.columns.map((c) => informantStyle(c.key));
  const rows = data.rows.map((r) =>
    Object.fromEntries([
      ['label', r.label],
      ...r.cells.flatMap((c) => [
        [c.key, c.score],
        [`${c.key}:text`, c.score === null ? t('common.missing') : `${formatScore(c.score, language)}${c.prorated ? '*' : ''}`],
      ]),
    ]),
  );
  const flagged = new Map(data.rows.map((r) => [r.label, r.flagged]));
  const height = data.rows.length * (data.columns.length * 16 + 26) + 40;
  const ticks = Array.from({ length: data.range.max - data.range.min + 1 }, (_, i) => data.range.min + i);
  const names = data.columns.map((c) => t(`informant.${c.key}`));

  return (
    <figure className="chart" aria-labelledby={`${prefix}-title`}>
      <figcaption id={`${prefix}-title`} className="visually-hidden">
        {t('informants.title')}
      </figcaption>
      <PatternDefs prefix={prefix} styles={styles} />
      <ChartLegend items={data.columns.map((_c, i) => ({ label: names[i]!, style: styles[i]!, kind: 'bar', fill: fillOf(prefix, i, styles[i]!) }))} />
      <div className="chart-frame" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
          <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 16, left: 8 }} barGap={2}>
            <CartesianGrid horizontal={false} stroke="#d5dcde" />
            <XAxis type="number" domain={[data.range.min, data.range.max]} ticks={ticks} allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="label"
              width={200}
              tick={({ x, y, payload }: TickProps) => {
                const label = String(payload.value);
                const flag = flagged.get(label);
                return <CategoryTick x={Number(x)} y={Number(y)} lines={wrapLabel(flag ? t('informants.flag', { label }) : label, 26)} strong={flag} />;
              }}
            />
            {data.columns.map((c, i) => (
              <Bar key={c.key} dataKey={c.key} name={names[i]} fill={fillOf(prefix, i, styles[i]!)} stroke={styles[i]!.color} isAnimationActive={false} barSize={13}>
                <LabelList dataKey={`${c.key}:text`} position="right" className="chart-value" />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="muted chart-note">{t('informants.margin', { margin: formatNumber(data.margin, language, 2), count: data.margin })}</p>
      <ChartSummary lines={data.summary} />
      <TableDetails>
        <DataTable
          caption={t('informants.caption', { date: formatDate(data.timePoint.start, language) })}
          rows={data.rows}
          rowKey={(r) => r.scaleId}
          rowProps={(r) => ({ 'data-scale': r.scaleId, className: r.flagged ? 'is-flagged' : undefined })}
          columns={[
            { header: t('informants.function'), rowHeader: true, cell: (r) => r.label },
            ...data.columns.map((column, i) => ({
              key: column.key,
              header: names[i],
              cell: (r: InformantRow) => {
                const c = r.cells[i]!;
                return (
                  <>
                    <ScoreText score={c.score} prorated={c.prorated} />
                    {c.primary && <span className="badge">{t('common.primary')}</span>}
                  </>
                );
              },
            })),
            { header: t('informants.difference', { margin: formatNumber(data.margin, language, 2) }), cell: (r) => (r.flagged ? `⚠ ${t('common.yes')}` : t('common.no')) },
          ]}
        />
        {data.rows.some((r) => r.cells.some((c) => c.prorated && c.score !== null)) && <p className="muted chart-note">{t('common.proratedNote')}</p>}
      </TableDetails>
    </figure>
  );
}
