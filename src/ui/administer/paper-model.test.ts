import { definitionSchema } from '../../instrument/schema';
import { miniDefinition } from '../../../tests/support/mini-definition';
import { answerSlots, slotFor } from './answer-slots';
import { directionOfKey, nextSlot, typedText } from './paper-model';

const def = definitionSchema.parse(miniDefinition());
const slot = (itemId: string, ratingId?: string) => slotFor(def, itemId, ratingId)!;
const next = (answers: Parameters<typeof nextSlot>[1], from: string, direction: Parameters<typeof nextSlot>[3]) => {
  const [itemId, ratingId] = from.split('.');
  return nextSlot(def, answers, slot(itemId!, ratingId), direction)?.key;
};

describe('paper entry: the next slot', () => {
  it('one slot per item and per rating, in form order', () => {
    expect(answerSlots(def).map((s) => s.key)).toEqual(['a', 'b', 'c', 'q.intensity', 'q.impact', 'period', 'sick', 'a-alt']);
    expect(answerSlots(def).map((s) => s.fast)).toEqual([true, true, true, true, true, false, false, true]);
  });

  it('moves to the next or previous slot asked with the answers so far', () => {
    expect(next({}, 'a', 1)).toBe('b');
    expect(next({}, 'b', -1)).toBe('a');
    // Item 3 is asked only when item 1 is at least 1; the impact only once the intensity is above 0.
    expect(next({ a: 0 }, 'b', 1)).toBe('q.intensity');
    expect(next({ a: 1 }, 'b', 1)).toBe('c');
    expect(next({ q: { intensity: 0 } }, 'q.intensity', 1)).toBe('period');
    expect(next({ q: { intensity: 2 } }, 'q.intensity', 1)).toBe('q.impact');
    expect(next({ a: 0, q: { intensity: 0 } }, 'period', -1)).toBe('q.intensity');
  });

  it('moves from a slot that is no longer asked, and gives none past either end', () => {
    expect(next({ a: 0 }, 'c', 1)).toBe('q.intensity');
    expect(next({}, 'a-alt', 1)).toBeUndefined();
    expect(next({}, 'a', -1)).toBeUndefined();
  });

  it('first and last are the first and last slots asked', () => {
    expect(next({}, 'period', 'first')).toBe('a');
    expect(next({}, 'b', 'last')).toBe('a-alt');
  });
});

describe('paper entry: keys and typed text', () => {
  it('Enter and the up/down arrows move everywhere; left/right and Home/End only in a single-digit input', () => {
    expect(directionOfKey('Enter', false, false)).toBe(1);
    expect(directionOfKey('Enter', true, true)).toBe(-1);
    expect(directionOfKey('ArrowDown', false, false)).toBe(1);
    expect(directionOfKey('ArrowUp', false, true)).toBe(-1);
    expect(directionOfKey('ArrowRight', false, true)).toBe(1);
    expect(directionOfKey('ArrowLeft', false, true)).toBe(-1);
    expect(directionOfKey('Home', false, true)).toBe('first');
    expect(directionOfKey('End', false, true)).toBe('last');
    for (const key of ['ArrowRight', 'ArrowLeft', 'Home', 'End', 'Tab', '5']) expect(directionOfKey(key, false, false)).toBeNull();
    expect(directionOfKey('5', false, true)).toBeNull();
  });

  it('a change typed around the previous value gives the new characters', () => {
    expect(typedText('', '2')).toBe('2');
    expect(typedText('1', '12')).toBe('2');
    expect(typedText('1', '21')).toBe('2');
    expect(typedText('1', '')).toBe('');
    expect(typedText('1', '3')).toBe('3');
  });
});
