// @vitest-environment jsdom
/** The plan's starting points read the case's driving profile and say what it rests on. */
import { screen } from '@testing-library/react';
import { renderWithProviders } from '../../../tests/support/render-app';
import { shippedCatalog } from '../../../tests/support/shipped';
import { administration } from '../../charts/test-helpers';
import type { AdministrationRecord } from '../../storage/records';
import { Results } from '../cases/Results';
import { PlanSuggestions } from './PlanSuggestions';

function record(a: ReturnType<typeof administration>): AdministrationRecord {
  return { ...a, caseId: 'c1', definitionHash: 'sha256:x', language: 'en', mode: 'paper', position: 0, informant: a.informant as AdministrationRecord['informant'] };
}

const zeros = { avoidance: [0, 0, 0, 0, 0], escape: [0, 0, 0, 0, 0], attention: [0, 0, 0, 0, 0], tangible: [0, 0, 0, 0, 0] };

describe('plan suggestions and case results', () => {
  it('an all-zero child form: no function stands out, no suggestions, and the form is not validated', async () => {
    const list = [record(administration('function-child@1.0.0', 'child', zeros, 0))];
    await renderWithProviders(<PlanSuggestions administrations={list} catalog={shippedCatalog} profileChoice={undefined} taken={new Set()} onAccept={() => {}} />, '/', {
      language: 'en',
    });
    const items = (await screen.findByTestId('driving-summary')).querySelectorAll('li');
    expect([...items].map((li) => li.textContent)).toEqual([
      "The primary function is read from the most recent time point's combined profile, which rests on this form:",
      `${shippedCatalog.find('function-child@1.0.0')!.title.en} 1.0.0: pupil, 5 Jan 2026`,
      'No function stands out: the highest score is below 1, so no primary function is named.',
      'Not a validated instrument: read the profile as a description of this pupil, not as a comparison with norms.',
    ]);
    expect(screen.queryByRole('button', { name: 'Add as a step' })).not.toBeInTheDocument();
    expect(document.querySelector('.suggestion-list')).toBeNull();
  });

  it('case results of a form with an unscorable function: provisional primary and the not-validated notice', async () => {
    // Tangible: 3 of 5 answered (< 4): not scorable.
    const definition = shippedCatalog.find('function-child@1.0.0')!;
    const values: Record<string, number[]> = { avoidance: [5, 5, 5, 5, 5], escape: [1, 1, 1, 1, 1], attention: [1, 1, 1, 1, 1], tangible: [0, 0, 0] };
    const answers = Object.fromEntries(definition.scales.flatMap((scale) => scale.items.slice(0, values[scale.id]!.length).map((item, i) => [item, values[scale.id]![i]!])));
    const a = record(administration('function-child@1.0.0', 'child', answers, 0));
    await renderWithProviders(<Results record={a} definition={definition} threshold={{ absenceThresholdPercent: 10 }} />, '/', { language: 'en' });
    const status = document.querySelector('.results > p.primary-status');
    expect(status?.textContent).toBe(
      `Provisional: too few answers to score ${definition.scales[3]!.label.en.replace(/^./, (c) => c.toLowerCase())}, so the primary function may change.`,
    );
    expect(screen.getByText(/^This questionnaire was written for Polku in the style of a published model\./)).toBeInTheDocument();
  });
});
