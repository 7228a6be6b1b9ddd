/**
 * Device settings, one record per key, with defaults. Checked with plain functions rather than
 * zod: settings load on the first screen, which has a size budget (docs/performance.md).
 */
import { LANGUAGES, type Language } from '../instrument/languages';
import { THRESHOLD_PRESET_IDS, type ThresholdPreset } from '../scoring/thresholds';
import type { PolkuDatabase } from './db';
import { TABLE_POLICIES } from './crypto/policies';
import { guarded } from './errors';
import type { SettingRecord } from './records';
import { isPinAttempts, type PinAttempts } from './pin-attempts';
import { checkRev, nextRev, revOf } from './revision';

export interface PinRecord {
  salt: string;
  hash: string;
  iterations: number;
}

export interface Settings {
  /** The language new administrations are answered in unless chosen otherwise. */
  answerLanguage: Language;
  thresholdPreset: ThresholdPreset;
  customThresholdPercent: number;
  practitionerName?: string;
  pin?: PinRecord;
  /** When the last backup file was made (for the reminder). */
  lastBackupAt?: string;
  /** Lock the app after this many idle minutes; 0 = no idle lock (locking on demand still works). */
  lockIdleMinutes: number;
  /** Set while the app is locked, so a reload stays locked. */
  locked: boolean;
  /** Informants whose scores on a function differ by at least this many points are flagged (issue 4: default 1.5). */
  comparisonMargin: number;
  /** Set while the device is handed to a pupil or parent: every route leads back to that questionnaire. */
  handover?: { administrationId: string; startedAt: string };
  /** Wrong-PIN attempts shared by every tab (pin-attempts.ts); device state, never backed up. */
  pinAttempts?: PinAttempts;
}

export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = {
  answerLanguage: 'fi',
  thresholdPreset: 'finland',
  customThresholdPercent: 10,
  lockIdleMinutes: 0,
  locked: false,
  comparisonMargin: 1.5,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isIntegerIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** What a stored value must be; one that is not falls back to the default. */
const VALID: { [K in SettingKey]-?: (value: unknown) => boolean } = {
  answerLanguage: (v) => (LANGUAGES as readonly unknown[]).includes(v),
  thresholdPreset: (v) => (THRESHOLD_PRESET_IDS as readonly unknown[]).includes(v),
  customThresholdPercent: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100,
  practitionerName: (v) => isString(v) && v.length <= 120,
  pin: (v) => isObject(v) && isString(v.salt) && isString(v.hash) && isIntegerIn(v.iterations, 1, Number.MAX_SAFE_INTEGER),
  lastBackupAt: isString,
  lockIdleMinutes: (v) => isIntegerIn(v, 0, 240),
  locked: (v) => typeof v === 'boolean',
  comparisonMargin: (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0.5 && v <= 6,
  handover: (v) => isObject(v) && isString(v.administrationId) && isString(v.startedAt),
  pinAttempts: isPinAttempts,
};

export const SETTING_KEYS = Object.keys(VALID) as SettingKey[];

export function isValidSetting(key: string, value: unknown): boolean {
  return key in VALID && VALID[key as SettingKey](value);
}

/** Settings kept in the clear (crypto/policies.ts): the lock screen reads them while locked. */
const CLEAR_SETTINGS: readonly SettingKey[] = TABLE_POLICIES.settings.plainKeys;

/** The stored setting rows this page can read: all of them, or while locked only the clear ones. */
async function readableRows(db: PolkuDatabase): Promise<SettingRecord[]> {
  if (db.keySession.unlocked) return db.settings.toArray();
  return (await db.settings.bulkGet([...CLEAR_SETTINGS])).filter((row): row is SettingRecord => row !== undefined);
}

/** All settings (while locked: the clear ones, the others at their defaults); a stored value that no longer fits falls back to its default. */
export async function readSettings(db: PolkuDatabase): Promise<Settings> {
  const rows = await readableRows(db);
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) if (isValidSetting(row.key, row.value)) result[row.key] = row.value;
  return result as unknown as Settings;
}

/** The revision of every stored setting (absent: 0), for forms that save from a loaded copy. */
export type SettingRevs = Partial<Record<SettingKey, number>>;

export async function readSettingRevs(db: PolkuDatabase): Promise<SettingRevs> {
  const revs: SettingRevs = {};
  for (const row of await readableRows(db)) if (row.key in VALID) revs[row.key as SettingKey] = revOf(row);
  return revs;
}

/**
 * Writes one setting (undefined removes it). A form passes `expectedRev`, the revision it was
 * loaded with: if another tab saved the setting since, the write is refused as `stale`. Device
 * state written by the app itself (the lock flag, the backup stamp) passes none.
 */
export async function writeSetting<K extends SettingKey>(db: PolkuDatabase, key: K, value: Settings[K] | undefined, expectedRev?: number): Promise<void> {
  if (value !== undefined && !VALID[key](value)) throw new TypeError(`setting ${key}: ${JSON.stringify(value)} is not a valid value`);
  await guarded(() =>
    db.transaction('rw', db.settings, async () => {
      const stored = await db.settings.get(key);
      if (expectedRev !== undefined) checkRev(stored, expectedRev, key);
      if (value === undefined) await db.settings.delete(key);
      else await db.settings.put({ key, value, rev: nextRev(stored) });
    }),
  );
}
