/**
 * The one schema for instrument definitions. `instruments/schema.json` is generated from it
 * (`npm run schema`) and a test keeps the two in sync.
 *
 * Pure module: no React, Dexie, DOM or i18next imports (see tests/architecture.test.ts).
 *
 * The shape is checked here; what the shape cannot say (ids that must exist, values inside a
 * scale, translations) is checked in `validate.ts`.
 */
import { z } from 'zod';

import { LANGUAGES, type Language } from './languages';

/** Languages every shipped text exists in (./languages). English is the fallback for imported packs. */
export { LANGUAGES, type Language };

/** Pack format this build reads. Bump on a breaking change and keep a migration. */
export const FORMAT = 'polku-instrument/1';
export const FORMAT_VERSION = 1;

/**
 * Limits of a pack (issue 13: a 10,000-item pack made the app unusable). Far above any real
 * questionnaire — the shipped ones have at most 39 items, 13 scales and texts under 700
 * characters — and low enough that a pack always renders quickly.
 */
export const PACK_LIMITS = {
  /** Bytes of the pack file (checked before it is parsed). */
  fileBytes: 1024 * 1024,
  items: 300,
  /** Characters of one text in one language. */
  textLength: 4000,
  /** Characters of a short text: an item number, a licence name, a source, a URL. */
  shortText: 500,
  /** Entries of any other list (scales, response options, ratings, notes, interpretations…). */
  list: 100,
} as const;

/** A list within the pack limits; its message names the limit (validate.ts, locales validation.json). */
const list = <T extends z.ZodType>(schema: T, max: number = PACK_LIMITS.list) => z.array(schema).max(max, { message: max === PACK_LIMITS.items ? 'limit.items' : 'limit.list' });
const shortText = z.string().max(PACK_LIMITS.shortText, { message: 'limit.text' });

const text = z.string().trim().min(1).max(PACK_LIMITS.textLength, { message: 'limit.text' });

export const localizedTextSchema = z
  .strictObject({ en: text, fi: text.optional(), sv: text.optional() })
  .meta({ description: 'A text in English (required), Finnish and Swedish.' });

export const idSchema = z
  .string()
  .max(100, { message: 'limit.text' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash or underscore')
  .meta({ description: 'Identifier: letters, digits, ".", "-" or "_"; starts with a letter or digit.' });

export const informantSchema = z.enum(['child', 'parent', 'teacher', 'practitioner']);

export const comparisonSchema = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

export const conditionSchema = z
  .strictObject({
    item: idSchema.optional().meta({ description: 'Item whose answer decides; omitted: the same item.' }),
    rating: idSchema.optional().meta({ description: 'Rating of that item, for multi-rating items.' }),
    op: comparisonSchema,
    value: z.number(),
  })
  .meta({ description: 'Ask only when the referenced answer compares true with value.' });

export const ordinalScaleSchema = z.strictObject({
  id: idSchema,
  type: z.literal('ordinal'),
  label: localizedTextSchema.optional(),
  options: list(z.strictObject({ value: z.number().int(), label: localizedTextSchema })).min(2),
});

export const countScaleSchema = z.strictObject({
  id: idSchema,
  type: z.literal('count'),
  label: localizedTextSchema.optional(),
  min: z.number(),
  max: z.number(),
  step: z.number().positive(),
  unit: localizedTextSchema.optional(),
});

export const responseScaleSchema = z.discriminatedUnion('type', [ordinalScaleSchema, countScaleSchema]);

export const ratingSchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  responseScale: idSchema,
  condition: conditionSchema.optional(),
  skippedValue: z.number().optional().meta({ description: 'Value scored when the condition skips this rating; omitted: not scored.' }),
});

export const ratingSetSchema = z.strictObject({
  id: idSchema,
  ratings: list(ratingSchema).min(1),
});

export const itemSchema = z.strictObject({
  id: idSchema,
  number: shortText.min(1).meta({ description: 'Number shown to the respondent, e.g. "12" or "12b".' }),
  text: localizedTextSchema.optional().meta({ description: 'Omitted in transcription keys.' }),
  responseScale: idSchema.optional(),
  ratingSet: idSchema.optional(),
  reverse: z.boolean().optional(),
  required: z.boolean().optional().meta({ description: 'Default true.' }),
  condition: conditionSchema.optional(),
  alternativeTo: idSchema.optional().meta({ description: 'This item is an alternative wording of another item (scored in its place in the alternative variant).' }),
});

export const groupSchema = z.strictObject({ id: idSchema, label: localizedTextSchema });

export const scaleSchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  group: idSchema.optional(),
  items: list(idSchema, PACK_LIMITS.items).min(1),
  ratings: list(idSchema).min(1).optional().meta({ description: 'For multi-rating items: which ratings give a score (default: every rating).' }),
  method: z.enum(['mean', 'sum']),
  minAnswered: z.number().int().positive(),
});

export const informantRoleSchema = z.enum(['child', 'parent', 'teacher', 'practitioner']);

export const profileSchema = z.strictObject({
  scales: list(idSchema).min(2).meta({ description: 'Scales ranked to find the primary one(s).' }),
  rating: idSchema.optional().meta({ description: 'For multi-rating scales: the rating that is ranked.' }),
  tieMargin: z.number().min(0).meta({ description: 'A scale at most this far below the highest ranks as co-primary (inclusive).' }),
  floor: z.number().min(0).optional().meta({ description: 'No primary when the highest score is below this (inclusive: equal names a primary). Default 1.' }),
  combination: z
    .strictObject({
      informants: z.array(informantRoleSchema).min(1),
      parents: z.enum(['average-first', 'separately']),
    })
    .optional(),
});

export const categorySchema = z.strictObject({
  id: idSchema,
  label: localizedTextSchema,
  description: localizedTextSchema.optional(),
  reasons: list(idSchema, PACK_LIMITS.items).min(1),
  problematic: z.boolean(),
});

export const classificationSchema = z.strictObject({
  periodItem: idSchema.meta({ description: 'Item holding the number of school days in the period.' }),
  categories: list(categorySchema).min(1),
  threshold: z.strictObject({
    percent: z.number().min(0).max(100),
    basis: z.enum(['all-absence', 'problematic-absence']),
  }),
});

export const interpretationSchema = z.strictObject({
  scale: idSchema.optional(),
  category: idSchema.optional(),
  text: localizedTextSchema,
  suggestions: list(localizedTextSchema).optional().meta({ description: 'Kinds of return-plan steps this profile suggests.' }),
});

export const noteSchema = z.strictObject({
  kind: z.enum(['published', 'decision', 'unverified']),
  text: localizedTextSchema,
  source: shortText.min(1).optional(),
});

export const definitionSchema = z
  .strictObject({
    $schema: shortText.optional(),
    format: z.literal(FORMAT),
    id: idSchema,
    version: z.string().regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/, 'semantic version such as 1.0.0'),
    url: shortText.regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'absolute URI').meta({ description: 'Canonical URL (FHIR Questionnaire.url).' }),
    family: idSchema.meta({ description: 'Forms of one family combine across informants and over time.' }),
    status: z.enum(['draft', 'active', 'retired']),
    informant: informantSchema,
    transcriptionKey: z.boolean().meta({ description: 'True: items carry no text, for typing in a licensed paper form.' }),
    validated: z.boolean().meta({ description: 'False: not a validated instrument; every report says so.' }),
    title: localizedTextSchema,
    description: localizedTextSchema,
    instructions: localizedTextSchema.optional().meta({ description: 'Shown to the respondent before the first item (e.g. "think about the last four weeks").' }),
    licence: z.strictObject({ name: shortText.min(1), url: shortText.optional(), text: localizedTextSchema.optional() }),
    attribution: localizedTextSchema,
    notes: list(noteSchema),
    responseScales: list(responseScaleSchema).min(1),
    ratingSets: list(ratingSetSchema).optional(),
    items: list(itemSchema, PACK_LIMITS.items).min(1),
    groups: list(groupSchema).optional(),
    scales: list(scaleSchema),
    profile: profileSchema.optional(),
    classification: classificationSchema.optional(),
    interpretations: list(interpretationSchema).optional(),
  })
  .meta({ title: 'Polku instrument definition', description: 'A versioned questionnaire definition.' });

export type LocalizedText = z.infer<typeof localizedTextSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type OrdinalScale = z.infer<typeof ordinalScaleSchema>;
export type CountScale = z.infer<typeof countScaleSchema>;
export type ResponseScale = z.infer<typeof responseScaleSchema>;
export type Rating = z.infer<typeof ratingSchema>;
export type RatingSet = z.infer<typeof ratingSetSchema>;
export type Item = z.infer<typeof itemSchema>;
export type Scale = z.infer<typeof scaleSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Classification = z.infer<typeof classificationSchema>;
export type Interpretation = z.infer<typeof interpretationSchema>;
export type Note = z.infer<typeof noteSchema>;
export type InstrumentDefinition = z.infer<typeof definitionSchema>;
export type Informant = z.infer<typeof informantSchema>;
export type InformantRole = z.infer<typeof informantRoleSchema>;
