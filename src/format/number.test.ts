import { formatDay, formatWeekday } from './locale';
import { formatDays, formatPercent, parseDecimal } from './number';
import { asLocalDate } from '../plan/dates';

describe('decimal numbers typed with a comma or a point', () => {
  test('a comma and a point are the same decimal separator', () => {
    expect(parseDecimal('3,5')).toBe(3.5);
    expect(parseDecimal('3.5')).toBe(3.5);
    expect(parseDecimal('-0,5')).toBe(-0.5);
    expect(parseDecimal('+2')).toBe(2);
    expect(parseDecimal('12,')).toBe(12);
    expect(parseDecimal(',5')).toBe(0.5);
  });

  test('spaces around are ignored; nothing typed is null', () => {
    expect(parseDecimal(' 7 ')).toBe(7);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
  });

  test('anything else is NaN', () => {
    for (const text of ['abc', '1,2,3', '1.2.3', '1 000', '1e3', '0x10', 'Infinity', '-', ',', '3,5 h', '9'.repeat(400)]) expect(parseDecimal(text)).toBeNaN();
  });
});

describe('numbers and days, the same on the screen and in the report', () => {
  test('percentages as Intl writes them: no space in English, a no-break space in Finnish and Swedish', () => {
    expect(formatPercent(87.5, 'en')).toBe('87.5%');
    expect(formatPercent(87.5, 'fi')).toBe('87,5\u00a0%');
    expect(formatPercent(87.5, 'sv')).toBe('87,5\u00a0%');
    expect(formatPercent(83.33333, 'en')).toBe('83.3%');
    expect(formatPercent(10, 'fi')).toBe('10\u00a0%');
    expect(formatPercent(null, 'fi')).toBe('—');
  });

  test('days with half days, a threshold with two decimals', () => {
    expect(formatDays(2.5, 'fi')).toBe('2,5');
    expect(formatDays(2, 'en')).toBe('2');
    expect(formatDays(1.875, 'sv', 2)).toBe('1,88');
  });

  test('school days print in the reader locale without a time-zone shift', () => {
    expect(formatDay(asLocalDate('2026-01-01'), 'fi')).toBe('1.1.2026');
    expect(formatDay(asLocalDate('2026-01-01'), 'sv')).toBe('1 jan. 2026');
    expect(formatDay(asLocalDate('2026-01-01'), 'en')).toBe('1 Jan 2026');
    expect(formatWeekday(asLocalDate('2026-03-02'), 'en')).toBe('Monday 02/03');
  });
});
