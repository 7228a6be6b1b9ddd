import { definitionSchema } from './schema';
import { answerOf, applyAnswer, askedItems, askedRatings, missingAnswers } from './flow';
import { miniDefinition } from '../../tests/support/mini-definition';
import { score } from '../scoring/score';
import type { Answers } from './answers';

const def = definitionSchema.parse(miniDefinition());
const q = def.items.find((i) => i.id === 'q')!;

describe('flow', () => {
  it('reads single and rating answers', () => {
    expect(answerOf({ a: 2, q: { intensity: 1 } }, 'a')).toBe(2);
    expect(answerOf({ a: 2, q: { intensity: 1 } }, 'q', 'intensity')).toBe(1);
    expect(answerOf({ a: 2 }, 'a', 'intensity')).toBeNull();
    expect(answerOf({}, 'q', 'impact')).toBeNull();
  });

  it('asks the impact only once intensity is above 0', () => {
    expect(askedRatings(def, q, {}).map((r) => r?.id)).toEqual(['intensity']);
    expect(askedRatings(def, q, { q: { intensity: 0 } }).map((r) => r?.id)).toEqual(['intensity']);
    expect(askedRatings(def, q, { q: { intensity: 2 } }).map((r) => r?.id)).toEqual(['intensity', 'impact']);
  });

  it('skips an item whose condition is false, asks it while the answer it depends on is missing', () => {
    expect(askedItems(def, { a: 0 }).map((i) => i.id)).not.toContain('c');
    expect(askedItems(def, {}).map((i) => i.id)).toContain('c');
  });

  it('agrees with the scoring engine on what is missing', () => {
    const cases: Answers[] = [{}, { a: 0, b: 1, q: { intensity: 0 }, period: 10, 'a-alt': 1 }, { a: 2, q: { intensity: 2 } }];
    for (const answers of cases) {
      const result = score(def, answers);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(missingAnswers(def, answers)).toEqual(result.report.missingItems);
    }
  });

  it('applyAnswer: an intensity changed to 0 clears the impact; other items and ratings are kept', () => {
    const before: Answers = { a: 2, q: { intensity: 3, impact: 2 } };
    expect(applyAnswer(def, before, { itemId: 'q', ratingId: 'intensity', value: 0 })).toEqual({ a: 2, q: { intensity: 0 } });
    expect(applyAnswer(def, before, { itemId: 'q', ratingId: 'intensity', value: 1 })).toEqual({ a: 2, q: { intensity: 1, impact: 2 } });
    // Clearing the intensity: the impact is no longer asked, so it goes too (as the runner always did).
    expect(applyAnswer(def, before, { itemId: 'q', ratingId: 'intensity', value: null })).toEqual({ a: 2 });
    expect(applyAnswer(def, before, { itemId: 'a', value: null })).toEqual({ q: { intensity: 3, impact: 2 } });
    expect(applyAnswer(def, {}, { itemId: 'q', ratingId: 'impact', value: 1 })).toEqual({});
    expect(before).toEqual({ a: 2, q: { intensity: 3, impact: 2 } });
  });
});
