/**
 * npm run score -- --answers FILE [--instrument PACK.json ...] [--threshold PERCENT]
 * Prints the score report of each administration in FILE, and the combined profile across
 * informants, as JSON on stdout. Bad input: one clear message on stderr, exit status 2.
 */
import { Catalog, referenceOf } from '../instrument/catalog';
import { parseJson } from '../instrument/validate';
import type { InstrumentDefinition, Informant } from '../instrument/schema';
import { parseAnswersFile, type AdministrationInput } from '../scoring/answers-file';
import { combineProfiles, type CombinedProfile, type InformantReport } from '../scoring/combine';
import { formatAnswerProblem } from '../scoring/messages';
import { score } from '../scoring/score';
import type { InformantKind } from '../scoring/types';
import type { Answers } from '../instrument/answers';
import { UserError, describe, loadDefinitionFile, loadShippedDefinitions, messages, readText, runCli } from './io';

interface Options {
  answers: string;
  instruments: string[];
  threshold?: number;
}

const USAGE = 'usage: npm run score -- --answers FILE [--instrument PACK.json ...] [--threshold PERCENT]';

function parseArgs(args: string[]): Options {
  const instruments: string[] = [];
  let answers: string | undefined;
  let threshold: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--help' || flag === '-h') throw new UserError(USAGE);
    if (flag !== '--answers' && flag !== '--instrument' && flag !== '--threshold') throw new UserError(`unknown option ${flag}\n${USAGE}`);
    if (value === undefined || value.startsWith('--')) throw new UserError(`${flag} needs a value\n${USAGE}`);
    i += 1;
    if (flag === '--answers') answers = value;
    else if (flag === '--instrument') instruments.push(value);
    else if (flag === '--threshold') {
      threshold = Number(value);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) throw new UserError(`--threshold must be a percentage 0–100, not "${value}"`);
    }
  }
  if (!answers) throw new UserError(`--answers is required\n${USAGE}`);
  return threshold === undefined ? { answers, instruments } : { answers, instruments, threshold };
}

function loadCatalog(packs: string[]): Catalog {
  const extra = packs.map((file) => {
    const result = loadDefinitionFile(file, false);
    if (!result.ok) throw new UserError(`${file}: not a valid instrument pack:\n${result.problems.map((p) => `  ${describe(p)}`).join('\n')}`);
    return result.definition;
  });
  return new Catalog([...loadShippedDefinitions(), ...extra]);
}

function readAdministrations(file: string): AdministrationInput[] {
  const json = parseJson(readText(file));
  if (!json.ok) throw new UserError(`${file}: ${describe(json.problem).replace(/^\$: /, '')}`);
  const parsed = parseAnswersFile(json.value);
  if (!parsed.ok) {
    throw new UserError(
      `${file}: not an answers file: ${parsed.path}: ${parsed.message}\n` +
        'expected {"instrument": "id@version", "informant": "child", "answers": {"1": 4, ...}} or an array of them',
    );
  }
  return parsed.administrations;
}

/** Without an explicit informant, a form was answered by the informant it is written for. */
function defaultInformant(informant: Informant): InformantKind {
  return informant;
}

export function main(args: string[]): number {
  const options = parseArgs(args);
  const catalog = loadCatalog(options.instruments);
  const administrations = readAdministrations(options.answers);

  const reports: (InformantReport & { definition: InstrumentDefinition })[] = administrations.map((input, n) => {
    const where = `${options.answers}: administration ${n + 1}`;
    const definition = catalog.find(input.instrument);
    if (!definition) {
      const known = catalog.all().map(referenceOf).join(', ');
      throw new UserError(`${where}: unknown instrument "${input.instrument}" (known: ${known})`);
    }
    const result = score(definition, input.answers as Answers, {
      ...(input.variant ? { variant: input.variant } : {}),
      ...(options.threshold !== undefined ? { absenceThresholdPercent: options.threshold } : {}),
    });
    if (!result.ok) {
      throw new UserError(`${where} (${referenceOf(definition)}):\n${result.errors.map((e) => `  ${formatAnswerProblem(e, messages)}`).join('\n')}`);
    }
    return { definition, informant: input.informant ?? defaultInformant(definition.informant), report: result.report };
  });

  const combinedByFamily: Record<string, CombinedProfile> = {};
  for (const { definition } of reports) {
    if (!definition.profile || combinedByFamily[definition.family]) continue;
    combinedByFamily[definition.family] = combineProfiles(definition.family, definition.profile, reports);
  }
  const families = Object.keys(combinedByFamily);
  const output = {
    administrations: reports.map(({ definition, informant, report }) => {
      const { instrument: _identity, ...rest } = report;
      return { instrument: referenceOf(definition), family: definition.family, informant, ...rest };
    }),
    combined: families.length === 1 ? combinedByFamily[families[0]!] : null,
    combinedByFamily,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}

runCli(main);
