import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { referenceOf, type Catalog } from '../../instrument/catalog';
import { LANGUAGES, type Condition, type InstrumentDefinition, type Item, type Language, type ResponseScale } from '../../instrument/schema';
import { describeAllowedValues, indexDefinition, ratingsOf } from '../../instrument/model';
import { itemNumbers } from '../../instrument/describe';
import { localize } from '../../instrument/text';
import { deletePack, packUsage, setRetired } from '../../storage/packs';
import { isLanguage } from '../i18n';
import { useDatabase } from '../app/database-context';
import { usePack } from '../app/reads';
import { LocalText } from '../app/LocalText';
import { DataTable } from '../app/DataTable';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { useCatalogState } from './catalog-context';
import { CatalogGate } from './CatalogGate';
import { InstrumentBadges, isRetiredHere } from './LibraryPage';

export function PreviewPage() {
  const { t } = useTranslation(['common', 'library']);
  const { id = '', version = '' } = useParams();
  const state = useCatalogState();
  return (
    <CatalogGate state={state}>
      {(catalog) => {
        const definition = catalog.find(`${id}@${version}`);
        if (!definition) {
          return (
            <section className="page">
              <h1>{t('app.notFound')}</h1>
              <Link to="/instruments">{t('app.backToLibrary')}</Link>
            </section>
          );
        }
        return <Preview definition={definition} catalog={catalog} />;
      }}
    </CatalogGate>
  );
}

/** The language the questionnaire is shown in: independent of the interface language (?lang=sv). */
function useContentLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation(['common', 'library']);
  const [params, setParams] = useSearchParams();
  const requested = params.get('lang');
  const language = isLanguage(requested) ? requested : (i18n.language as Language);
  return [language, (next) => setParams({ lang: next }, { replace: true })];
}

function Preview({ definition, catalog }: { definition: InstrumentDefinition; catalog: Catalog }) {
  const { t } = useTranslation(['common', 'library']);
  const [language, setLanguage] = useContentLanguage();
  const index = indexDefinition(definition);
  const text = (value: Parameters<typeof localize>[0]) => localize(value, language).text;
  const conditionWords = useConditionText(definition, language);
  // When every item is answered the same way, say it once instead of on every row.
  const sharedAnswerKind = new Set(definition.items.map((item) => item.ratingSet ?? item.responseScale)).size === 1;

  return (
    <article className="page preview" aria-labelledby="preview-title">
      <p>
        <Link to="/instruments">← {t('app.backToLibrary')}</Link>
      </p>
      <h1 id="preview-title">
        <LocalText text={definition.title} language={language} />
      </h1>
      <InstrumentBadges definition={definition} catalog={catalog} />

      <fieldset className="segmented">
        <legend>{t('preview.contentLanguage')}</legend>
        {LANGUAGES.map((option) => (
          <label key={option} className={option === language ? 'selected' : undefined}>
            <input type="radio" name="content-language" value={option} checked={option === language} onChange={() => setLanguage(option)} />
            <span lang={option}>{t(`languages.${option}`)}</span>
          </label>
        ))}
      </fieldset>

      <LocalText as="p" text={definition.description} language={language} />
      {definition.transcriptionKey ? (
        <p className="notice">{t('preview.keyNotice')}</p>
      ) : (
        !definition.validated && <p className="notice notice-warning">{t('preview.notValidatedNotice')}</p>
      )}

      <section aria-labelledby="about-title">
        <h2 id="about-title">{t('preview.about')}</h2>
        <dl className="facts facts-wide">
          <div>
            <dt>{t('preview.id')}</dt>
            <dd>
              <code>{definition.id}</code>
            </dd>
          </div>
          <div>
            <dt>{t('preview.version')}</dt>
            <dd>{definition.version}</dd>
          </div>
          <div>
            <dt>{t('preview.status')}</dt>
            <dd>{t(`status.${definition.status}`)}</dd>
          </div>
          <div>
            <dt>{t('preview.informant')}</dt>
            <dd>{t(`informant.${definition.informant}`)}</dd>
          </div>
          <div>
            <dt>{t('preview.url')}</dt>
            <dd>
              <code>{definition.url}</code>
            </dd>
          </div>
          <div>
            <dt>{t('preview.licence')}</dt>
            <dd>
              {definition.licence.name}
              {definition.licence.text && (
                <>
                  {' '}
                  <LocalText text={definition.licence.text} language={language} />
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('preview.attribution')}</dt>
            <dd>
              <LocalText text={definition.attribution} language={language} />
            </dd>
          </div>
        </dl>
      </section>

      <DeviceSection definition={definition} catalog={catalog} />

      {definition.instructions && (
        <section aria-labelledby="instructions-title">
          <h2 id="instructions-title">{t('preview.instructions')}</h2>
          <LocalText as="p" text={definition.instructions} language={language} />
        </section>
      )}

      <section aria-labelledby="items-title">
        <h2 id="items-title">{t('preview.items')}</h2>
        {sharedAnswerKind && (
          <div className="shared-answer-kind">
            {t('preview.allItemsAnsweredOn')} <AnswerKind definition={definition} item={definition.items[0]!} language={language} />
          </div>
        )}
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('preview.itemNumber')}</th>
              <th scope="col">{t('preview.itemText')}</th>
              {!sharedAnswerKind && <th scope="col">{t('preview.answeredOn')}</th>}
            </tr>
          </thead>
          <tbody>
            {definition.items.map((item) => (
              <tr key={item.id} data-item={item.id}>
                <td>{item.number}</td>
                <td>
                  {item.text ? <LocalText text={item.text} language={language} /> : <span className="muted">{t('preview.noText', { number: item.number })}</span>}
                  <ItemFlags definition={definition} item={item} language={language} />
                </td>
                {!sharedAnswerKind && (
                  <td>
                    <AnswerKind definition={definition} item={item} language={language} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {definition.ratingSets && definition.ratingSets.length > 0 && (
        <section aria-labelledby="ratings-title">
          <h2 id="ratings-title">{t('preview.ratings')}</h2>
          {definition.ratingSets.map((set) => (
            <ol key={set.id} className="ratings">
              {set.ratings.map((rating) => (
                <li key={rating.id}>
                  <LocalText as="strong" text={rating.label} language={language} /> {describeRange(definition, rating.responseScale)}
                  {rating.condition && (
                    <p className="muted">
                      {rating.skippedValue === undefined
                        ? t('preview.ratingAskedWhenNoValue', conditionWords(rating.condition, definition.items[0]!))
                        : t('preview.ratingAskedWhen', { ...conditionWords(rating.condition, definition.items[0]!), skipped: rating.skippedValue.toLocaleString(language) })}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          ))}
        </section>
      )}

      <section aria-labelledby="response-scales-title">
        <h2 id="response-scales-title">{t('preview.responseScales')}</h2>
        {definition.responseScales.map((scale) => (
          <ResponseScaleView key={scale.id} scale={scale} language={language} />
        ))}
      </section>

      {definition.scales.length > 0 && (
        <section aria-labelledby="scales-title">
          <h2 id="scales-title">{t('preview.scales')}</h2>
          <DataTable
            caption={t('preview.scales')}
            captionHidden
            rows={definition.scales}
            rowKey={(scale) => scale.id}
            rowProps={(scale) => ({ 'data-scale': scale.id })}
            columns={[
              {
                header: t('preview.scale'),
                cell: (scale) => (
                  <>
                    <LocalText as="strong" text={scale.label} language={language} />
                    {scale.description && <LocalText as="p" text={scale.description} language={language} />}
                  </>
                ),
              },
              {
                header: t('preview.group'),
                cell: (scale) => {
                  const group = definition.groups?.find((g) => g.id === scale.group);
                  return group ? <LocalText text={group.label} language={language} /> : '—';
                },
              },
              { header: t('preview.scaleItems'), cell: (scale) => itemNumbers(definition, scale.items).join(', ') },
              {
                header: t('preview.method'),
                cell: (scale) => (
                  <>
                    {t(scale.method === 'mean' ? 'preview.methodMean' : 'preview.methodSum')}
                    <br />
                    <span className="muted">{t('preview.minAnswered', { min: scale.minAnswered, count: scale.items.length })}</span>
                  </>
                ),
              },
            ]}
          />
        </section>
      )}

      {definition.profile && (
        <section aria-labelledby="profile-title">
          <h2 id="profile-title">{t('preview.profile')}</h2>
          <p>{t('preview.profileRanking', { margin: definition.profile.tieMargin.toLocaleString(language) })}</p>
          {definition.profile.rating && <p>{t('preview.profileRankingRating', { rating: ratingLabel(definition, definition.profile.rating, language) })}</p>}
          {definition.profile.combination && (
            <p>
              {t('preview.profileCombination', {
                informants: definition.profile.combination.informants.map((i) => t(`informant.${i}`)).join(' + '),
              })}{' '}
              {t(definition.profile.combination.parents === 'average-first' ? 'preview.parentsAverageFirst' : 'preview.parentsSeparately')}
            </p>
          )}
        </section>
      )}

      {definition.classification && (
        <section aria-labelledby="classification-title">
          <h2 id="classification-title">{t('preview.classification')}</h2>
          <p>
            {t('preview.threshold', {
              percent: definition.classification.threshold.percent.toLocaleString(language),
              basis: t(`preview.basis.${definition.classification.threshold.basis}`),
            })}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('preview.category')}</th>
                <th scope="col">{t('preview.reasons')}</th>
                <th scope="col">{t('preview.problematic')}</th>
              </tr>
            </thead>
            <tbody>
              {definition.classification.categories.map((category) => (
                <tr key={category.id} data-category={category.id}>
                  <td>
                    <LocalText as="strong" text={category.label} language={language} />
                    {category.description && <LocalText as="p" text={category.description} language={language} />}
                  </td>
                  <td>{itemNumbers(definition, category.reasons).join(', ')}</td>
                  <td>{t(category.problematic ? 'preview.yes' : 'preview.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {definition.interpretations && definition.interpretations.length > 0 && (
        <section aria-labelledby="interpretations-title">
          <h2 id="interpretations-title">{t('preview.interpretations')}</h2>
          {definition.interpretations.map((entry, i) => {
            const target = entry.scale
              ? index.scales.get(entry.scale)?.label
              : definition.classification?.categories.find((c) => c.id === entry.category)?.label;
            return (
              <div key={i} className="interpretation">
                <h3>{t('preview.interpretationFor', { target: target ? text(target) : '' })}</h3>
                <LocalText as="p" text={entry.text} language={language} />
                {entry.suggestions && (
                  <>
                    <p className="muted">{t('preview.suggestions')}</p>
                    <ul>
                      {entry.suggestions.map((s, k) => (
                        <li key={k}>
                          <LocalText text={s} language={language} />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            );
          })}
        </section>
      )}

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t('preview.notes')}</h2>
        <ul className="notes">
          {definition.notes.map((note, i) => (
            <li key={i} className={`note note-${note.kind}`}>
              <span className="badge">{t(`preview.noteKind.${note.kind}`)}</span> <LocalText text={note.text} language={language} />
              {note.source && <span className="muted"> {t('preview.source', { source: note.source })}</span>}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

function ratingLabel(definition: InstrumentDefinition, ratingId: string, language: Language): string {
  const rating = definition.ratingSets?.flatMap((set) => set.ratings).find((r) => r.id === ratingId);
  return rating ? localize(rating.label, language).text : ratingId;
}

/** "0–6 (never … always)" style: the values, with the scale's name when it has one. */
function describeRange(definition: InstrumentDefinition, responseScaleId: string): string {
  const scale = indexDefinition(definition).responseScales.get(responseScaleId);
  return scale ? `(${describeAllowedValues(scale)})` : '';
}

function AnswerKind({ definition, item, language }: { definition: InstrumentDefinition; item: Item; language: Language }) {
  const index = indexDefinition(definition);
  const ratings = ratingsOf(index, item);
  if (ratings === null) return <span>{describeRange(definition, item.responseScale ?? '')}</span>;
  return (
    <ul className="plain-list">
      {ratings.map((rating) => (
        <li key={rating.id}>
          <LocalText text={rating.label} language={language} /> {describeRange(definition, rating.responseScale)}
        </li>
      ))}
    </ul>
  );
}

function useConditionText(definition: InstrumentDefinition, language: Language) {
  const { t } = useTranslation(['common', 'library']);
  const index = indexDefinition(definition);
  return (condition: Condition, ownItem: Item): { target: string; op: string; value: string } => {
    const target = index.items.get(condition.item ?? ownItem.id);
    const ratingName = condition.rating ? ratingLabel(definition, condition.rating, language) : '';
    const targetName = condition.item === undefined ? ratingName : `${t('preview.itemText')} ${target?.number ?? condition.item}${ratingName ? ` (${ratingName})` : ''}`;
    return { target: targetName, op: t(`preview.ops.${condition.op}`), value: condition.value.toLocaleString(language) };
  };
}

function ItemFlags({ definition, item, language }: { definition: InstrumentDefinition; item: Item; language: Language }) {
  const { t } = useTranslation(['common', 'library']);
  const conditionText = useConditionText(definition, language);
  const index = indexDefinition(definition);
  const flags: string[] = [];
  if (item.reverse) flags.push(t('preview.reverse'));
  if (item.required === false) flags.push(t('preview.optional'));
  if (item.alternativeTo) flags.push(t('preview.alternativeTo', { number: index.items.get(item.alternativeTo)?.number ?? item.alternativeTo }));
  if (item.condition) flags.push(t('preview.askedWhen', conditionText(item.condition, item)));
  if (flags.length === 0) return null;
  return (
    <ul className="item-flags">
      {flags.map((flag) => (
        <li key={flag}>{flag}</li>
      ))}
    </ul>
  );
}

function ResponseScaleView({ scale, language }: { scale: ResponseScale; language: Language }) {
  const { t } = useTranslation(['common', 'library']);
  if (scale.type === 'count') {
    const numbers = { min: scale.min.toLocaleString(language), max: scale.max.toLocaleString(language), step: scale.step.toLocaleString(language) };
    return (
      <div className="response-scale" data-response-scale={scale.id}>
        <h3>{scale.label ? <LocalText text={scale.label} language={language} /> : <code>{scale.id}</code>}</h3>
        <p>
          {t(scale.step === 1 ? 'preview.countScale' : 'preview.countScaleStep', numbers)}
          {scale.unit && (
            <>
              {' '}
              (<LocalText text={scale.unit} language={language} />)
            </>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="response-scale" data-response-scale={scale.id}>
      <h3>
        <code>{scale.id}</code>
      </h3>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">{t('preview.value')}</th>
            <th scope="col">{t('preview.label')}</th>
          </tr>
        </thead>
        <tbody>
          {scale.options.map((option) => (
            <tr key={option.value}>
              <td>{option.value}</td>
              <td>
                <LocalText text={option.label} language={language} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Where this version came from, how many administrations on this device use it, and the
 * controls to retire it (or take it back into use) and to delete an imported pack nobody uses.
 */
function DeviceSection({ definition, catalog }: { definition: InstrumentDefinition; catalog: Catalog }) {
  const { t, i18n } = useTranslation(['common', 'library']);
  const db = useDatabase();
  const navigate = useNavigate();
  const ref = referenceOf(definition);
  const source = catalog.sourceOf(definition);
  const retiredHere = isRetiredHere(catalog, definition);
  const usage = useLiveQuery(() => packUsage(db, definition.id, definition.version), [db, definition.id, definition.version]);
  const pack = usePack(ref);
  const { run, error } = useStorageAction();
  const [message, setMessage] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [refusedCount, setRefusedCount] = useState<number | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const name = `${localize(definition.title, i18n.language as Language).text} ${definition.version}`;

  // The confirmation takes the focus, on its safe choice.
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);

  const toggleRetired = async () => {
    const next = !retiredHere;
    if (await run(() => setRetired(db, ref, next))) {
      setMessage(t(next ? 'library:device.retiredDone' : 'library:device.reinstatedDone', { version: definition.version }));
    }
  };

  const remove = async () => {
    await run(async () => {
      const result = await deletePack(db, ref);
      if (result.ok) {
        navigate('/instruments', { state: { deletedPack: name } });
        return;
      }
      setConfirming(false);
      if (result.reason === 'in-use') setRefusedCount(result.count);
    });
  };

  const date = pack ? new Date(pack.importedAt).toLocaleDateString(i18n.language, { day: 'numeric', month: 'long', year: 'numeric' }) : '';
  const inUse = (refusedCount ?? usage ?? 0) > 0;

  return (
    <section aria-labelledby="device-title" className="device-section">
      <h2 id="device-title">{t('library:device.title')}</h2>
      <dl className="facts facts-wide">
        <div>
          <dt>{t('library:device.source')}</dt>
          <dd>
            {source === 'shipped'
              ? t('library:device.shipped')
              : pack?.fileName
                ? t('library:device.importedFrom', { fileName: pack.fileName, date })
                : t('library:device.importedOn', { date })}
          </dd>
        </div>
        <div>
          <dt>{t('library:device.use')}</dt>
          <dd>{usage === undefined ? t('app.loading') : usage > 0 ? t('library:device.usage', { count: usage }) : t('library:device.notInUse')}</dd>
        </div>
        <div>
          <dt>{t('library:device.availability')}</dt>
          <dd>
            {definition.status === 'retired'
              ? t('library:device.retiredByAuthors')
              : retiredHere
                ? t('library:device.retiredHere')
                : t('library:device.available')}
          </dd>
        </div>
      </dl>

      {definition.status !== 'retired' && (
        <div className="device-action">
          <p className="muted">{t('library:device.retireExplanation')}</p>
          <button type="button" className="button button-primary" onClick={() => void toggleRetired()}>
            {t(retiredHere ? 'library:device.reinstate' : 'library:device.retire')}
          </button>
        </div>
      )}

      {source === 'imported' && (
        <div className="device-action">
          {inUse ? (
            <p className="muted">{t('library:device.deleteRefused', { count: refusedCount ?? usage ?? 0 })}</p>
          ) : confirming ? (
            <div className="confirm" role="group" aria-labelledby="delete-question">
              <p id="delete-question">
                <strong>{t('library:device.deleteConfirm', { name })}</strong>
              </p>
              <div className="button-row">
                <button type="button" className="button button-danger" onClick={() => void remove()}>
                  {t('library:device.deleteConfirmButton')}
                </button>
                <button type="button" className="button" ref={cancelButton} onClick={() => setConfirming(false)}>
                  {t('library:device.cancel')}
                </button>
              </div>
            </div>
          ) : (
            usage === 0 && (
              <>
                <p className="muted">{t('library:device.deleteExplanation')}</p>
                <button type="button" className="button" onClick={() => setConfirming(true)}>
                  {t('library:device.delete')}
                </button>
              </>
            )
          )}
        </div>
      )}

      <StorageAlert error={error} />
      <p aria-live="polite" className="device-message">
        {message}
      </p>
    </section>
  );
}
