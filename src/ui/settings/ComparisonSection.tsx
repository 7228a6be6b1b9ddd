/**
 * Settings: the margin at which two informants' function scores are flagged as differing
 * (issue 4: default 1.5 points, 0.5–6 in steps of 0.5). Read live by the case page's charts.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { parseDecimal } from '../../format/number';
import { writeSetting } from '../../storage/settings';
import { useDatabase } from '../app/database-context';
import { useSettingsWithRevs } from '../app/live-settings';
import type { SettingRevs } from '../../storage/settings';
import { SettingsForm } from './SettingsForm';
import { TextField, useErrorText } from '../app/TextField';
import { SettingsSection } from './SettingsSection';

/** "1,5" or "1.5" → 1.5; empty or anything that is not a plain decimal number → null. */
export function parseMargin(text: string): number | null {
  const value = parseDecimal(text);
  return value === null || Number.isNaN(value) ? null : value;
}

const marginSchema = z.object({ margin: z.string() }).superRefine((values, ctx) => {
  const margin = parseMargin(values.margin);
  if (margin === null) ctx.addIssue({ code: 'custom', path: ['margin'], message: 'settings.errors.number' });
  else if (margin < 0.5 || margin > 6) ctx.addIssue({ code: 'custom', path: ['margin'], message: 'settings.errors.range' });
  else if (!Number.isInteger(margin * 2)) ctx.addIssue({ code: 'custom', path: ['margin'], message: 'settings.errors.step' });
});

export function ComparisonSection() {
  const { t, i18n } = useTranslation('charts');
  const state = useSettingsWithRevs();
  const [saved, setSaved] = useState('');
  // The form keeps what is typed when another tab (or a restore) changes the margin, and says so.
  return (
    <SettingsSection id="comparison" title={t('settings.title')}>
      <p className="muted">{t('settings.intro')}</p>
      {state && <MarginForm key={i18n.language} margin={state.settings.comparisonMargin} revs={state.revs} onSaved={setSaved} />}
      <p role="status" className="saved-message">
        {saved}
      </p>
    </SettingsSection>
  );
}

function MarginForm({ margin, revs, onSaved }: { margin: number; revs: SettingRevs; onSaved: (text: string) => void }) {
  const { t, i18n } = useTranslation('charts');
  const errorText = useErrorText('charts');
  const db = useDatabase();
  const format = (value: number) => value.toLocaleString(i18n.language, { maximumFractionDigits: 1, useGrouping: false });
  const stored = { margin: format(margin) };
  const form = useForm({ resolver: zodResolver(marginSchema), defaultValues: stored });

  return (
    <SettingsForm
      form={form}
      keys={['comparisonMargin']}
      revs={revs}
      stored={stored}
      compare={(yours, stored) => [{ label: t('settings.label'), yours: yours.margin, stored: stored.margin }]}
      save={(values, loaded) => writeSetting(db, 'comparisonMargin', parseMargin(values.margin)!, loaded.comparisonMargin)}
      savedValues={(values) => ({ margin: format(parseMargin(values.margin)!) })}
      submitLabel={t('settings.save')}
      savedLabel={t('settings.saved')}
      onSaved={onSaved}
    >
      <TextField
        id="comparison-margin"
        className="field-narrow"
        label={t('settings.label')}
        hint={t('settings.hint')}
        error={errorText(form.formState.errors.margin)}
        registration={form.register('margin')}
        input={{ inputMode: 'decimal' }}
      />
    </SettingsForm>
  );
}
