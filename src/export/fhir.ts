/**
 * FHIR R4: each instrument version as a Questionnaire (canonical url + version, answer weights
 * with the itemWeight extension) and each administration as a QuestionnaireResponse pinned to
 * `url|version`, whose subject is only the study ID. No dates beyond what the export allows:
 * `authored` is the year and month when that was chosen, and absent otherwise.
 */
import type { Condition, InstrumentDefinition, Item, LocalizedText, ResponseScale } from '../instrument/schema';
import { compare, indexDefinition, ratingsOf, responseScaleFor, type IndexedDefinition } from '../instrument/model';
import { answerOf } from '../instrument/flow';
import type { Selected } from './dataset';
import type { ScoreReport } from '../scoring/types';
import type { ExportOptions } from './types';

export const ITEM_WEIGHT = 'http://hl7.org/fhir/StructureDefinition/itemWeight';
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';
const MIN_VALUE = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE = 'http://hl7.org/fhir/StructureDefinition/maxValue';
export const STUDY_ID_SYSTEM = 'urn:polku:study-id';

type Json = Record<string, unknown>;

/** A FHIR id: letters, digits, "-" and ".", at most 64 characters. */
export function fhirId(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
}

/** Finnish and Swedish texts ride along as translation extensions of the English one. */
function translations(text: LocalizedText | undefined): Json | undefined {
  if (!text) return undefined;
  const extension = (['fi', 'sv'] as const)
    .filter((lang) => text[lang] !== undefined)
    .map((lang) => ({
      url: TRANSLATION,
      extension: [
        { url: 'lang', valueCode: lang },
        { url: 'content', valueString: text[lang] },
      ],
    }));
  return extension.length ? { extension } : undefined;
}

function withText(target: Json, key: string, text: LocalizedText | undefined, fallback?: string) {
  if (!text) {
    if (fallback !== undefined) target[key] = fallback;
    return;
  }
  target[key] = text.en;
  const extra = translations(text);
  if (extra) target[`_${key}`] = extra;
}

const isIntegerScale = (scale: ResponseScale) => scale.type === 'count' && scale.step % 1 === 0 && scale.min % 1 === 0;

function codingSystem(definition: InstrumentDefinition, scale: ResponseScale): string {
  return `${definition.url}/${scale.id}`;
}

function answerType(scale: ResponseScale | undefined): string {
  if (!scale) return 'decimal';
  if (scale.type === 'ordinal') return 'choice';
  return isIntegerScale(scale) ? 'integer' : 'decimal';
}

function answerSetup(definition: InstrumentDefinition, scale: ResponseScale | undefined, target: Json) {
  if (!scale) return;
  if (scale.type === 'ordinal') {
    target.answerOption = scale.options.map((option) => {
      const coding: Json = {
        system: codingSystem(definition, scale),
        code: String(option.value),
        display: option.label.en,
        extension: [{ url: ITEM_WEIGHT, valueDecimal: option.value }],
      };
      const extra = translations(option.label);
      if (extra) coding._display = extra;
      return { valueCoding: coding };
    });
    return;
  }
  const kind = isIntegerScale(scale) ? 'valueInteger' : 'valueDecimal';
  target.extension = [
    { url: MIN_VALUE, [kind]: scale.min },
    { url: MAX_VALUE, [kind]: scale.max },
  ];
}

const OPERATORS: Record<Condition['op'], string> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/**
 * A condition as enableWhen. A coded answer only compares with "=" and "!=", so "intensity > 0"
 * becomes "intensity = 1 or 2 or 3 or 4" (enableBehavior any).
 */
function enableWhen(definition: InstrumentDefinition, index: IndexedDefinition, condition: Condition, ownItem: Item, target: Json) {
  const itemId = condition.item ?? ownItem.id;
  const item = index.items.get(itemId);
  if (!item) return;
  const scale = responseScaleFor(index, item, condition.rating);
  const question = condition.rating ? `${itemId}.${condition.rating}` : itemId;
  if (!scale) return;
  if (scale.type === 'ordinal') {
    const options = scale.options.filter((o) => compare(condition.op, o.value, condition.value));
    if (options.length === 0) return;
    target.enableWhen = options.map((o) => ({ question, operator: '=', answerCoding: { system: codingSystem(definition, scale), code: String(o.value) } }));
    if (options.length > 1) target.enableBehavior = 'any';
    return;
  }
  target.enableWhen = [{ question, operator: OPERATORS[condition.op], [isIntegerScale(scale) ? 'answerInteger' : 'answerDecimal']: condition.value }];
}

const pascal = (id: string) => {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return /^[A-Z]/.test(name) ? name : `Q${name}`;
};

export function questionnaireOf(definition: InstrumentDefinition): Json {
  const index = indexDefinition(definition);
  const resource: Json = {
    resourceType: 'Questionnaire',
    id: fhirId(`${definition.id}-${definition.version}`),
    language: 'en',
    url: definition.url,
    version: definition.version,
    name: pascal(definition.id),
  };
  withText(resource, 'title', definition.title);
  resource.status = definition.status;
  resource.subjectType = ['Patient'];
  withText(resource, 'description', definition.description);
  resource.copyright = definition.licence.name;
  resource.item = definition.items.map((item) => {
    const entry: Json = { linkId: item.id, prefix: item.number };
    withText(entry, 'text', item.text, `Item ${item.number}`);
    const ratings = ratingsOf(index, item);
    if (item.condition) enableWhen(definition, index, item.condition, item, entry);
    if (ratings === null) {
      const scale = responseScaleFor(index, item);
      entry.type = answerType(scale);
      entry.required = item.required !== false;
      answerSetup(definition, scale, entry);
      return entry;
    }
    entry.type = 'group';
    entry.required = item.required !== false;
    entry.item = ratings.map((rating) => {
      const child: Json = { linkId: `${item.id}.${rating.id}` };
      withText(child, 'text', rating.label);
      const scale = responseScaleFor(index, item, rating.id);
      child.type = answerType(scale);
      // A rating skipped by its condition is not asked, so only unconditional ratings are required.
      child.required = item.required !== false && !rating.condition;
      if (rating.condition) enableWhen(definition, index, { ...rating.condition, item: item.id }, item, child);
      answerSetup(definition, scale, child);
      return child;
    });
    return entry;
  });
  return resource;
}

function answerOfScale(definition: InstrumentDefinition, scale: ResponseScale | undefined, value: number): Json {
  // The Questionnaire carries the display texts; responses keep system and code only (10,000 responses stay small).
  if (scale?.type === 'ordinal') return { valueCoding: { system: codingSystem(definition, scale), code: String(value) } };
  return scale && isIntegerScale(scale) && Number.isInteger(value) ? { valueInteger: value } : { valueDecimal: value };
}

/** `report`: the administration's score report; answers it lists as ignored (a condition skips them) are left out. */
export function responseOf(selected: Selected, options: Pick<ExportOptions, 'dates'>, report: ScoreReport | null = null): Json {
  const ignored = new Set(report?.ignored ?? []);
  const { definition, administration } = selected;
  const index = indexDefinition(definition);
  const items: Json[] = [];
  for (const item of definition.items) {
    const ratings = ratingsOf(index, item);
    if (ratings === null) {
      const value = ignored.has(item.id) ? null : answerOf(administration.answers, item.id);
      if (value !== null) items.push({ linkId: item.id, answer: [answerOfScale(definition, responseScaleFor(index, item), value)] });
      continue;
    }
    const children = ratings.flatMap((rating) => {
      const value = ignored.has(`${item.id}.${rating.id}`) ? null : answerOf(administration.answers, item.id, rating.id);
      return value === null ? [] : [{ linkId: `${item.id}.${rating.id}`, answer: [answerOfScale(definition, responseScaleFor(index, item, rating.id), value)] }];
    });
    if (children.length) items.push({ linkId: item.id, item: children });
  }
  const resource: Json = {
    resourceType: 'QuestionnaireResponse',
    id: fhirId(`${selected.studyId}-${selected.number}`),
    questionnaire: `${definition.url}|${definition.version}`,
    status: 'completed',
    subject: { identifier: { system: STUDY_ID_SYSTEM, value: selected.studyId } },
  };
  if (['fi', 'sv', 'en'].includes(administration.language)) resource.language = administration.language;
  if (options.dates === 'year-month') resource.authored = selected.yearMonth;
  if (items.length) resource.item = items;
  return resource;
}
