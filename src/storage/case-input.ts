/**
 * What a practitioner enters about a case, checked the same way in the form and in storage.
 * Messages are i18n keys in the "cases" namespace (the UI translates them).
 */
import { z } from 'zod';
import { GENDERS } from './record-enums';

// Optional last, so the stored record's type (record-schemas.ts) has an optional field, not a required `string | undefined`.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'errors.tooLong' })
    .transform((v) => (v ? v : undefined))
    .optional();

export function caseInputSchema(currentYear = new Date().getFullYear()) {
  return z.object({
    code: z
      .string()
      .trim()
      .min(1, { message: 'errors.codeRequired' })
      .max(32, { message: 'errors.tooLong' })
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u, { message: 'errors.codeCharacters' }),
    displayName: optionalText(120),
    birthYear: z.coerce
      .number({ message: 'errors.birthYear' })
      .int({ message: 'errors.birthYear' })
      .min(currentYear - 30, { message: 'errors.birthYear' })
      .max(currentYear, { message: 'errors.birthYear' }),
    birthMonth: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z.coerce.number().int().min(1, { message: 'errors.birthMonth' }).max(12, { message: 'errors.birthMonth' }).optional(),
    ),
    gender: z.preprocess((v) => (v === '' ? undefined : v), z.enum(GENDERS).optional()),
    school: optionalText(120),
    className: optionalText(40),
    notes: optionalText(4000),
  });
}

export type CaseInput = z.output<ReturnType<typeof caseInputSchema>>;
export type CaseFormValues = z.input<ReturnType<typeof caseInputSchema>>;
