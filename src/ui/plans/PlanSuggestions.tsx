import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import type { Language } from '../../instrument/schema';
import { casePrimaryFunctions, planSuggestions, type CompletedAdministration, type PlanSuggestion } from '../../plan';
import type { AdministrationRecord } from '../../storage/records';
import { LocalText } from '../app/LocalText';
import { formatDateTime } from '../../format/locale';

/**
 * Starting points from the case's primary function(s): each suggestion can become a step
 * (prefilled, then edited like any other) or be set aside. Nothing is added on its own.
 */
export function PlanSuggestions({ administrations, catalog, taken, onAccept }: { administrations: AdministrationRecord[]; catalog: Catalog; /** Keys of the suggestions the plan's steps started from. */ taken: ReadonlySet<string>; onAccept: (suggestion: PlanSuggestion) => void }) {
  const { t, i18n } = useTranslation('plans');
  const language = i18n.language as Language;
  const [ignored, setIgnored] = useState<string[]>([]);
  const primary = useMemo(() => {
    const completed = administrations.flatMap((a): CompletedAdministration[] => {
      const definition = catalog.find(`${a.instrumentId}@${a.instrumentVersion}`);
      return definition && a.completedAt ? [{ informant: a.informant, completedAt: a.completedAt, definition, answers: a.answers }] : [];
    });
    return casePrimaryFunctions(completed);
  }, [administrations, catalog]);

  return (
    <section className="panel plan-suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('suggestions.title')}</h2>
      {!primary ? (
        <p className="muted">{t('suggestions.none')}</p>
      ) : (
        <>
          <p>
            {t('suggestions.primary', { count: primary.primary.length })}{' '}
            {primary.primary.map((scale, i) => {
              const label = primary.definition.scales.find((s) => s.id === scale)?.label;
              return (
                <span key={scale}>
                  {i > 0 && ', '}
                  <strong>{label ? <LocalText text={label} language={language} /> : scale}</strong>
                </span>
              );
            })}{' '}
            <span className="muted">({t('suggestions.basis', { informants: primary.combined.informants.map((k) => t(`cases:informantKind.${k}`)).join(', '), date: formatDateTime(primary.latestAt, i18n.language) })})</span>
          </p>
          <p className="muted">{t('suggestions.intro')}</p>
          <ul className="plain-list suggestion-list">
            {planSuggestions(primary.definition, primary.primary, language)
              .filter((s) => !ignored.includes(s.key))
              .map((s) => {
                const textId = `suggestion-${s.key.replace(':', '-')}`;
                // Taken while a step of the plan (saved or not) started from it: never offered twice.
                const done = taken.has(s.key);
                return (
                  <li key={s.key} className="suggestion">
                    <p id={textId} lang={s.fallback ? 'en' : language}>
                      {s.text}
                    </p>
                    <div className="form-actions">
                      {done ? (
                        <span className="badge">{t('suggestions.accepted')}</span>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button"
                            aria-describedby={textId}
                            onClick={() => onAccept(s)}
                          >
                            {t('suggestions.accept')}
                          </button>
                          <button type="button" className="button" aria-describedby={textId} onClick={() => setIgnored([...ignored, s.key])}>
                            {t('suggestions.ignore')}
                          </button>
                        </>
                      )}
                    </div>
                  </li>
                );
              })}
          </ul>
          {ignored.length > 0 && (
            <button type="button" className="button" onClick={() => setIgnored([])}>
              {t('suggestions.showIgnored', { count: ignored.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
