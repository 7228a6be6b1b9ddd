import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../instrument/catalog';
import { referenceOf } from '../../instrument/catalog';
import { LANGUAGES, type InstrumentDefinition, type Language } from '../../instrument/schema';
import { localize } from '../../instrument/text';
import { informantsFor } from '../../instrument/informants';
import { startAdministration } from '../../storage/administrations';
import { ADMINISTRATION_MODES, type AdministrationInformant, type AdministrationMode, type CaseRecord } from '../../storage/records';
import { writeSetting } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { useSettings } from '../app/live-settings';
import type { Settings } from '../../storage/settings';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { SelectField } from '../app/TextField';

/** A transcription key has no text to show: it can only be typed in from paper. */
export function modesFor(definition: InstrumentDefinition): AdministrationMode[] {
  return definition.transcriptionKey ? ['paper'] : [...ADMINISTRATION_MODES];
}

const schema = z.object({
  instrument: z.string().min(1, { message: 'start.errors.instrument' }),
  informant: z.string().min(1),
  language: z.enum(LANGUAGES),
  mode: z.enum(ADMINISTRATION_MODES),
  handover: z.boolean(),
  administeredBy: z.string().trim().max(120),
});
type Values = z.infer<typeof schema>;

/**
 * The start form. The form's defaults come from Settings (answering language, "Your name"), and a
 * form reads its defaults once: so it is drawn only after the settings are read, never with the
 * built-in defaults first.
 */
export function NewAdministration({ record, catalog }: { record: CaseRecord; catalog: Catalog }) {
  const settings = useSettings();
  if (!settings) return null;
  return <StartForm record={record} catalog={catalog} settings={settings} />;
}

function StartForm({ record, catalog, settings }: { record: CaseRecord; catalog: Catalog; settings: Settings }) {
  const { t, i18n } = useTranslation('cases');
  const db = useDatabase();
  const navigate = useNavigate();
  const { run, error } = useStorageAction();
  const startable = catalog.startable();
  const first = startable[0];
  const { register, handleSubmit, control, setValue, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      instrument: first ? referenceOf(first) : '',
      informant: first ? informantsFor(first.informant)[0] : 'child',
      language: settings.answerLanguage,
      mode: first ? modesFor(first)[0] : 'self-report',
      handover: false,
      administeredBy: settings.practitionerName ?? '',
    },
  });
  const chosen = catalog.find(useWatch({ control, name: 'instrument' }) ?? '');
  const mode = useWatch({ control, name: 'mode' });
  const handover = useWatch({ control, name: 'handover' });
  const informants = chosen ? informantsFor(chosen.informant) : [];
  const modes = chosen ? modesFor(chosen) : [];
  const language = i18n.language as Language;

  const onSubmit = handleSubmit((values) =>
    run(async () => {
      const definition = catalog.find(values.instrument);
      if (!definition) return;
      const created = await startAdministration(db, {
        caseId: record.id,
        definition,
        informant: values.informant as AdministrationInformant,
        language: values.language,
        mode: values.mode,
        administeredBy: values.administeredBy,
      });
      if (values.handover && values.mode === 'self-report' && settings.pin) {
        await writeSetting(db, 'handover', { administrationId: created.id, startedAt: new Date().toISOString() });
        navigate(`/handover/${created.id}`);
      } else {
        navigate(`/administrations/${created.id}`);
      }
    }),
  );

  return (
    <section className="panel new-administration" aria-labelledby="new-administration-title">
      <h2 id="new-administration-title">{t('start.title')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className="form-row">
          <div className="field grow">
            <label htmlFor="start-instrument">{t('start.instrument')}</label>
            <select
              id="start-instrument"
              {...register('instrument', {
                onChange: (event: { target: { value: string } }) => {
                  const next = catalog.find(event.target.value);
                  if (!next) return;
                  setValue('informant', informantsFor(next.informant)[0]!);
                  setValue('mode', modesFor(next)[0]!);
                },
              })}
            >
              {startable.map((d) => (
                <option key={referenceOf(d)} value={referenceOf(d)}>
                  {localize(d.title, language).text} ({d.version})
                </option>
              ))}
            </select>
            {formState.errors.instrument && <span className="field-error">{t(String(formState.errors.instrument.message))}</span>}
          </div>
        </div>
        <div className="form-row">
          <SelectField
            id="start-informant"
            label={t('start.informant')}
            registration={register('informant')}
            options={informants.map((i) => ({ value: i, label: t(`informantKind.${i}`) }))}
          />
          <SelectField
            id="start-language"
            label={t('start.language')}
            hint={t('start.languageHint')}
            registration={register('language')}
            options={LANGUAGES.map((l) => ({ value: l, label: t(`common:languages.${l}`), lang: l }))}
          />
          <SelectField id="start-mode" label={t('start.mode')} registration={register('mode')} options={modes.map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
          <div className="field">
            <label htmlFor="start-administeredBy">{t('start.administeredBy')}</label>
            <input id="start-administeredBy" autoComplete="name" {...register('administeredBy')} />
          </div>
        </div>
        {mode === 'self-report' && (
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" disabled={!settings.pin} {...register('handover')} aria-describedby="start-handover-hint" /> {t('start.handover')}
            </label>
            <span id="start-handover-hint" className="field-hint">
              {settings.pin ? (
                t('start.handoverHint')
              ) : (
                <>
                  {t('start.handoverNeedsPin')} <Link to="/settings">{t('start.toSettings')}</Link>
                </>
              )}
            </span>
          </div>
        )}
        <StorageAlert error={error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={!chosen || formState.isSubmitting}>
            {handover && mode === 'self-report' && settings.pin ? t('start.submitHandover') : t('start.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
