import { formatDateInput, parseDateInput } from './date-input';
import { asLocalDate } from '../plan/dates';

describe('dates typed in the interface language', () => {
  test('shown day first in every language', () => {
    expect(formatDateInput(asLocalDate('2026-12-03'), 'fi')).toBe('3.12.2026');
    expect(formatDateInput(asLocalDate('2026-12-03'), 'sv')).toBe('3.12.2026');
    expect(formatDateInput(asLocalDate('2026-12-03'), 'en')).toBe('03/12/2026');
  });

  test('read day first, whatever the separator, and as ISO', () => {
    expect(parseDateInput('3.12.2026')).toBe('2026-12-03');
    expect(parseDateInput(' 03/12/2026 ')).toBe('2026-12-03');
    expect(parseDateInput('3-12-26')).toBe('2026-12-03');
    expect(parseDateInput('3. 12. 2026')).toBe('2026-12-03');
    expect(parseDateInput('2026-12-3')).toBe('2026-12-03');
    // What an American browser's date input would mean by 12/03/2026 is 3 December; here it is 12 March.
    expect(parseDateInput('12/03/2026')).toBe('2026-03-12');
  });

  test('refuses what is not a day', () => {
    for (const text of ['', '31.2.2026', '3.13.2026', '3.12.', 'huomenna', '2026-02-30', '3.12.202']) expect(parseDateInput(text)).toBeNull();
  });

  test('round trip in every language', () => {
    for (const language of ['fi', 'sv', 'en']) expect(parseDateInput(formatDateInput(asLocalDate('2027-01-09'), language))).toBe('2027-01-09');
  });
});
