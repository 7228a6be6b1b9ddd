import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { RATING_STYLES, type QualityFunctionData, type QualityGroup, type QualityScale } from '../../charts';
import { formatDate, formatNumber, formatScore } from '../../format/locale';
import { CategoryTick, ChartLegend, ChartSummary, PatternDefs, ScoreText, TableDetails, fillOf, wrapLabel, type TickProps } from './parts';
import { DataTable, WithBadge } from '../app/DataTable';
import './charts.css';

/** Intensity and impact per scale, one small chart per group of the instrument; ▲ marks a scale high on both. */
export function QualityFunctionChart({ data }: { data: QualityFunctionData }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const prefix = `qf${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const styles = data.ratings.map((_, i) => RATING_STYLES[i % RATING_STYLES.length]!);
  const who = t(`informant.${data.informant}`);
  const date = formatDate(data.date, language);

  return (
    <figure className="chart" aria-labelledby={`${prefix}-title`}>
      <figcaption id={`${prefix}-title`} className="visually-hidden">
        {t('quality.caption', { informant: who, date })}
      </figcaption>
      <PatternDefs prefix={prefix} styles={styles} />
      <ChartLegend items={[...data.ratings.map((r, i) => ({ label: r.label, style: styles[i]!, kind: 'bar' as const, fill: fillOf(prefix, i, styles[i]!) }))]} />
      <p className="muted chart-note">
        {t('quality.highMark')} · {data.ratings[0] && t('quality.midpoint', { value: formatNumber(data.ratings[0].midpoint, language, 2) })}
      </p>
      {data.groups.map((group) => (
        <GroupChart key={group.groupId ?? 'none'} group={group} data={data} prefix={prefix} />
      ))}
      <ChartSummary lines={data.summary} />
      <TableDetails>
        <DataTable
          caption={t('quality.caption', { informant: who, date })}
          rows={data.groups.flatMap((g) => g.scales.map((s) => ({ ...s, group: g.label })))}
          rowKey={(s) => s.scaleId}
          rowProps={(s) => ({ 'data-scale': s.scaleId, className: s.highOnBoth ? 'is-flagged' : undefined })}
          columns={[
            { header: t('quality.group'), cell: (s) => s.group ?? t('quality.ungrouped') },
            { header: t('quality.scale'), rowHeader: true, cell: (s) => <WithBadge text={s.label} badge={s.primary && t('common.primary')} /> },
            ...data.ratings.map((r) => ({
              key: r.id,
              header: r.label,
              cell: (s: QualityScale) => <ScoreText score={s.values[r.id]!.score} prorated={s.values[r.id]!.prorated} />,
            })),
            { header: t('quality.highOnBoth'), cell: (s) => (s.highOnBoth ? `▲ ${t('common.yes')}` : t('common.no')) },
          ]}
        />
        {data.groups.some((g) => g.scales.some((s) => Object.values(s.values).some((v) => v.prorated && v.score !== null))) && (
          <p className="muted chart-note">{t('common.proratedNote')}</p>
        )}
      </TableDetails>
    </figure>
  );
}

function GroupChart({ group, data, prefix }: { group: QualityGroup; data: QualityFunctionData; prefix: string }) {
  const { t, i18n } = useTranslation('charts');
  const language = i18n.language;
  const styles = data.ratings.map((_, i) => RATING_STYLES[i % RATING_STYLES.length]!);
  // Values and their printed labels ("0" is drawn as a label too: a zero is an answer, unlike a missing score).
  const rows = group.scales.map((s) =>
    Object.fromEntries([
      ['label', s.label],
      ...data.ratings.flatMap((r) => {
        const score = s.values[r.id]!.score;
        return [
          [r.id, score],
          [`${r.id}:text`, score === null ? t('common.missing') : `${formatScore(score, language)}${s.values[r.id]!.prorated ? '*' : ''}`],
        ];
      }),
    ]),
  );
  const high = new Map(group.scales.map((s) => [s.label, s.highOnBoth]));
  const range = data.ratings[0]?.range ?? { min: 0, max: 4 };
  const ticks = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
  const height = group.scales.length * (data.ratings.length * 15 + 30) + 36;
  return (
    <section className="chart-group" aria-label={group.label ?? t('quality.ungrouped')}>
      <h4>{group.label ?? t('quality.ungrouped')}</h4>
      <div className="chart-frame" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
          <BarChart accessibilityLayer={false} data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 8, left: 8 }} barGap={2}>
            <CartesianGrid horizontal={false} stroke="#d5dcde" />
            <XAxis type="number" domain={[range.min, range.max]} ticks={ticks} allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="label"
              width={200}
              tick={({ x, y, payload }: TickProps) => {
                const label = String(payload.value);
                return (
                  <CategoryTick x={Number(x)} y={Number(y)} lines={wrapLabel(label, 26)} note={high.get(label) ? t('quality.highMark') : undefined} strong={high.get(label)} />
                );
              }}
            />
            {data.ratings[0] && <ReferenceLine x={data.ratings[0].midpoint} stroke="#000000" strokeDasharray="4 3" />}
            {data.ratings.map((r, i) => (
              <Bar key={r.id} dataKey={r.id} name={r.label} fill={fillOf(prefix, i, styles[i]!)} stroke={styles[i]!.color} isAnimationActive={false} barSize={12} minPointSize={2}>
                <LabelList dataKey={`${r.id}:text`} position="right" className="chart-value" />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
