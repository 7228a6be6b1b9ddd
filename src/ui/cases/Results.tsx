import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition, Language } from '../../instrument/schema';
import { indexDefinition } from '../../instrument/model';
import { localize } from '../../instrument/text';
import { score } from '../../scoring/score';
import type { ScaleScore, ScoreOptions, ScoreReport } from '../../scoring/types';
import { formatAnswerProblem } from '../../scoring/messages';
import type { AdministrationRecord } from '../../storage/records';
import { formatNumber, formatScore } from '../../format/locale';
import { formatDays, formatPercent } from '../../format/number';
import { absenceFlagLines, administrationDate, functionProfile, primaryStatusLines, statusOf, summaryText } from '../../charts';
import { useSummaryFormat } from '../charts/summary-format';
import { DataTable, WithBadge } from '../app/DataTable';
import { FunctionProfileChart } from '../charts/FunctionProfileChart';

interface Props {
  record: AdministrationRecord;
  definition: InstrumentDefinition;
  /** The absence threshold chosen in settings (absenceThresholdOptions). */
  threshold: Pick<ScoreOptions, 'absenceThresholdPercent' | 'absenceThresholdProblematicOnly'>;
}

/** The results of a completed administration: score table, primary scale(s), interpretation texts. */
export function Results({ record, definition, threshold }: Props) {
  const { t, i18n } = useTranslation(['cases', 'validation']);
  const language = i18n.language as Language;
  const format = useSummaryFormat();
  const result = score(definition, record.answers, threshold);
  if (!result.ok) {
    // Stored answers that no longer fit (should not happen: the definition is pinned by version and hash).
    return (
      <div role="alert" className="alert alert-error">
        <p>{t('results.invalidAnswers')}</p>
        <ul>
          {result.errors.map((e, i) => (
            <li key={i}>{formatAnswerProblem(e, i18n.getResourceBundle(i18n.language, 'validation') as Record<string, string>)}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { report } = result;
  const index = indexDefinition(definition);
  const label = (scaleId: string) => {
    const scale = index.scales.get(scaleId);
    return scale ? localize(scale.label, language).text : scaleId;
  };
  const primaryLabels = report.primary.map(label);
  // Function-style forms only (function forms, SRAS-R keys); null for the others.
  const profile = functionProfile({ administration: record, definition, report, date: administrationDate(record) }, language);

  return (
    <div className="results">
      {(record.completedWithMissing || !report.complete) && (
        <p className="notice notice-warning">{t('results.missing', { count: report.missingItems.length, items: missingNumbers(definition, report) })}</p>
      )}
      {definition.scales.length > 0 && <ScoreTable definition={definition} report={report} language={language} />}
      {report.ranking &&
        (primaryLabels.length > 0 ? (
          <p className="primary-line">
            <strong>{t('results.primary', { count: report.primary.length })}</strong> {primaryLabels.join(', ')}
            {report.ranking.rating && ` (${ratingLabel(definition, report.ranking.rating, language)})`}
            {report.primary.length > 1 && <span className="muted"> {t('results.tie', { margin: formatNumber(report.ranking.tieMargin, language, 2) })}</span>}
          </p>
        ) : null)}
      {report.ranking &&
        primaryStatusLines(statusOf(report), label).map((line) => (
          <p key={line.key} className={report.primary.length > 0 ? 'notice notice-warning primary-status' : 'primary-line primary-status'}>
            {summaryText(line, format)}
          </p>
        ))}
      {report.ranking && !definition.validated && <p className="notice notice-warning">{t('common:preview.notValidatedNotice')}</p>}
      {profile && <FunctionProfileChart data={profile} />}
      {report.classification && <AbsenceTable definition={definition} report={report} language={language} />}
      <Interpretations definition={definition} report={report} language={language} />
    </div>
  );
}

function missingNumbers(definition: InstrumentDefinition, report: ScoreReport): string {
  const index = indexDefinition(definition);
  return [...new Set(report.missingItems.map((key) => index.items.get(key.split('.')[0]!)?.number ?? key))].join(', ');
}

function ratingLabel(definition: InstrumentDefinition, ratingId: string, language: Language): string {
  const rating = definition.ratingSets?.flatMap((s) => s.ratings).find((r) => r.id === ratingId);
  return rating ? localize(rating.label, language).text : ratingId;
}

function ScoreTable({ definition, report, language }: { definition: InstrumentDefinition; report: ScoreReport; language: Language }) {
  const { t } = useTranslation('cases');
  const ratings = [...new Set(report.scales.map((s) => s.rating))];
  const multi = ratings.length > 1 || ratings[0] !== undefined;
  const groups = new Map((definition.groups ?? []).map((g) => [g.id, localize(g.label, language).text]));
  const cell = (s: ScaleScore | undefined) =>
    s ? (
      <>
        <span className="score">{formatScore(s.score, language)}</span>
        {s.prorated && <span className="badge badge-warning">{t('results.prorated')}</span>}
      </>
    ) : (
      '—'
    );
  const rows = definition.scales.map((scale) => ({ scale, scores: report.scales.filter((s) => s.id === scale.id) }));
  return (
    <DataTable
      className="score-table"
      caption={t('results.caption')}
      captionHidden
      rows={rows}
      rowKey={({ scale }) => scale.id}
      rowProps={({ scale }) => ({ 'data-scale': scale.id, className: report.primary.includes(scale.id) ? 'is-primary' : undefined })}
      columns={[
        {
          header: t('results.scale'),
          rowHeader: true,
          cell: ({ scale }) => <WithBadge text={localize(scale.label, language).text} badge={report.primary.includes(scale.id) && t('results.primaryBadge')} />,
        },
        groups.size > 0 && { header: t('results.group'), cell: ({ scale }) => (scale.group ? groups.get(scale.group) : '—') },
        ...(multi
          ? ratings.map((r) => ({
              key: r,
              header: r ? ratingShort(definition, r, language) : t('results.score'),
              cell: ({ scores }: (typeof rows)[number]) => cell(scores.find((s) => s.rating === r)),
            }))
          : [{ header: t('results.score'), cell: ({ scores }: (typeof rows)[number]) => cell(scores[0]) }]),
        { header: t('results.answered'), cell: ({ scores: [first] }) => (first ? t('results.answeredOf', { answered: first.answered, items: first.items }) : '—') },
      ]}
    />
  );
}

/** Column headings for ratings: the rating's id is a stable short name; its label is a question. */
function ratingShort(definition: InstrumentDefinition, ratingId: string, language: Language): string {
  const scale = definition.ratingSets?.flatMap((s) => s.ratings).find((r) => r.id === ratingId)?.responseScale;
  const responseScale = scale ? definition.responseScales.find((s) => s.id === scale) : undefined;
  return responseScale?.label ? localize(responseScale.label, language).text : ratingLabel(definition, ratingId, language);
}

function AbsenceTable({ definition, report, language }: { definition: InstrumentDefinition; report: ScoreReport; language: Language }) {
  const { t } = useTranslation('cases');
  const format = useSummaryFormat();
  const classification = report.classification!;
  const categories = new Map((definition.classification?.categories ?? []).map((c) => [c.id, localize(c.label, language).text]));
  return (
    <>
      <DataTable
        className="absence-table"
        caption={t('results.absenceCaption')}
        captionHidden
        rows={classification.categories}
        rowKey={(c) => c.id}
        rowProps={(c) => ({ 'data-category': c.id, className: classification.dominant.includes(c.id) ? 'is-primary' : undefined })}
        columns={[
          {
            header: t('results.category'),
            rowHeader: true,
            cell: (c) => <WithBadge text={categories.get(c.id) ?? c.id} badge={classification.dominant.includes(c.id) && t('results.dominant')} />,
          },
          { header: t('results.days'), cell: (c) => formatDays(c.days, language), numeric: true },
          { header: t('results.percentOfPeriod'), cell: (c) => formatPercent(c.percent, language), numeric: true },
        ]}
      />
      {absenceFlagLines(classification).map((line) => (
        <p key={line.key} className={line.key.endsWith('.above') ? 'notice notice-warning' : 'notice'} data-flag={line.key.split('.')[2]}>
          {summaryText(line, format)}
        </p>
      ))}
    </>
  );
}

function Interpretations({ definition, report, language }: { definition: InstrumentDefinition; report: ScoreReport; language: Language }) {
  const { t } = useTranslation('cases');
  const targets = new Set([...report.primary, ...(report.classification?.dominant ?? [])]);
  const entries = (definition.interpretations ?? []).filter((e) => targets.has(e.scale ?? e.category ?? ''));
  if (entries.length === 0) return null;
  return (
    <div className="interpretations">
      <h4>{t('results.interpretation')}</h4>
      {entries.map((entry, i) => (
        <div key={i} className="interpretation">
          <p>{localize(entry.text, language).text}</p>
          {entry.suggestions && (
            <>
              <p className="muted">{t('results.suggestions')}</p>
              <ul>
                {entry.suggestions.map((s, k) => (
                  <li key={k}>{localize(s, language).text}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
