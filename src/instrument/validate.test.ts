import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, formatProblem, parseJson, validateDefinition, PROBLEM_CODES, type Problem } from './validate';
import { instrumentJsonSchema } from './json-schema';
import { instrumentsDir, messages } from '../cli/io';
import { shippedCatalog } from '../../tests/support/shipped';
import { LANGUAGES } from './schema';
import { ANSWER_PROBLEM_CODES } from '../scoring/types';
import { miniDefinition as valid, t } from '../../tests/support/mini-definition';

function problemsOf(definition: unknown, requireAllLanguages = true): Problem[] {
  const result = validateDefinition(definition, { requireAllLanguages });
  return result.ok ? [] : result.problems;
}

describe('validateDefinition', () => {
  it('accepts the valid base definition with no warnings', () => {
    const result = validateDefinition(valid(), { requireAllLanguages: true });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  // Each case: what is broken, how, and the one problem expected (code and JSON path).
  const cases: [string, (d: Record<string, any>) => unknown, string, string][] = [
    ['not an object at all', () => [1, 2], 'shape.type', '$'],
    [
      'a required field is missing',
      (d) => {
        delete d.id;
        return d;
      },
      'shape.required',
      '$.id',
    ],
    ['a newer pack format', (d) => ({ ...d, format: 'polku-instrument/2' }), 'format.unsupported', '$.format'],
    ['a version that is not semantic', (d) => ({ ...d, version: '1.0' }), 'shape.pattern', '$.version'],
    [
      'a misspelt field',
      (d) => {
        d.items[0].responseScal = 'freq';
        return d;
      },
      'shape.unknownKey',
      '$.items[0].responseScal',
    ],
    ['an unknown status', (d) => ({ ...d, status: 'published' }), 'shape.value', '$.status'],
    [
      'a duplicate item id',
      (d) => {
        d.items[1].id = 'a';
        d.scales[0].items = ['a'];
        return d;
      },
      'id.duplicate',
      '$.items[1].id',
    ],
    [
      'a duplicate scale id',
      (d) => {
        d.scales[2].id = 's1';
        return d;
      },
      'id.duplicate',
      '$.scales[2].id',
    ],
    [
      'a scale naming a missing item',
      (d) => {
        d.scales[0].items = ['a', 'zz'];
        return d;
      },
      'ref.item',
      '$.scales[0].items[1]',
    ],
    [
      'an item on a missing response scale',
      (d) => {
        d.items[0].responseScale = 'nope';
        return d;
      },
      'ref.responseScale',
      '$.items[0].responseScale',
    ],
    [
      'an item with neither scale nor rating set',
      (d) => {
        delete d.items[0].responseScale;
        return d;
      },
      'item.answerKind',
      '$.items[0]',
    ],
    [
      'an item on a missing rating set',
      (d) => {
        d.items[3].ratingSet = 'nope';
        return d;
      },
      'ref.ratingSet',
      '$.items[3].ratingSet',
    ],
    [
      'an ordinal scale with a repeated value',
      (d) => {
        d.responseScales[0].options[2].value = 1;
        return d;
      },
      'ordinal.duplicateValue',
      '$.responseScales[0].options[2].value',
    ],
    [
      'a count scale with min above max',
      (d) => {
        d.responseScales[1].min = 30;
        return d;
      },
      'count.range',
      '$.responseScales[1].max',
    ],
    [
      'a count step that does not divide the range',
      (d) => {
        d.responseScales[1].step = 3;
        return d;
      },
      'count.step',
      '$.responseScales[1].step',
    ],
    [
      'a missing Finnish translation',
      (d) => {
        delete d.items[2].text.fi;
        return d;
      },
      'translation.missing',
      '$.items[2].text.fi',
    ],
    [
      'a condition on an item that does not exist',
      (d) => {
        d.items[2].condition.item = 'ghost';
        return d;
      },
      'ref.item',
      '$.items[2].condition.item',
    ],
    [
      'a condition value outside the answers',
      (d) => {
        d.items[2].condition.value = 9;
        return d;
      },
      'condition.value',
      '$.items[2].condition.value',
    ],
    [
      'a condition on the item itself',
      (d) => {
        d.items[2].condition.item = 'c';
        return d;
      },
      'condition.self',
      '$.items[2].condition.item',
    ],
    [
      'a rating condition on a rating that does not exist',
      (d) => {
        d.ratingSets[0].ratings[1].condition.rating = 'ghost';
        return d;
      },
      'ref.rating',
      '$.ratingSets[0].ratings[1].condition.rating',
    ],
    [
      'a rating condition on a later rating',
      (d) => {
        d.ratingSets[0].ratings[0].condition = { rating: 'impact', op: 'gt', value: 0 };
        return d;
      },
      'condition.laterRating',
      '$.ratingSets[0].ratings[0].condition.rating',
    ],
    [
      'a condition on a multi-rating item without a rating',
      (d) => {
        d.items[2].condition = { item: 'q', op: 'gt', value: 0 };
        return d;
      },
      'condition.needsRating',
      '$.items[2].condition.rating',
    ],
    [
      'minAnswered above the number of items',
      (d) => {
        d.scales[0].minAnswered = 3;
        return d;
      },
      'scale.minAnswered',
      '$.scales[0].minAnswered',
    ],
    [
      'a scale mixing response scales',
      (d) => {
        d.scales[0].items = ['a', 'period'];
        return d;
      },
      'scale.mixedResponseScales',
      '$.scales[0].items',
    ],
    [
      'a scale naming a rating that does not exist',
      (d) => {
        d.scales[2].ratings = ['intensity', 'severity'];
        return d;
      },
      'ref.rating',
      '$.scales[2].ratings[1]',
    ],
    [
      'a scale in a group that does not exist',
      (d) => {
        d.scales[0].group = 'ghost';
        return d;
      },
      'ref.group',
      '$.scales[0].group',
    ],
    [
      'a profile ranking a missing scale',
      (d) => {
        d.profile.scales = ['s1', 'ghost'];
        return d;
      },
      'ref.scale',
      '$.profile.scales[1]',
    ],
    [
      'a negative tie margin',
      (d) => {
        d.profile.tieMargin = -0.25;
        return d;
      },
      'shape.tooSmall',
      '$.profile.tieMargin',
    ],
    [
      'a reason in two categories',
      (d) => {
        d.classification.categories.push({ id: 'x', label: t('X'), reasons: ['sick'], problematic: true });
        return d;
      },
      'classification.reasonTwice',
      '$.classification.categories[1].reasons[0]',
    ],
    [
      'a period item that is not a count',
      (d) => {
        d.classification.periodItem = 'a';
        return d;
      },
      'classification.countItem',
      '$.classification.periodItem',
    ],
    [
      'an interpretation of a missing category',
      (d) => {
        d.interpretations[1].category = 'ghost';
        return d;
      },
      'ref.category',
      '$.interpretations[1].category',
    ],
    [
      'an interpretation naming both a scale and a category',
      (d) => {
        d.interpretations[0].category = 'legit';
        return d;
      },
      'interpretation.target',
      '$.interpretations[0]',
    ],
    [
      'item text in a transcription key',
      (d) => ({ ...d, transcriptionKey: true, items: d.items.map((i: any, n: number) => (n === 0 ? i : { ...i, text: undefined })) }),
      'item.textInKey',
      '$.items[0].text',
    ],
    [
      'an item without text in a questionnaire',
      (d) => {
        delete d.items[1].text;
        return d;
      },
      'item.textMissing',
      '$.items[1].text',
    ],
    [
      'reverse scoring of a count',
      (d) => {
        d.items[4].reverse = true;
        return d;
      },
      'item.reverseCount',
      '$.items[4].reverse',
    ],
    [
      'an alternative to an item that does not exist',
      (d) => {
        d.items[6].alternativeTo = 'ghost';
        return d;
      },
      'ref.item',
      '$.items[6].alternativeTo',
    ],
    [
      'an empty title',
      (d) => {
        d.title.en = '  ';
        return d;
      },
      'shape.tooSmall',
      '$.title.en',
    ],
  ];

  it.each(cases)('refuses %s', (_name, breakIt, code, path) => {
    const problems = problemsOf(breakIt(valid()));
    expect(problems.map((p) => [p.code, formatPath(p.path)])).toEqual([[code, path]]);
  });

  it('reports several problems at once, each with its path', () => {
    const d = valid();
    d.scales[0].items = ['zz'];
    d.items[0].responseScale = 'nope';
    const problems = problemsOf(d).map((p) => formatPath(p.path));
    expect(problems).toEqual(['$.items[0].responseScale', '$.scales[0].items[0]']);
  });

  it('treats a missing translation as a warning for imported packs', () => {
    const d = valid();
    delete d.title.sv;
    const result = validateDefinition(d, { requireAllLanguages: false });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => formatPath(w.path))).toEqual(['$.title.sv']);
  });

  it('words problems in plain language with their path', () => {
    const d = valid();
    d.scales[0].items = ['a', 'zz'];
    const [problem] = problemsOf(d);
    expect(formatProblem(problem!, messages)).toBe('$.scales[0].items[1]: There is no item "zz".');
  });

  it('reports malformed JSON as a problem, not an exception', () => {
    const result = parseJson('{"id": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe('json.malformed');
  });
});

describe('validation messages', () => {
  it.each(LANGUAGES)('has a %s template for every problem and answer code', (language) => {
    const templates = JSON.parse(readFileSync(join(instrumentsDir, '..', 'locales', language, 'validation.json'), 'utf8')) as Record<string, string>;
    for (const code of [...PROBLEM_CODES, ...ANSWER_PROBLEM_CODES]) expect(templates[code], `${language}: ${code}`).toBeTypeOf('string');
  });
});

describe('shipped instruments', () => {
  it('ships the expected instruments', () => {
    expect(shippedCatalog.all().map((d) => `${d.id}@${d.version}`)).toEqual([
      // Newest first within an instrument: 1.1.0 is a wording-only version (docs/instrument-format.md).
      'absence-checklist@1.1.0',
      'absence-checklist@1.0.0',
      'function-child@1.1.0',
      'function-child@1.0.0',
      'function-parent@1.1.0',
      'function-parent@1.0.0',
      'quality-function-child@1.1.0',
      'quality-function-child@1.0.0',
      'quality-function-parent@1.1.0',
      'quality-function-parent@1.0.0',
      'srasr-key-child@1.1.0',
      'srasr-key-child@1.0.0',
      'srasr-key-parent@1.1.0',
      'srasr-key-parent@1.0.0',
    ]);
  });

  it('every shipped instrument validates strictly: every text in en, fi and sv', () => {
    // loadShippedDefinitions validates with requireAllLanguages; here we also check that no
    // Finnish or Swedish text was left as a copy of the English one.
    for (const definition of shippedCatalog.all()) {
      const result = validateDefinition(definition, { requireAllLanguages: true });
      expect(result.ok, definition.id).toBe(true);
      const untranslated: string[] = [];
      const visit = (node: unknown, path: string): void => {
        if (Array.isArray(node)) node.forEach((c, i) => visit(c, `${path}[${i}]`));
        else if (node && typeof node === 'object') {
          const text = node as Record<string, unknown>;
          if (typeof text.en === 'string' && text.en.length > 12 && (text.fi === text.en || text.sv === text.en)) untranslated.push(path);
          for (const [k, v] of Object.entries(node)) visit(v, `${path}.${k}`);
        }
      };
      visit(definition, definition.id);
      expect(untranslated).toEqual([]);
    }
  });

  it('marks original-wording instruments as not validated and keys as carrying no item text', () => {
    for (const definition of shippedCatalog.all()) {
      if (definition.transcriptionKey) {
        expect(
          definition.items.every((i) => i.text === undefined),
          definition.id,
        ).toBe(true);
      } else {
        expect(definition.validated, definition.id).toBe(false);
      }
    }
  });

  it('instruments/schema.json is generated from the zod schema and in sync (npm run schema)', () => {
    expect(readFileSync(join(instrumentsDir, 'schema.json'), 'utf8')).toBe(instrumentJsonSchema());
  });
});
