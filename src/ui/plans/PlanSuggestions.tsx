import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import type { Language } from '../../instrument/schema';
import { planSuggestions, type PlanSuggestion } from '../../plan';
import { drivingProfile, drivingSummary, scoreAdministrations, summaryText } from '../../charts';
import type { AdministrationRecord } from '../../storage/records';
import { summaryFormat } from '../charts/summary-format';

/**
 * Starting points from the primary function(s) of the profile that drives the case
 * (src/charts/driving.ts): each suggestion can become a step (prefilled, then edited like any
 * other) or be set aside. Nothing is added on its own; with no primary there are none.
 */
export function PlanSuggestions({
  administrations,
  catalog,
  profileChoice,
  taken,
  onAccept,
}: {
  administrations: AdministrationRecord[];
  catalog: Catalog;
  profileChoice: string | undefined;
  /** Keys of the suggestions the plan's steps started from. */
  taken: ReadonlySet<string>;
  onAccept: (suggestion: PlanSuggestion) => void;
}) {
  const { t, i18n } = useTranslation('plans');
  const language = i18n.language as Language;
  const [ignored, setIgnored] = useState<string[]>([]);
  const choice = useMemo(() => drivingProfile(scoreAdministrations(administrations, catalog), profileChoice), [administrations, catalog, profileChoice]);
  const driving = choice.driving;
  const primary = driving && driving.combined.primary.length > 0 ? driving : null;
  const format = summaryFormat(i18n.getFixedT(i18n.language, 'charts'), language);

  return (
    <section className="panel plan-suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('suggestions.title')}</h2>
      {!driving ? (
        <p className="muted">{t('suggestions.none')}</p>
      ) : (
        <ul className="plain-list driving-summary" data-testid="driving-summary">
          {drivingSummary(choice, language).map((line, i) => (
            <li key={i} className={line.key.startsWith('summary.primaryStatus.') || line.key === 'summary.driving.notValidated' ? 'notice notice-warning' : undefined}>
              {summaryText(line, format)}
            </li>
          ))}
        </ul>
      )}
      {primary && (
        <>
          <p className="muted">{t('suggestions.intro')}</p>
          <ul className="plain-list suggestion-list">
            {planSuggestions(primary.definition, primary.combined.primary, language)
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
                          <button type="button" className="button" aria-describedby={textId} onClick={() => onAccept(s)}>
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
