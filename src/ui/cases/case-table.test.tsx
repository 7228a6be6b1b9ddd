// @vitest-environment jsdom
/** The case list with 1,000 cases: a table of all of them for assistive technology, rows in the DOM only near the view. */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../../tests/support/render-app';
import { testDatabase } from '../../../tests/support/db';
import type { CaseRecord } from '../../storage/records';

// As the table estimates a row before measuring it, so that a scroll position names an exact row.
const ROW_PX = 45;
const code = (n: number) => `C-${String(n).padStart(4, '0')}`;

// jsdom lays nothing out: here every table row is ROW_PX high (the virtualiser measures
// offsetHeight) and the table starts at the top of the page.
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.tagName === 'TR' ? ROW_PX : 0;
    },
  });
});
afterEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
  Object.defineProperty(window, 'scrollY', { configurable: true, value: 0 });
});

// The read of every case can be held back, as on a slow device (reads.ts reads the first rows without it).
const wholeList = vi.hoisted(() => ({ gate: null as Promise<void> | null, calls: 0 }));
vi.mock('../../storage/reads', async (load) => {
  const reads = await load<typeof import('../../storage/reads')>();
  return {
    ...reads,
    casesWithCounts: async (...args: Parameters<typeof reads.casesWithCounts>) => {
      wholeList.calls += 1;
      if (wholeList.gate) await wholeList.gate;
      return reads.casesWithCounts(...args);
    },
  };
});

async function thousandCases() {
  const db = testDatabase();
  // Newest activity first in the list: case 0 is the newest.
  const records: CaseRecord[] = Array.from({ length: 1000 }, (_, n) => {
    const at = new Date(Date.UTC(2026, 0, 1) - n * 60_000).toISOString();
    return { id: `case-${n}`, code: code(n), birthYear: 2014, createdAt: at, updatedAt: at, lastActivityAt: at };
  });
  await db.cases.bulkAdd(records);
  return db;
}

const shownCodes = () => [...document.querySelectorAll('tr[data-case]')].map((row) => row.getAttribute('data-case'));

describe('case list, 1,000 cases', () => {
  it('is one table of 1,001 rows (header included) with only the rows near the view in the DOM', async () => {
    await renderApp('/', { db: await thousandCases() });
    expect(await screen.findByRole('link', { name: code(0) })).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(table).toHaveAttribute('aria-rowcount', '1001');
    const codes = shownCodes();
    expect(codes[0]).toBe(code(0));
    // jsdom's window is 768 px high: 17 rows of 45 px in view, plus the overscan below it.
    expect(codes).toEqual(Array.from({ length: codes.length }, (_, n) => code(n)));
    expect(codes.length).toBeGreaterThanOrEqual(17);
    expect(codes.length).toBeLessThan(60);
    expect(document.querySelector(`tr[data-case="${code(0)}"]`)).toHaveAttribute('aria-rowindex', '2');
    expect(screen.getByText('1000 of 1000 cases')).toBeInTheDocument();
  });

  it('shows the first rows before every case is read; a search waits for the whole list', async () => {
    let release!: () => void;
    wholeList.gate = new Promise((resolve) => (release = resolve));
    wholeList.calls = 0;
    await renderApp('/', { db: await thousandCases() });
    expect(await screen.findByRole('link', { name: code(0) })).toBeInTheDocument();
    // Asked for once the first rows were shown, and not answered yet.
    await waitFor(() => expect(wholeList.calls).toBe(1));
    const first = shownCodes();
    expect(first).toEqual(Array.from({ length: first.length }, (_, n) => code(n)));
    expect(first.length).toBeGreaterThanOrEqual(17);
    expect(screen.getByRole('table')).toHaveAttribute('aria-rowcount', '1001');
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByText('1000 of 1000 cases')).toBeInTheDocument();

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search' }), code(999));
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    expect(shownCodes()).toEqual([]);
    release();
    wholeList.gate = null;
    expect(await screen.findByRole('link', { name: code(999) })).toBeInTheDocument();
    expect(shownCodes()).toEqual([code(999)]);
    expect(screen.getByText('1 of 1000 cases')).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'false');
  });

  it('shows the rows of the place scrolled to, with their row numbers', async () => {
    await renderApp('/', { db: await thousandCases() });
    await screen.findByRole('link', { name: code(0) });
    await waitFor(() => expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'false'));
    await act(async () => {
      Object.defineProperty(window, 'scrollY', { configurable: true, value: 500 * ROW_PX });
      window.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const codes = shownCodes();
    expect(codes).toContain(code(500));
    expect(codes).not.toContain(code(0));
    expect(codes.length).toBeLessThan(60);
    expect(document.querySelector(`tr[data-case="${code(500)}"]`)).toHaveAttribute('aria-rowindex', '502');
  });
});
