import { parseDecimal } from './number';

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
