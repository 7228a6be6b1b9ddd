/** Who may answer a form: derived from the definition's informant, so no one is offered a form that is not theirs. Pure. */
import { ADMINISTRATION_INFORMANTS, type AdministrationInformant } from '../storage/records';
import type { Informant, InstrumentDefinition } from './schema';

/** Who may answer a form written for an informant. */
export function informantsFor(informant: Informant): AdministrationInformant[] {
  switch (informant) {
    case 'child':
      return ['child'];
    case 'parent':
      return ['mother', 'father', 'other-caregiver'];
    case 'teacher':
      return ['teacher'];
    case 'practitioner':
      return ['practitioner'];
  }
}

/**
 * Informants worth offering (e.g. as a filter): those some definition is written for, plus any
 * found in stored data (a backup may hold a teacher form), in the usual order. No teacher form
 * ships, so "teacher" appears only with an imported teacher form or stored teacher data.
 */
export function offeredInformants(definitions: readonly Pick<InstrumentDefinition, 'informant'>[], stored: Iterable<AdministrationInformant> = []): AdministrationInformant[] {
  const offered = new Set<AdministrationInformant>([...definitions.flatMap((d) => informantsFor(d.informant)), ...stored]);
  return ADMINISTRATION_INFORMANTS.filter((i) => offered.has(i));
}
