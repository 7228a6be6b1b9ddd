/** The compiled scorer: compiled once per definition object, and the same results on every path through it. */
import { miniDefinition } from '../../tests/support/mini-definition';
import { definitionSchema, type InstrumentDefinition } from '../instrument/schema';
import { compileDefinition } from './compile';
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
});
