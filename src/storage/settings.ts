/** Device settings, one record per key, with defaults. */
import { z } from 'zod';
import { LANGUAGES } from '../instrument/schema';
import { THRESHOLD_PRESET_IDS } from '../scoring/thresholds';
import type { PolkuDatabase } from './db';
import { guarded } from './errors';

export const pinRecordSchema = z.object({ salt: z.string(), hash: z.string(), iterations: z.number().int().positive() });
export type PinRecord = z.infer<typeof pinRecordSchema>;

const settingsSchema = z.object({
  answerLanguage: z.enum(LANGUAGES).default('fi'),
  thresholdPreset: z.enum(THRESHOLD_PRESET_IDS).default('finland'),
  customThresholdPercent: z.number().min(0).max(100).default(10),
  practitionerName: z.string().max(120).optional(),
  pin: pinRecordSchema.optional(),
  /** When the last backup file was made (for the reminder). */
  lastBackupAt: z.string().optional(),
  /** Lock the app after this many idle minutes; 0 = no idle lock (locking on demand still works). */
  lockIdleMinutes: z.number().int().min(0).max(240).default(0),
  /** Set while the app is locked, so a reload stays locked. */
  locked: z.boolean().default(false),
  /** Set while the device is handed to a pupil or parent: every route leads back to that questionnaire. */
  handover: z.object({ administrationId: z.string(), startedAt: z.string() }).optional(),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** All settings; a stored value that no longer fits the schema falls back to its default. */
export async function readSettings(db: PolkuDatabase): Promise<Settings> {
  const rows = await db.settings.toArray();
  const raw: Record<string, unknown> = {};
  for (const row of rows) raw[row.key] = row.value;
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    if (!(key in raw)) continue;
    const parsed = settingsSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) result[key] = parsed.data;
  }
  return result as Settings;
}

export async function writeSetting<K extends SettingKey>(db: PolkuDatabase, key: K, value: Settings[K] | undefined): Promise<void> {
  await guarded(async () => {
    if (value === undefined) await db.settings.delete(key);
    else await db.settings.put({ key, value: settingsSchema.shape[key].parse(value) });
  });
}
