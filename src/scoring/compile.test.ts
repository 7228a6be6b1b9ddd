/** The compiled scorer: compiled once per definition object, and the same results on every path through it. */
import { miniDefinition, t } from '../../tests/support/mini-definition';
import { definitionSchema, type InstrumentDefinition } from '../instrument/schema';
import { compileDefinition, contentKey } from './compile';
import { score } from './score';

const definition = (): InstrumentDefinition => definitionSchema.parse(miniDefinition());

describe('compileDefinition', () => {
  it('compiles a definition object once; another object (an imported copy) compiles anew', () => {
    const def = definition();
    expect(compileDefinition(def)).toBe(compileDefinition(def));
    expect(compileDefinition(structuredClone(def))).not.toBe(compileDefinition(def));
  });

  it('scores ratings given in any order, and an answer object with a prototype, as plain answers', () => {
    const def = definition();
    const plain = score(def, { a: 2, b: 0, c: 1, q: { intensity: 2, impact: 1 }, period: 20, sick: 2 });
    const reordered = score(def, { sick: 2, period: 20, q: { impact: 1, intensity: 2 }, c: 1, b: 0, a: 2 });
    const inherited = score(def, Object.assign(Object.create({ a: 2 }) as object, { b: 0, c: 1, q: { intensity: 2, impact: 1 }, period: 20, sick: 2 }));
    expect(reordered).toEqual(plain);
    // An inherited answer is read (as a lookup reads it) but not listed among the answers' own keys.
    expect(inherited).toEqual(plain);
    expect(plain.ok && plain.report.scales.map((s) => [s.id, s.rating, s.score])).toEqual([
      ['s1', undefined, 2], // mean(a = 2, reverse(b = 0) = 2)
      ['s2', undefined, 1],
      ['s3', 'intensity', 2],
      ['s3', 'impact', 1],
    ]);
  });

  it('reports every problem in the order of the answers, after a fast pass finds the first', () => {
    const result = score(definition(), { a: 2, zz: 1, b: 7, q: { intensity: 'x', other: 1 }, c: { intensity: 1 } } as never);
    expect(result).toEqual({
      ok: false,
      errors: [
        { code: 'answer.unknownItem', item: 'zz', params: {} },
        { code: 'answer.outOfRange', item: 'b', params: { value: 7, allowed: '0–2' } },
        { code: 'answer.notNumber', item: 'q', rating: 'intensity', params: { value: 'x' } },
        { code: 'answer.unknownRating', item: 'q', rating: 'other', params: {} },
        { code: 'answer.shape', item: 'c', params: { expected: 'number' } },
      ],
    });
  });

  it('gives each report arrays of its own: changing one report does not change the next', () => {
    const def = definition();
    const first = score(def, { a: 1 });
    if (!first.ok) throw new Error('expected a report');
    first.report.scales[0]!.itemsUsed.push('x');
    first.report.scales[0]!.missing.push('x');
    const second = score(def, { a: 1 });
    expect(second.ok && second.report.scales[0]).toMatchObject({ itemsUsed: ['a', 'b'], missing: ['b'] });
  });

  it('shares what a definition compiles to between objects with the same content; its texts do not count', () => {
    const def = definition();
    const retitled = { ...structuredClone(def), title: t('Another title') };
    const stricter = structuredClone(def);
    stricter.scales[0]!.minAnswered = 2;
    // Each object has its own scorer (its own index), reading answers with the same compiled code.
    expect(compileDefinition(structuredClone(def)).read).toBe(compileDefinition(def).read);
    expect(compileDefinition(retitled).read).toBe(compileDefinition(def).read);
    expect(compileDefinition(stricter).read).not.toBe(compileDefinition(def).read);
    // s1 = mean(a = 1) with b unanswered: one answer is enough for def, not for stricter (minAnswered 2).
    const s1 = (d: InstrumentDefinition) => {
      const result = score(d, { a: 1 });
      return result.ok ? result.report.scales[0]!.score : 'error';
    };
    expect([s1(def), s1(retitled), s1(stricter)]).toEqual([1, 1, null]);
  });

  it('keys content whatever the order of keys, without texts, with every other field', () => {
    const def = definition();
    const reordered = Object.fromEntries(Object.entries(def).reverse()) as InstrumentDefinition;
    expect(contentKey(reordered)).toBe(contentKey(def));
    expect(contentKey({ ...def, items: def.items.map((item) => ({ ...item, text: t('Other') })) })).toBe(contentKey(def));
    expect(contentKey({ ...def, version: '1.0.1' })).not.toBe(contentKey(def));
    expect(contentKey(def)).not.toContain('Item a');
    expect(contentKey(def)).toContain('"minAnswered":1');
  });

  it('keeps at most 64 compiled contents: the oldest compiles anew', () => {
    const def = definition();
    const read = compileDefinition(def).read;
    for (let n = 0; n < 64; n += 1) compileDefinition({ ...structuredClone(def), version: `9.0.${n}` });
    expect(compileDefinition(structuredClone(def)).read).not.toBe(read);
  });

  it('decides a rating condition on a rating that a condition skipped by what was answered to it', () => {
    // worry is asked when impact > 0; impact is skipped (scored 0) when intensity is 0.
    const raw = miniDefinition();
    raw.ratingSets[0].ratings.push({ id: 'worry', label: t('Worry'), responseScale: 'freq', condition: { rating: 'impact', op: 'gt', value: 0 } });
    raw.scales.push({ id: 's4', label: t('Scale 4'), items: ['q'], ratings: ['worry'], method: 'mean', minAnswered: 1 });
    const def = definitionSchema.parse(raw);
    const report = (answers: Record<string, unknown>) => {
      const result = score(def, answers as never);
      if (!result.ok) throw new Error('expected a report');
      const { skipped, ignored, missingItems } = result.report;
      return {
        skipped,
        ignored,
        missingItems,
        s3: result.report.scales.filter((s) => s.id === 's3').map((s) => s.score),
        s4: result.report.scales.find((s) => s.id === 's4')!.score,
      };
    };
    // The impact answered anyway (2) is ignored and scored 0, but it is what worry's condition reads: worry is asked.
    expect(report({ q: { intensity: 0, impact: 2, worry: 1 } })).toEqual({
      skipped: ['q.impact'],
      ignored: ['q.impact'],
      missingItems: ['a', 'b', 'c', 'period', 'a-alt'],
      s3: [0, 0],
      s4: 1,
    });
    // Impact not answered: worry's condition cannot be decided, so worry is neither skipped nor counted missing.
    expect(report({ q: { intensity: 0 } })).toEqual({ skipped: ['q.impact'], ignored: [], missingItems: ['a', 'b', 'c', 'period', 'a-alt'], s3: [0, 0], s4: null });
    // Impact 0 (asked, intensity 1): worry is skipped.
    expect(report({ q: { intensity: 1, impact: 0 } })).toEqual({ skipped: ['q.worry'], ignored: [], missingItems: ['a', 'b', 'c', 'period', 'a-alt'], s3: [1, 0], s4: null });
  });

  it('reads a rating the answer object has but does not list (not enumerable) as a lookup would', () => {
    const q = { impact: 1 };
    Object.defineProperty(q, 'intensity', { value: 2, enumerable: false });
    const result = score(definition(), { a: 2, b: 0, q });
    // s3 = mean(intensity) and mean(impact) of q alone: 2 (read by lookup) and 1 (asked: intensity 2 > 0).
    expect(result.ok && result.report.scales.filter((s) => s.id === 's3').map((s) => s.score)).toEqual([2, 1]);
  });

  it('treats a condition operator the schema does not know as neither true nor false, as compare() does', () => {
    // Only a definition that skipped validation can have one: c is then neither skipped nor asked for sure.
    const def = definition();
    const unknown = structuredClone(def);
    (unknown.items[2]!.condition as { op: string }).op = 'between';
    const lists = (d: InstrumentDefinition) => {
      const result = score(d, { a: 0 });
      return result.ok && { skipped: result.report.skipped, missingItems: result.report.missingItems };
    };
    // c is asked when a >= 1: with a = 0 it is skipped.
    expect(lists(def)).toEqual({ skipped: ['c'], missingItems: ['b', 'q.intensity', 'period', 'a-alt'] });
    // Not skipped, and (required, unanswered) counted missing; q.impact waits for the unanswered intensity.
    expect(lists(unknown)).toEqual({ skipped: [], missingItems: ['b', 'c', 'q.intensity', 'period', 'a-alt'] });
  });
});
