// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { shippedCatalog } from '../../../tests/support/shipped';
import { renderApp } from '../../../tests/support/render-app';
import type { Language } from '../../instrument/schema';

async function renderAt(path: string, language: Language) {
  return (await renderApp(path, { language })).i18n;
}

describe('instrument library', () => {
  it('lists every shipped instrument with its versions, in Finnish', async () => {
    await renderAt('/instruments', 'fi');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mittarikirjasto' })).toBeInTheDocument();
    const cards = within(screen.getByRole('list', { name: 'Mittarikirjasto' })).getAllByRole('heading', { level: 2 });
    // One card per instrument (its versions inside it), titled by the newest version.
    expect(cards.map((h) => h.textContent)).toEqual([...shippedCatalog.byId().values()].map((versions) => versions[0]!.title.fi));
    expect(screen.getByRole('status')).toHaveTextContent('7 mittaria');
    expect(screen.getAllByText('Siirtoavain: ei osioiden tekstejä')).toHaveLength(2);
    expect(screen.getAllByText('Ei validoitu mittari')).toHaveLength(5);
  });

  it('filters by informant and switches the interface language (its texts load on demand)', async () => {
    const i18n = await renderAt('/instruments', 'en');
    await screen.findByRole('heading', { level: 1, name: 'Instrument library' });
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'parent');
    const titles = within(screen.getByRole('list', { name: 'Instrument library' })).getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual(['function-parent', 'quality-function-parent', 'srasr-key-parent'].map((id) => shippedCatalog.find(id)!.title.en));
    await userEvent.selectOptions(screen.getByLabelText('Interface language'), 'sv');
    expect(await screen.findByRole('heading', { level: 1, name: 'Instrumentbibliotek' })).toBeInTheDocument();
    expect(i18n.language).toBe('sv');
    expect(document.documentElement.lang).toBe('sv');
  });
});

describe('instrument preview', () => {
  it('shows items in the chosen questionnaire language, independent of the interface language', async () => {
    await renderAt('/instruments/function-child/1.0.0', 'fi');
    const child = shippedCatalog.find('function-child@1.0.0')!;
    expect(await screen.findByRole('heading', { level: 1, name: child.title.fi })).toBeInTheDocument();
    const firstRow = () => document.querySelector(`tr[data-item="${child.items[0]!.id}"]`)!;
    expect(firstRow()).toHaveTextContent(child.items[0]!.text!.fi!);
    await userEvent.click(screen.getByRole('radio', { name: 'Svenska' }));
    expect(firstRow()).toHaveTextContent(child.items[0]!.text!.sv!);
    // The interface stays Finnish.
    expect(screen.getByRole('heading', { level: 2, name: 'Osiot' })).toBeInTheDocument();
    expect(screen.getByText('Jokaiseen osioon vastataan:')).toBeInTheDocument();
    expect(screen.getByText('Ei validoitu mittari')).toBeInTheDocument();
    // Answer-scale labels in Swedish: 0 = aldrig ... 6 = alltid.
    expect(screen.getByRole('cell', { name: 'aldrig' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'alltid' })).toBeInTheDocument();
  });

  it('shows a transcription key as numbers and scoring, without item text', async () => {
    await renderAt('/instruments/srasr-key-child/1.0.0?lang=en', 'en');
    await screen.findByText(/This is a transcription key/);
    expect(screen.getByText('Item 24 of the paper form')).toBeInTheDocument();
    const avoidance = document.querySelector('tr[data-scale="avoidance"]')!;
    expect(avoidance).toHaveTextContent('1, 5, 9, 13, 17, 21');
    expect(avoidance).toHaveTextContent('Scored when at least 5 of 6 items are answered');
    expect(screen.getByText(/scales at most 0.25 below it are co-primary/)).toBeInTheDocument();
  });

  it('describes the impact rating and its condition once for the quality/function form', async () => {
    await renderAt('/instruments/quality-function-child/1.0.0?lang=en', 'en');
    await screen.findByRole('heading', { level: 2, name: 'Ratings' });
    const ratings = within(screen.getByRole('region', { name: 'Ratings' }));
    const impact = ratings.getByText('How often has this kept you from school?').closest('li')!;
    expect(impact).toHaveTextContent('How often has this kept you from school? (0–4)Asked when How much is this a problem? > 0; otherwise scored 0.');
    // Said once for the rating set, not on each of the 39 rows.
    expect(screen.getAllByText(/Asked when/)).toHaveLength(1);
  });

  it('shows the absence categories and the threshold', async () => {
    await renderAt('/instruments/absence-checklist/1.0.0?lang=fi', 'en');
    await screen.findByRole('heading', { level: 2, name: 'Absence categories' });
    expect(screen.getByText(/flagged at 10 % of school days \(all absence counted\)/)).toBeInTheDocument();
    expect(document.querySelectorAll('tr[data-category]')).toHaveLength(6);
  });

  it('says plainly when an instrument version does not exist', async () => {
    await renderAt('/instruments/function-child/9.9.9', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'This page does not exist.' })).toBeInTheDocument();
  });
});
