/**
 * The answers file the score CLI reads: one administration or an array of them, e.g.
 * {"instrument": "srasr-key-child@1.0.0", "informant": "child", "answers": {"1": 4, "2": 0}}
 * A multi-rating item's answer is an object: {"intensity": 3, "impact": 2}. Pure.
 */
import { z } from 'zod';
import { INFORMANT_KINDS } from './types';

/** Values are checked by score(), which names the item and the allowed answers. */
const answerValue = z.unknown();

export const administrationInputSchema = z.strictObject({
  instrument: z.string().min(1),
  informant: z.enum(INFORMANT_KINDS).optional(),
  variant: z.enum(['original', 'alternative']).optional(),
  answers: z.record(z.string(), answerValue),
});

export type AdministrationInput = z.infer<typeof administrationInputSchema>;

/** One administration or a non-empty array; problems name their JSON path ($[1].instrument). */
export function parseAnswersFile(value: unknown): { ok: true; administrations: AdministrationInput[] } | { ok: false; path: string; message: string } {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return { ok: false, path: '$', message: 'the array is empty' };
  const administrations: AdministrationInput[] = [];
  for (const [n, entry] of list.entries()) {
    const parsed = administrationInputSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = [...(Array.isArray(value) ? [n] : []), ...issue.path].reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : `${out}.${String(seg)}`), '$');
      const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
      return { ok: false, path: at, message: missing ? 'required, missing' : issue.message };
    }
    administrations.push(parsed.data);
  }
  return { ok: true, administrations };
}
