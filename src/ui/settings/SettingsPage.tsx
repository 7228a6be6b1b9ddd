/**
 * Settings (route /settings): interface language (localStorage, so it is known before the
 * database opens), default answering language, practitioner name, the problematic-absence
 * threshold, and the practitioner PIN (stored only as a salted hash).
 */
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LANGUAGES } from '../../instrument/schema';
import { parseDecimal } from '../../format/number';
import { THRESHOLD_PRESETS, THRESHOLD_PRESET_IDS, type ThresholdPreset } from '../../scoring/thresholds';
import { hashPin, PIN_PATTERN, verifyPin } from '../../storage/pin';
import { writeSetting, type PinRecord, type SettingRevs, type Settings } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { useSettingsWithRevs } from '../app/live-settings';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { SavedMessage, SettingsForm } from './SettingsForm';
import { TextField, useErrorText } from '../app/TextField';
import { AuditSection } from './AuditSection';
import { ComparisonSection } from './ComparisonSection';
import { BackupSection } from './BackupSection';
import { LockSection } from './LockSection';
import { StorageSection } from './StorageSection';
import { SettingsSection } from './SettingsSection';
import { isLanguage, switchLanguage } from '../i18n';
import './settings.css';
import { Loading } from '../app/Loading';

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const state = useSettingsWithRevs();
  const settings = state?.settings;
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <InterfaceLanguage />
      {settings === undefined ? (
        <Loading />
      ) : (
        <>
          <AdministrationForm settings={settings} revs={state!.revs} />
          <ThresholdForm settings={settings} revs={state!.revs} />
          <ComparisonSection />
          <PinSection pin={settings.pin} />
          <LockSection />
          <BackupSection />
          <StorageSection />
          <AuditSection />
        </>
      )}
    </section>
  );
}

/** The field's error message (an i18n key in "settings"), referenced by the field's aria-describedby. */
function InterfaceLanguage() {
  const { t, i18n } = useTranslation('settings');
  const change = (language: string) => {
    if (!isLanguage(language)) return;
    void switchLanguage(i18n, language);
  };
  return (
    <SettingsSection id="interface" title={t('interface.title')}>
      <fieldset className="segmented" aria-describedby="interface-hint">
        <legend>{t('interface.legend')}</legend>
        {LANGUAGES.map((language) => (
          <label key={language} className={language === i18n.language ? 'selected' : undefined}>
            <input type="radio" name="interface-language" value={language} checked={language === i18n.language} onChange={() => change(language)} />
            <span lang={language}>{t(`common:languages.${language}`)}</span>
          </label>
        ))}
      </fieldset>
      <p id="interface-hint" className="muted">
        {t('interface.hint')}
      </p>
    </SettingsSection>
  );
}

const administrationSchema = z.object({
  answerLanguage: z.enum(LANGUAGES),
  practitionerName: z.string().trim().max(120, { message: 'administration.errors.tooLong' }),
});

function AdministrationForm({ settings, revs }: { settings: Settings; revs: SettingRevs }) {
  const { t } = useTranslation('settings');
  const errorText = useErrorText('settings');
  const db = useDatabase();
  const stored = { answerLanguage: settings.answerLanguage, practitionerName: settings.practitionerName ?? '' };
  const form = useForm({ resolver: zodResolver(administrationSchema), defaultValues: stored });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const answerLanguage = useWatch({ control, name: 'answerLanguage' });
  const language = (l: string) => t(`common:languages.${l}`);

  return (
    <SettingsSection id="administration" title={t('administration.title')}>
      <SettingsForm
        form={form}
        keys={['answerLanguage', 'practitionerName']}
        revs={revs}
        stored={stored}
        compare={(yours, stored) => [
          { label: t('administration.answerLanguage'), yours: language(yours.answerLanguage), stored: language(stored.answerLanguage) },
          { label: t('administration.practitionerName'), yours: yours.practitionerName, stored: stored.practitionerName },
        ]}
        save={async (values, loaded) => {
          await writeSetting(db, 'answerLanguage', values.answerLanguage, loaded.answerLanguage);
          await writeSetting(db, 'practitionerName', values.practitionerName || undefined, loaded.practitionerName);
        }}
        submitLabel={t('save')}
        savedLabel={t('saved')}
      >
        <fieldset className="segmented" aria-describedby="answer-language-hint">
          <legend>{t('administration.answerLanguage')}</legend>
          {LANGUAGES.map((language) => (
            <label key={language} className={language === answerLanguage ? 'selected' : undefined}>
              <input type="radio" value={language} {...register('answerLanguage')} />
              <span lang={language}>{t(`common:languages.${language}`)}</span>
            </label>
          ))}
        </fieldset>
        <p id="answer-language-hint" className="muted field-hint">
          {t('administration.answerLanguageHint')}
        </p>

        <TextField
          id="practitioner-name"
          label={t('administration.practitionerName')}
          hint={t('administration.practitionerNameHint')}
          error={errorText(errors.practitionerName)}
          registration={register('practitionerName')}
          input={{ autoComplete: 'name' }}
        />
      </SettingsForm>
    </SettingsSection>
  );
}

/** "12,5" or "12.5" → 12.5; empty or anything that is not a plain decimal number → null. */
function parsePercent(text: string): number | null {
  const value = parseDecimal(text);
  return value === null || Number.isNaN(value) ? null : value;
}

const thresholdSchema = z
  .object({
    preset: z.enum(THRESHOLD_PRESET_IDS),
    custom: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.preset !== 'custom') return;
    const percent = parsePercent(values.custom);
    if (percent === null) ctx.addIssue({ code: 'custom', path: ['custom'], message: 'threshold.errors.number' });
    else if (percent < 0 || percent > 100) ctx.addIssue({ code: 'custom', path: ['custom'], message: 'threshold.errors.range' });
  });

function ThresholdForm({ settings, revs }: { settings: Settings; revs: SettingRevs }) {
  const { t, i18n } = useTranslation('settings');
  const errorText = useErrorText('settings');
  const db = useDatabase();
  const language = i18n.language;
  const formatNumber = (value: number) => value.toLocaleString(language, { maximumFractionDigits: 4, useGrouping: false });
  const stored = { preset: settings.thresholdPreset as ThresholdPreset, custom: formatNumber(settings.customThresholdPercent) };
  const form = useForm({ resolver: zodResolver(thresholdSchema), defaultValues: stored });
  const {
    register,
    control,
    formState: { errors },
  } = form;
  const preset = useWatch({ control, name: 'preset' });
  const customPercent = (values: { preset: ThresholdPreset; custom: string }) => (values.preset === 'custom' ? parsePercent(values.custom) : null);
  const text = (v: { preset: ThresholdPreset; custom: string }) => `${t(`threshold.presets.${v.preset}.name`)}${v.preset === 'custom' ? ` ${v.custom} %` : ''}`;

  return (
    <SettingsSection id="threshold" title={t('threshold.title')}>
      <p className="muted">{t('threshold.intro')}</p>
      <SettingsForm
        form={form}
        keys={['thresholdPreset', 'customThresholdPercent']}
        revs={revs}
        stored={stored}
        compare={(yours, stored) => [{ label: t('threshold.legend'), yours: text(yours), stored: text(stored) }]}
        save={async (values, loaded) => {
          const percent = customPercent(values);
          await writeSetting(db, 'thresholdPreset', values.preset, loaded.thresholdPreset);
          if (percent !== null) await writeSetting(db, 'customThresholdPercent', percent, loaded.customThresholdPercent);
        }}
        savedValues={(values) => {
          const percent = customPercent(values);
          return { preset: values.preset, custom: percent === null ? values.custom : formatNumber(percent) };
        }}
        submitLabel={t('save')}
        savedLabel={t('saved')}
      >
        <fieldset className="preset-group">
          <legend>{t('threshold.legend')}</legend>
          {THRESHOLD_PRESET_IDS.map((id) => (
            <div key={id} className={id === preset ? 'preset-option selected' : 'preset-option'}>
              <label>
                <input type="radio" value={id} aria-describedby={`preset-${id}-source`} {...register('preset')} />
                <span className="preset-name">{t(`threshold.presets.${id}.name`)}</span>{' '}
                {id !== 'custom' && <span className="preset-percent">{t('threshold.percent', { percent: formatNumber(THRESHOLD_PRESETS[id]) })}</span>}
              </label>
              <p id={`preset-${id}-source`} className="muted preset-source">
                {t(`threshold.presets.${id}.source`)}
              </p>
            </div>
          ))}
        </fieldset>

        {preset === 'custom' && (
          <TextField
            id="custom-threshold"
            className="field-narrow"
            label={t('threshold.customLabel')}
            hint={t('threshold.customHint')}
            error={errorText(errors.custom)}
            registration={register('custom')}
            input={{ inputMode: 'decimal' }}
          />
        )}
      </SettingsForm>
    </SettingsSection>
  );
}

function PinSection({ pin }: { pin: PinRecord | undefined }) {
  const { t } = useTranslation('settings');
  const [saved, setSaved] = useState('');
  return (
    <SettingsSection id="pin" title={t('pin.title')}>
      <p className="muted">{t('pin.intro')}</p>
      <p className={pin ? 'pin-state' : 'pin-state notice notice-warning'}>{t(pin ? 'pin.isSet' : 'pin.notSet')}</p>
      {/* A new form when a PIN appears, so "change" asks for the current one from then on. */}
      <PinForm key={pin ? 'change' : 'set'} pin={pin} onSaved={setSaved} />
      <SavedMessage text={saved} />
    </SettingsSection>
  );
}

function pinSchema(hasPin: boolean) {
  return z
    .object({
      current: hasPin ? z.string().min(1, { message: 'pin.errors.currentRequired' }) : z.string(),
      pin: z.string().regex(PIN_PATTERN, { message: 'pin.errors.format' }),
      repeat: z.string(),
    })
    .refine((values) => values.repeat === values.pin, { path: ['repeat'], message: 'pin.errors.mismatch' });
}

const EMPTY_PIN_FORM = { current: '', pin: '', repeat: '' };

function PinForm({ pin, onSaved }: { pin: PinRecord | undefined; onSaved: (text: string) => void }) {
  const { t } = useTranslation('settings');
  const errorText = useErrorText('settings');
  const db = useDatabase();
  const { run, error } = useStorageAction();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(pinSchema(pin !== undefined)), defaultValues: EMPTY_PIN_FORM });

  const onSubmit = handleSubmit(async (values) => {
    if (pin) {
      let matches = false;
      const checked = await run(async () => {
        matches = await verifyPin(values.current, pin);
      });
      if (!checked) return;
      if (!matches) {
        setError('current', { message: 'pin.errors.currentWrong' }, { shouldFocus: true });
        return;
      }
    }
    // Hashed before the write (no crypto inside a transaction); the digits themselves are never stored.
    const saved = await run(async () => {
      const record = await hashPin(values.pin);
      await writeSetting(db, 'pin', record);
    });
    if (saved) {
      reset(EMPTY_PIN_FORM);
      onSaved(t(pin ? 'pin.savedChanged' : 'pin.savedSet'));
    }
  });

  const pinInput = (name: 'current' | 'pin' | 'repeat', label: string, hint: boolean) => (
    <TextField
      id={`pin-${name}`}
      className="field-narrow"
      label={label}
      hint={hint ? t('pin.hint') : undefined}
      error={errorText(errors[name])}
      registration={register(name)}
      input={{ type: 'password', inputMode: 'numeric', autoComplete: name === 'current' ? 'current-password' : 'new-password' }}
    />
  );

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} onChange={() => onSaved('')} className="settings-form">
      {pin && pinInput('current', t('pin.current'), false)}
      {pinInput('pin', t('pin.new'), true)}
      {pinInput('repeat', t('pin.repeat'), false)}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {t(pin ? 'pin.change' : 'pin.set')}
        </button>
      </div>
      <StorageAlert error={error} />
    </form>
  );
}
