/**
 * /administrations/:administrationId — a draft is answered here (one item per screen for
 * self-report, the whole form for an interview, the paper grid for a paper form); a completed
 * administration shows its answers read-only.
 */
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition, Item, Language } from '../../instrument/schema';
import { answerOf, askedItems, askedRatings } from '../../instrument/flow';
import { indexDefinition, responseScaleFor } from '../../instrument/model';
import { localize } from '../../instrument/text';
import type { Answers } from '../../instrument/answers';
import type { AdministrationRecord } from '../../storage/records';
import { LocalText } from '../app/LocalText';
import { isLanguage } from '../i18n';
import { PaperEntry } from './PaperEntry';
import { Runner, answeredProgress } from './Runner';
import { useAdministration } from './use-administration';
import './administer.css';

export function AdministerPage() {
  const { t } = useTranslation('administer');
  const { administrationId = '' } = useParams();
  const state = useAdministration(administrationId);

  if (state.status === 'loading') {
    return (
      <section className="page">
        <p role="status">{t('common:app.loading')}</p>
      </section>
    );
  }
  if (state.status === 'missing') {
    return (
      <section className="page">
        <h1>{t('page.missingTitle')}</h1>
        <p className="lead">{t('page.missingText')}</p>
        <Link to="/">{t('page.toCases')}</Link>
      </section>
    );
  }
  if (state.status === 'no-definition') {
    const { record } = state;
    return (
      <section className="page">
        <BackToCase record={record} />
        <h1>{t('page.noDefinitionTitle')}</h1>
        <p className="notice notice-warning">{t('page.noDefinitionText', { ref: `${record.instrumentId}@${record.instrumentVersion}` })}</p>
      </section>
    );
  }
  return <Administration record={state.record} definition={state.definition} newer={state.newer} hashMatches={state.hashMatches} />;
}

function BackToCase({ record }: { record: AdministrationRecord }) {
  const { t } = useTranslation('administer');
  return (
    <p>
      <Link to={`/cases/${record.caseId}`}>← {t('page.backToCase')}</Link>
    </p>
  );
}

function useInterfaceLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

function Administration({
  record,
  definition,
  newer,
  hashMatches,
}: {
  record: AdministrationRecord;
  definition: InstrumentDefinition;
  newer: InstrumentDefinition | undefined;
  hashMatches: boolean | undefined;
}) {
  const { t } = useTranslation(['administer', 'cases']);
  const navigate = useNavigate();
  const interfaceLanguage = useInterfaceLanguage();
  const { answered, total } = answeredProgress(definition, record.answers);
  const complete = record.status === 'complete';
  const ref = `${definition.id}@${definition.version}`;

  return (
    <article className="page administer" aria-labelledby="administer-title">
      <BackToCase record={record} />
      <header className="administer-header">
        <h1 id="administer-title">
          <LocalText text={definition.title} language={interfaceLanguage} />
        </h1>
        <dl className="facts facts-wide administer-facts">
          <div>
            <dt>{t('page.informant')}</dt>
            <dd>{t(`informant.${record.informant}`)}</dd>
          </div>
          <div>
            <dt>{t('page.questionnaireLanguage')}</dt>
            <dd>{t(`common:languageNames.${record.language}`)}</dd>
          </div>
          <div>
            <dt>{t('page.mode')}</dt>
            <dd>{t(`cases:mode.${record.mode}`)}</dd>
          </div>
          <div>
            <dt>{t('page.status')}</dt>
            <dd>
              {complete ? <span className="badge">{t('page.statusComplete')}</span> : <span className="badge badge-muted">{t('page.statusDraft')}</span>}{' '}
              {t('page.progress', { answered, total })}
            </dd>
          </div>
        </dl>
      </header>

      {newer && <p className="notice">{t(complete ? 'page.newerComplete' : 'page.newerDraft', { newer: newer.version, version: definition.version })}</p>}
      {hashMatches === false && (
        <p className="notice notice-warning" role="note">
          {t('page.hashMismatch', { ref })}
        </p>
      )}
      {complete && record.completedWithMissing && <p className="notice notice-warning">{t('page.completedWithMissing')}</p>}

      {complete ? (
        <Summary record={record} definition={definition} />
      ) : record.mode === 'paper' ? (
        <PaperEntry record={record} definition={definition} />
      ) : (
        <>
          <p className="muted administer-autosave">{t('page.autosave')}</p>
          <Runner
            key={record.id}
            record={record}
            definition={definition}
            layout={record.mode === 'interview' ? 'whole-form' : 'one-per-screen'}
            onCompleted={() => void navigate(`/cases/${record.caseId}`)}
          />
        </>
      )}
    </article>
  );
}

/** The answers of a completed administration, read-only, in the language they were given in. */
function Summary({ record, definition }: { record: AdministrationRecord; definition: InstrumentDefinition }) {
  const { t, i18n } = useTranslation('administer');
  const asked = new Set(askedItems(definition, record.answers).map((item) => item.id));
  return (
    <section aria-labelledby="summary-title" className="administer-summary">
      <h2 id="summary-title">{t('summary.title')}</h2>
      {record.completedAt && (
        <p className="muted">{t('summary.completedAt', { date: new Date(record.completedAt).toLocaleString(i18n.language, { dateStyle: 'long', timeStyle: 'short' }) })}</p>
      )}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('summary.number')}</th>
            <th scope="col">{t('summary.question')}</th>
            <th scope="col">{t('summary.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {definition.items.map((item) => (
            <tr key={item.id} data-item={item.id}>
              <td>{item.number}</td>
              <td>
                {item.text ? <LocalText text={item.text} language={record.language} /> : <span className="muted">{t('runner.itemWithoutText', { number: item.number })}</span>}
              </td>
              <td>
                {asked.has(item.id) ? (
                  <AnswerSummary definition={definition} item={item} answers={record.answers} language={record.language} />
                ) : (
                  <span className="muted">{t('summary.notAsked')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to={`/cases/${record.caseId}`}>← {t('page.backToCase')}</Link>
      </p>
    </section>
  );
}

function AnswerSummary({ definition, item, answers, language }: { definition: InstrumentDefinition; item: Item; answers: Answers; language: Language }) {
  const { t, i18n } = useTranslation('administer');
  const index = indexDefinition(definition);
  const lines = askedRatings(definition, item, answers).map((rating) => {
    const value = answerOf(answers, item.id, rating?.id);
    const scale = responseScaleFor(index, item, rating?.id);
    let text: string;
    let textLanguage: Language | undefined = language;
    if (value === null || !scale) {
      text = t('summary.noAnswer');
      textLanguage = undefined;
    } else if (scale.type === 'ordinal') {
      const option = scale.options.find((o) => o.value === value);
      text = option ? `${value} – ${localize(option.label, language).text}` : String(value);
    } else {
      const number = value.toLocaleString(i18n.language);
      text = scale.unit ? `${number} ${localize(scale.unit, language).text}` : number;
    }
    return { key: rating?.id ?? 'answer', label: rating ? localize(rating.label, language).text : null, text, textLanguage, missing: value === null };
  });
  return (
    <ul className="plain-list">
      {lines.map((line) => (
        <li key={line.key}>
          {line.label && <span lang={language}>{line.label}: </span>}
          <span lang={line.textLanguage} className={line.missing ? 'muted' : undefined}>
            {line.text}
          </span>
        </li>
      ))}
    </ul>
  );
}
