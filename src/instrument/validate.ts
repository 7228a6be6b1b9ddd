/**
 * Validation of instrument definitions: the zod shape first, then the meaning (ids that must
 * exist, values inside their scales, translations). Every problem carries a code, the JSON path
 * and parameters; `formatProblem` turns it into words with the templates in
 * `locales/<lang>/validation.json`, so the CLI and the UI say the same thing.
 */
import type { z } from 'zod';
import { FORMAT, FORMAT_VERSION, LANGUAGES, definitionSchema, type Condition, type InstrumentDefinition, type Item, type LocalizedText } from './schema';
import { describeAllowedValues, indexDefinition, ratingsOf, responseScaleFor, scaleBounds, type IndexedDefinition } from './model';

export type PathSegment = string | number;

export interface Problem {
  code: ProblemCode;
  path: PathSegment[];
  params: Record<string, string | number>;
}

export const PROBLEM_CODES = [
  'json.malformed',
  'format.unsupported',
  'shape.required',
  'shape.type',
  'shape.unknownKey',
  'shape.tooSmall',
  'shape.tooBig',
  'shape.pattern',
  'shape.value',
  'shape.invalid',
  'id.duplicate',
  'ref.responseScale',
  'ref.ratingSet',
  'ref.item',
  'ref.rating',
  'ref.scale',
  'ref.group',
  'ref.category',
  'item.answerKind',
  'item.textInKey',
  'item.textMissing',
  'item.reverseCount',
  'item.alternativeOfAlternative',
  'scale.minAnswered',
  'scale.mixedResponseScales',
  'scale.ratingsOnSingle',
  'scale.duplicateItem',
  'count.range',
  'count.step',
  'ordinal.duplicateValue',
  'condition.needsItem',
  'condition.self',
  'condition.needsRating',
  'condition.ratingOnSingle',
  'condition.laterRating',
  'condition.value',
  'profile.rating',
  'classification.reasonTwice',
  'classification.countItem',
  'interpretation.target',
  'translation.missing',
  'limit.items',
  'limit.text',
  'limit.list',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type ValidationResult = { ok: true; definition: InstrumentDefinition; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

export interface ValidationOptions {
  /**
   * Shipped instruments must have every text in every language (an error otherwise); imported
   * packs may lack some, which is a warning and falls back to English with a visible marker.
   */
  requireAllLanguages: boolean;
}

/** `$.items[3].text.fi` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : `${out}.${seg}`), '$');
}

/** Fills `{{name}}` placeholders: the same syntax as i18next, so the UI can pass its own `t`. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function formatProblem(problem: Problem, templates: Record<string, string>): string {
  const template = templates[problem.code] ?? problem.code;
  return `${formatPath(problem.path)}: ${interpolate(template, problem.params)}`;
}

/** Parses JSON text, reporting malformed input as a problem instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { code: 'json.malformed', path: [], params: { detail } } };
  }
}

export function validateDefinition(input: unknown, options: ValidationOptions): ValidationResult {
  const formatProblemFound = checkFormat(input);
  if (formatProblemFound) return { ok: false, problems: [formatProblemFound], warnings: [] };

  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => fromZodIssue(issue, input)), warnings: [] };
  }
  const definition = parsed.data;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  checkMeaning(definition, problems);
  checkTranslations(definition, options.requireAllLanguages ? problems : warnings);
  return problems.length > 0 ? { ok: false, problems, warnings } : { ok: true, definition, warnings };
}

/** A pack written for another format version gets one clear message, not a list of shape errors. */
function checkFormat(input: unknown): Problem | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const format = (input as Record<string, unknown>).format;
  if (typeof format !== 'string' || format === FORMAT) return null;
  return { code: 'format.unsupported', path: ['format'], params: { found: format, expected: FORMAT, version: FORMAT_VERSION } };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

function fromZodIssue(issue: z.core.$ZodIssue, input: unknown): Problem {
  const path = issue.path.filter((seg): seg is string | number => typeof seg !== 'symbol');
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return { code: 'shape.required', path, params: {} };
      return { code: 'shape.type', path, params: { expected: issue.expected } };
    case 'unrecognized_keys':
      return { code: 'shape.unknownKey', path: [...path, issue.keys[0] ?? ''], params: { keys: issue.keys.join(', ') } };
    case 'too_small':
      return {
        code: 'shape.tooSmall',
        path,
        params: { minimum: Number(issue.minimum), origin: issue.origin },
      };
    case 'too_big':
      // A pack limit (schema.ts PACK_LIMITS) has its own message.
      if (issue.message === 'limit.items' || issue.message === 'limit.text' || issue.message === 'limit.list')
        return { code: issue.message, path, params: { maximum: Number(issue.maximum) } };
      return { code: 'shape.tooBig', path, params: { maximum: Number(issue.maximum), origin: issue.origin } };
    case 'invalid_format':
      return { code: 'shape.pattern', path, params: { expected: issue.message } };
    case 'invalid_value':
      return { code: 'shape.value', path, params: { options: issue.values.map((v) => JSON.stringify(v)).join(', ') } };
    case 'invalid_union':
      if (valueAt(input, issue.path) === undefined) return { code: 'shape.required', path, params: {} };
      return { code: 'shape.invalid', path, params: { detail: issue.message } };
    default:
      return { code: 'shape.invalid', path, params: { detail: issue.message } };
  }
}

function checkDuplicates(list: readonly { id: string }[] | undefined, at: PathSegment[], problems: Problem[]): void {
  const seen = new Map<string, number>();
  (list ?? []).forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first === undefined) seen.set(entry.id, i);
    else problems.push({ code: 'id.duplicate', path: [...at, i, 'id'], params: { id: entry.id, other: formatPath([...at, first]) } });
  });
}

function checkMeaning(definition: InstrumentDefinition, problems: Problem[]): void {
  const index = indexDefinition(definition);

  checkDuplicates(definition.responseScales, ['responseScales'], problems);
  checkDuplicates(definition.ratingSets, ['ratingSets'], problems);
  checkDuplicates(definition.items, ['items'], problems);
  checkDuplicates(definition.groups, ['groups'], problems);
  checkDuplicates(definition.scales, ['scales'], problems);
  checkDuplicates(definition.classification?.categories, ['classification', 'categories'], problems);
  definition.ratingSets?.forEach((set, s) => checkDuplicates(set.ratings, ['ratingSets', s, 'ratings'], problems));

  checkResponseScales(definition, problems);
  checkRatingSets(index, problems);
  definition.items.forEach((item, i) => checkItem(index, item, ['items', i], problems));
  checkScales(index, problems);
  checkProfile(index, problems);
  checkClassification(index, problems);
  checkInterpretations(index, problems);
}

function checkResponseScales(definition: InstrumentDefinition, problems: Problem[]): void {
  definition.responseScales.forEach((scale, s) => {
    const at: PathSegment[] = ['responseScales', s];
    if (scale.type === 'ordinal') {
      const seen = new Set<number>();
      scale.options.forEach((option, o) => {
        if (seen.has(option.value)) {
          problems.push({ code: 'ordinal.duplicateValue', path: [...at, 'options', o, 'value'], params: { value: option.value } });
        }
        seen.add(option.value);
      });
      return;
    }
    if (scale.min >= scale.max) {
      problems.push({ code: 'count.range', path: [...at, 'max'], params: { min: scale.min, max: scale.max } });
      return;
    }
    const steps = (scale.max - scale.min) / scale.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9 * Math.max(1, steps)) {
      problems.push({ code: 'count.step', path: [...at, 'step'], params: { step: scale.step, min: scale.min, max: scale.max } });
    }
  });
}

function checkRatingSets(index: IndexedDefinition, problems: Problem[]): void {
  index.definition.ratingSets?.forEach((set, s) => {
    set.ratings.forEach((rating, r) => {
      const at: PathSegment[] = ['ratingSets', s, 'ratings', r];
      const scale = index.responseScales.get(rating.responseScale);
      if (!scale) problems.push({ code: 'ref.responseScale', path: [...at, 'responseScale'], params: { id: rating.responseScale } });
      const condition = rating.condition;
      if (!condition) return;
      if (condition.item !== undefined) {
        problems.push({ code: 'condition.needsItem', path: [...at, 'condition', 'item'], params: {} });
        return;
      }
      // A rating condition looks at an earlier rating of the same item: it is asked first.
      const target = set.ratings.findIndex((other) => other.id === condition.rating);
      if (condition.rating === undefined || target === -1) {
        problems.push({ code: 'ref.rating', path: [...at, 'condition', 'rating'], params: { id: condition.rating ?? '', item: set.id } });
        return;
      }
      if (target >= r) {
        problems.push({ code: 'condition.laterRating', path: [...at, 'condition', 'rating'], params: { id: condition.rating } });
        return;
      }
      const targetScale = index.responseScales.get(set.ratings[target]!.responseScale);
      if (targetScale) checkConditionValue(condition, targetScale, [...at, 'condition', 'value'], condition.rating, problems);
    });
  });
}

function checkConditionValue(condition: Condition, scale: NonNullable<ReturnType<typeof responseScaleFor>>, at: PathSegment[], target: string, problems: Problem[]): void {
  const { min, max } = scaleBounds(scale);
  if (condition.value < min || condition.value > max) {
    problems.push({ code: 'condition.value', path: at, params: { value: condition.value, target, allowed: describeAllowedValues(scale) } });
  }
}

function checkItem(index: IndexedDefinition, item: Item, at: PathSegment[], problems: Problem[]): void {
  const { definition } = index;
  const single = item.responseScale !== undefined;
  const multi = item.ratingSet !== undefined;
  if (single === multi) {
    problems.push({ code: 'item.answerKind', path: at, params: {} });
  } else if (single && !index.responseScales.has(item.responseScale!)) {
    problems.push({ code: 'ref.responseScale', path: [...at, 'responseScale'], params: { id: item.responseScale! } });
  } else if (multi && !index.ratingSets.has(item.ratingSet!)) {
    problems.push({ code: 'ref.ratingSet', path: [...at, 'ratingSet'], params: { id: item.ratingSet! } });
  }

  if (definition.transcriptionKey && item.text) problems.push({ code: 'item.textInKey', path: [...at, 'text'], params: {} });
  if (!definition.transcriptionKey && !item.text) problems.push({ code: 'item.textMissing', path: [...at, 'text'], params: {} });

  if (item.reverse && single) {
    const scale = index.responseScales.get(item.responseScale!);
    if (scale?.type === 'count') problems.push({ code: 'item.reverseCount', path: [...at, 'reverse'], params: {} });
  }

  if (item.alternativeTo !== undefined) {
    const original = index.items.get(item.alternativeTo);
    if (!original) problems.push({ code: 'ref.item', path: [...at, 'alternativeTo'], params: { id: item.alternativeTo } });
    else if (original.alternativeTo !== undefined || original.id === item.id) {
      problems.push({ code: 'item.alternativeOfAlternative', path: [...at, 'alternativeTo'], params: { id: item.alternativeTo } });
    }
  }

  const condition = item.condition;
  if (!condition) return;
  const conditionAt: PathSegment[] = [...at, 'condition'];
  if (condition.item === undefined) {
    problems.push({ code: 'condition.needsItem', path: [...conditionAt, 'item'], params: {} });
    return;
  }
  if (condition.item === item.id) {
    problems.push({ code: 'condition.self', path: [...conditionAt, 'item'], params: {} });
    return;
  }
  const target = index.items.get(condition.item);
  if (!target) {
    problems.push({ code: 'ref.item', path: [...conditionAt, 'item'], params: { id: condition.item } });
    return;
  }
  const targetRatings = ratingsOf(index, target);
  if (targetRatings === null && condition.rating !== undefined) {
    problems.push({ code: 'condition.ratingOnSingle', path: [...conditionAt, 'rating'], params: { item: target.id } });
    return;
  }
  if (targetRatings !== null && condition.rating === undefined) {
    problems.push({ code: 'condition.needsRating', path: [...conditionAt, 'rating'], params: { item: target.id } });
    return;
  }
  if (targetRatings !== null && !targetRatings.some((r) => r.id === condition.rating)) {
    problems.push({ code: 'ref.rating', path: [...conditionAt, 'rating'], params: { id: condition.rating!, item: target.id } });
    return;
  }
  const scale = responseScaleFor(index, target, condition.rating);
  if (scale) checkConditionValue(condition, scale, [...conditionAt, 'value'], target.id, problems);
}

function checkScales(index: IndexedDefinition, problems: Problem[]): void {
  const groups = new Set((index.definition.groups ?? []).map((g) => g.id));
  index.definition.scales.forEach((scale, s) => {
    const at: PathSegment[] = ['scales', s];
    if (scale.group !== undefined && !groups.has(scale.group)) {
      problems.push({ code: 'ref.group', path: [...at, 'group'], params: { id: scale.group } });
    }
    const seen = new Set<string>();
    const responseScaleIds = new Set<string>();
    let multiRating = false;
    let singleRating = false;
    scale.items.forEach((itemId, i) => {
      if (seen.has(itemId)) problems.push({ code: 'scale.duplicateItem', path: [...at, 'items', i], params: { id: itemId } });
      seen.add(itemId);
      const item = index.items.get(itemId);
      if (!item) {
        problems.push({ code: 'ref.item', path: [...at, 'items', i], params: { id: itemId } });
        return;
      }
      // Unknown references are reported on the item itself; do not report them again here.
      if (item.ratingSet !== undefined) {
        multiRating = true;
        if (index.ratingSets.has(item.ratingSet)) responseScaleIds.add(`set:${item.ratingSet}`);
      } else {
        singleRating = true;
        if (item.responseScale !== undefined && index.responseScales.has(item.responseScale)) responseScaleIds.add(item.responseScale);
      }
    });
    // A mean over answers on different scales has no meaning.
    if (responseScaleIds.size > 1) problems.push({ code: 'scale.mixedResponseScales', path: [...at, 'items'], params: {} });
    if (scale.minAnswered > scale.items.length) {
      problems.push({ code: 'scale.minAnswered', path: [...at, 'minAnswered'], params: { min: scale.minAnswered, count: scale.items.length } });
    }
    if (scale.ratings) {
      if (singleRating && !multiRating) problems.push({ code: 'scale.ratingsOnSingle', path: [...at, 'ratings'], params: {} });
      const firstMulti = scale.items.map((id) => index.items.get(id)).find((item) => item?.ratingSet !== undefined && index.ratingSets.has(item.ratingSet));
      const available = firstMulti ? (ratingsOf(index, firstMulti) ?? []).map((r) => r.id) : [];
      scale.ratings.forEach((ratingId, r) => {
        if (firstMulti && !available.includes(ratingId)) {
          problems.push({ code: 'ref.rating', path: [...at, 'ratings', r], params: { id: ratingId, item: firstMulti?.id ?? '' } });
        }
      });
    }
  });
}

function checkProfile(index: IndexedDefinition, problems: Problem[]): void {
  const profile = index.definition.profile;
  if (!profile) return;
  profile.scales.forEach((scaleId, s) => {
    const scale = index.scales.get(scaleId);
    if (!scale) {
      problems.push({ code: 'ref.scale', path: ['profile', 'scales', s], params: { id: scaleId } });
      return;
    }
    const firstItem = index.items.get(scale.items[0] ?? '');
    const ratings = firstItem ? ratingsOf(index, firstItem) : null;
    if (ratings !== null && profile.rating === undefined) {
      problems.push({ code: 'profile.rating', path: ['profile', 'rating'], params: { scale: scaleId } });
    } else if (profile.rating !== undefined && (ratings === null || !ratings.some((r) => r.id === profile.rating))) {
      problems.push({ code: 'ref.rating', path: ['profile', 'rating'], params: { id: profile.rating, item: firstItem?.id ?? '' } });
    }
  });
}

function checkClassification(index: IndexedDefinition, problems: Problem[]): void {
  const classification = index.definition.classification;
  if (!classification) return;
  const checkCountItem = (itemId: string, at: PathSegment[]): void => {
    const item = index.items.get(itemId);
    if (!item) {
      problems.push({ code: 'ref.item', path: at, params: { id: itemId } });
      return;
    }
    const scale = responseScaleFor(index, item);
    if (scale?.type !== 'count') problems.push({ code: 'classification.countItem', path: at, params: { id: itemId } });
  };
  checkCountItem(classification.periodItem, ['classification', 'periodItem']);
  const owner = new Map<string, string>();
  classification.categories.forEach((category, c) => {
    category.reasons.forEach((reason, r) => {
      const at: PathSegment[] = ['classification', 'categories', c, 'reasons', r];
      const previous = owner.get(reason);
      if (previous !== undefined) {
        problems.push({ code: 'classification.reasonTwice', path: at, params: { id: reason, category: previous } });
        return;
      }
      owner.set(reason, category.id);
      checkCountItem(reason, at);
    });
  });
}

function checkInterpretations(index: IndexedDefinition, problems: Problem[]): void {
  const categories = new Set((index.definition.classification?.categories ?? []).map((c) => c.id));
  index.definition.interpretations?.forEach((entry, i) => {
    const at: PathSegment[] = ['interpretations', i];
    if ((entry.scale === undefined) === (entry.category === undefined)) {
      problems.push({ code: 'interpretation.target', path: at, params: {} });
    } else if (entry.scale !== undefined && !index.scales.has(entry.scale)) {
      problems.push({ code: 'ref.scale', path: [...at, 'scale'], params: { id: entry.scale } });
    } else if (entry.category !== undefined && !categories.has(entry.category)) {
      problems.push({ code: 'ref.category', path: [...at, 'category'], params: { id: entry.category } });
    }
  });
}

/** Walks every LocalizedText in the definition and reports each missing language. */
function checkTranslations(definition: InstrumentDefinition, sink: Problem[]): void {
  const visit = (node: unknown, path: PathSegment[]): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, [...path, i]));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (isLocalizedText(node)) {
      for (const language of LANGUAGES) {
        if (node[language] === undefined) sink.push({ code: 'translation.missing', path: [...path, language], params: { language } });
      }
      return;
    }
    for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
  };
  visit(definition, []);
}

function isLocalizedText(node: object): node is LocalizedText {
  return 'en' in node && typeof (node as { en: unknown }).en === 'string';
}
