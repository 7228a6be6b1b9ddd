/**
 * Wording the clinician and the family read (issue 12): the agreed Finnish and Swedish terms, no
 * count text without its plural forms, and the newest shipped instruments' key texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { shippedCatalog } from '../support/shipped';
import type { InstrumentDefinition } from '../../src/instrument/schema';
import { flatten } from '../support/flatten-texts';

const root = resolve(__dirname, '../../locales');
const languages = ['en', 'fi', 'sv'] as const;
const namespaces = readdirSync(join(root, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const read = (language: string, ns: string): unknown => JSON.parse(readFileSync(join(root, language, `${ns}.json`), 'utf8'));

const texts = (language: string, ...only: string[]): string[] => (only.length ? only : namespaces).flatMap((ns) => [...flatten(read(language, ns)).values()]);
/** Every text of the newest shipped version of an instrument, in one language. */
function instrumentTexts(definition: InstrumentDefinition, language: 'en' | 'fi' | 'sv'): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.en === 'string') out.push(String(record[language] ?? ''));
      else Object.values(record).forEach(walk);
    }
  };
  walk(definition);
  return out;
}
const newest = (id: string) => shippedCatalog.find(id)!;

let instance: I18n;
beforeAll(async () => {
  instance = i18next.createInstance();
  await instance.init({
    lng: 'fi',
    fallbackLng: false,
    ns: namespaces,
    interpolation: { escapeValue: false },
    resources: Object.fromEntries(languages.map((l) => [l, Object.fromEntries(namespaces.map((ns) => [ns, read(l, ns)]))])) as Resource,
  });
});

describe('Finnish terms', () => {
  it('"function" is "funktio" in the charts texts, never "toiminto"', () => {
    expect(texts('fi', 'charts').filter((t) => /toimin/i.test(t))).toEqual([]);
    expect(flatten(read('fi', 'charts')).get('profile.title')).toBe('Funktioprofiili');
    expect(flatten(read('fi', 'charts')).get('quality.title')).toBe('Laatu ja funktio');
  });

  it('plans and attendance speak of a case ("tapaus"), not a client ("asiakas")', () => {
    expect(texts('fi', 'plans', 'attendance').filter((t) => /asiaka/i.test(t))).toEqual([]);
    expect(flatten(read('fi', 'plans')).get('backToCase')).toBe('Takaisin tapaukseen');
  });

  it('one word for each thing: criterion, administered by, the note column, change over time', () => {
    const all = texts('fi');
    expect(all.filter((t) => /Onnistumisen mittari|Teettäjä|Kyselyn tekijä|esittäjäksi|Muutos ajassa/.test(t))).toEqual([]);
    expect(flatten(read('fi', 'plans')).get('fields.successCriterion')).toBe('Onnistumisen kriteeri');
    expect(flatten(read('fi', 'cases')).get('start.administeredBy')).toBe('Kyselyn antaja');
    expect(flatten(read('fi', 'report')).get('pdf.administered.by')).toBe('Kyselyn antaja');
    expect(flatten(read('fi', 'attendance')).get('fields.note')).toBe('Lisätieto');
  });
});

describe('Swedish (sv-FI) terms', () => {
  it('one plain term for a score from fewer answers, "gradvis återgång", "Ta bort", one word for an unfinished form', () => {
    expect(texts('sv').filter((t) => /proportioner|prorater|stegvis|postnummer|\bKasta\b|\bkastat\b|Pågående|pågående|Administrerat av/i.test(t))).toEqual([]);
    expect(flatten(read('sv', 'charts')).get('common.prorated')).toBe('beräknad på färre svar');
    expect(flatten(read('sv', 'cases')).get('discard')).toBe('Ta bort');
    expect(flatten(read('sv', 'administer')).get('page.statusDraft')).toBe('Oavslutat');
    expect(flatten(read('sv', 'cases')).get('status.draft')).toBe('Oavslutat');
    expect(flatten(read('sv', 'cases')).get('start.administeredBy')).toBe('Genomfört av');
  });

  it('the newest instruments use Finland-Swedish terms and "hen" in the parent forms', () => {
    for (const id of ['function-child', 'function-parent', 'quality-function-child', 'quality-function-parent', 'absence-checklist', 'srasr-key-child', 'srasr-key-parent']) {
      const sv = instrumentTexts(newest(id), 'sv');
      expect(
        sv.filter((t) => /socialtjänst|orosanmälan|skolsköterska|trånga platser|Innan skolan|proraterat/i.test(t)),
        id,
      ).toEqual([]);
    }
    const parent = newest('quality-function-parent');
    // "barnet"/"det" as the pronoun for the child is gone: every item that refers back uses "hen".
    expect(parent.items.filter((i) => / (barnet|det) (skriker|knappt|vill komma|inte har|behövs)|hackar på det|stöttar barnet/.test(i.text!.sv!)).map((i) => i.id)).toEqual([]);
    expect(parent.items.find((i) => i.id === 'agg3')!.text!.sv).toBe('När du försöker få iväg ditt barn till skolan tappar hen humöret.');
    const checklist = instrumentTexts(newest('absence-checklist'), 'sv').join('\n');
    expect(checklist).toContain('kontakta socialvården eller gör en barnskyddsanmälan');
    expect(checklist).toContain('hälsovårdaren');
  });
});

describe('the newest instruments', () => {
  it('name the four functions with the agreed Finnish labels', () => {
    for (const id of ['function-child', 'function-parent', 'srasr-key-child', 'srasr-key-parent']) {
      expect(
        newest(id).scales.map((s) => s.label.fi),
        id,
      ).toEqual([
        'Koulun herättämien kielteisten tunteiden välttäminen',
        'Sosiaalisten tai arvioivien tilanteiden pakeneminen',
        'Läheisten huomion hakeminen',
        'Koulun ulkopuolisten palkkioiden tavoittelu',
      ]);
    }
  });

  it('ask the quality/function intensity as "how well does this describe you", with "jonkin verran" / "en del" in the middle', () => {
    const child = newest('quality-function-child');
    expect(child.ratingSets![0]!.ratings[0]!.label).toEqual({
      en: 'How well does this describe you?',
      fi: 'Kuinka hyvin tämä pitää paikkansa sinun kohdallasi?',
      sv: 'Hur väl stämmer det här in på dig?',
    });
    expect(newest('quality-function-parent').ratingSets![0]!.ratings[0]!.label.fi).toBe('Kuinka hyvin tämä pitää paikkansa lapsesi kohdalla?');
    const intensity = child.responseScales.find((s) => s.id === 'intensity-0-4')!;
    expect(intensity.type === 'ordinal' && intensity.options.map((o) => [o.value, o.label.fi, o.label.sv])).toEqual([
      [0, 'ei lainkaan', 'inte alls'],
      [1, 'vähän', 'lite'],
      [2, 'jonkin verran', 'en del'],
      [3, 'melko hyvin', 'ganska bra'],
      [4, 'täysin', 'helt'],
    ]);
    expect(child.groups!.map((g) => g.label.fi)).toEqual(['Tunne-elämän ongelmat', 'Käytösongelmat', 'Ongelmat koulussa', 'Perheen ongelmat']);
  });

  it('ask about the time at home on school days (t1), not about any day off', () => {
    expect(newest('function-child').items.find((i) => i.id === 't1')!.text).toEqual({
      en: "When I'm at home on a school day, I use the time for my phone, games, videos or other things I like.",
      fi: 'Kun olen kotona koulupäivänä, käytän ajan puhelimeen, pelaamiseen, videoihin tai muuhun mukavaan.',
      sv: 'När jag är hemma en skoldag använder jag tiden till mobilen, spel, videor eller annat som är kul.',
    });
  });

  it('say what Kearney’s prescriptive approach adds for each function, and ask about self-harm when low mood keeps the pupil away', () => {
    const suggestions = (id: string, scale: string) =>
      newest(id)
        .interpretations!.filter((i) => i.scale === scale)
        .flatMap((i) => i.suggestions ?? [])
        .map((s) => s.en);
    for (const id of ['function-child', 'function-parent', 'srasr-key-child', 'srasr-key-parent']) {
      expect(suggestions(id, 'avoidance').join('\n')).toMatch(/Psychoeducation[^\n]*keeps the anxiety going/);
      expect(suggestions(id, 'avoidance').join('\n')).toMatch(/time-limited break[^\n]*agreed return to class/);
      expect(suggestions(id, 'escape').join('\n')).toMatch(/Cognitive work on the fear of being evaluated[\s\S]*role-play/);
      expect(suggestions(id, 'attention')).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/faded step by step/),
          expect.stringMatching(/agreed rewards for going to school/),
          expect.stringMatching(/^Calm, brief handling of protest/),
        ]),
      );
      expect(suggestions(id, 'tangible')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Communication and problem-solving training/), "Practise turning down friends' invitations to skip school"]),
      );
    }
    for (const id of ['quality-function-child', 'quality-function-parent']) {
      const depression = newest(id).interpretations!.find((i) => i.scale === 'depression')!;
      expect(depression.suggestions![0]).toEqual({
        en: 'Ask about self-harm and thoughts of suicide; if there are any, follow the local urgent procedure the same day',
        fi: 'Kysytään itsensä vahingoittamisesta ja itsetuhoisista ajatuksista; jos niitä on, toimitaan paikallisen kiireellisen toimintaohjeen mukaan samana päivänä',
        sv: 'Fråga om självskadebeteende och självmordstankar; om sådana finns, följ den lokala rutinen för akuta situationer samma dag',
      });
      expect(depression.text.fi).toContain('Kysy oppilaalta suoraan itsensä vahingoittamisesta ja itsetuhoisista ajatuksista');
    }
  });
});

describe('version 1.1.0 changes wording only', () => {
  /** The definition without any text: what scoring, conditions and the answer values rest on. */
  function skeleton(definition: InstrumentDefinition): unknown {
    const strip = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(strip);
      if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.en === 'string') return 'text';
        return Object.fromEntries(
          Object.entries(record)
            .filter(([key]) => !['version', 'notes', 'suggestions'].includes(key))
            .map(([key, v]) => [key, strip(v)]),
        );
      }
      return value;
    };
    return strip(definition);
  }

  it.each(['absence-checklist', 'function-child', 'function-parent', 'quality-function-child', 'quality-function-parent', 'srasr-key-child', 'srasr-key-parent'])(
    '%s: the same items, answer values, scales and scoring as 1.0.0',
    (id) => {
      expect(newest(id).version).toBe('1.1.0');
      expect(skeleton(newest(id))).toEqual(skeleton(shippedCatalog.find(`${id}@1.0.0`)!));
    },
  );
});

describe('count texts', () => {
  it('every text with a {{count}} has its plural forms in every language', () => {
    for (const language of languages) {
      for (const ns of namespaces) {
        const flat = flatten(read(language, ns));
        // A count alone in parentheses, "({{count}})", has no word to agree with; any other needs plural forms.
        const needsPlural = (text: string) => text.replaceAll('({{count}})', '').includes('{{count}}');
        const bare = [...flat].filter(([key, text]) => needsPlural(text) && !/_(zero|one|two|few|many|other)$/.test(key)).map(([key]) => `${language} ${ns}:${key}`);
        expect(bare).toEqual([]);
      }
    }
  });

  // [key, options without count, count → expected text] for 1 and 30, in fi and sv.
  const cases: [string, Record<string, unknown>, Record<'fi' | 'sv', [string, string]>][] = [
    ['attendance:amount.lessons', {}, { fi: ['1 oppitunti', '30 oppituntia'], sv: ['1 lektion', '30 lektioner'] }],
    ['attendance:amount.hours', {}, { fi: ['1 tunti', '30 tuntia'], sv: ['1 timme', '30 timmar'] }],
    ['attendance:amountOf.lessons', { attended: 1 }, { fi: ['1/1 oppitunti', '1/30 oppituntia'], sv: ['1 av 1 lektion', '1 av 30 lektioner'] }],
    ['administer:runner.progressInstructions', {}, { fi: ['1 kysymys', '30 kysymystä'], sv: ['1 fråga', '30 frågor'] }],
    ['common:library.items', {}, { fi: ['1 osio', '30 osiota'], sv: ['1 påstående', '30 påståenden'] }],
    [
      'backup:preview.settingsKept',
      {},
      {
        fi: [
          'Asetukset: tämä laite pitää omat asetuksensa; varmuuskopion 1 asetus jätetään käyttämättä.',
          'Asetukset: tämä laite pitää omat asetuksensa; varmuuskopion 30 asetusta jätetään käyttämättä.',
        ],
        sv: [
          'Inställningar: den här enheten behåller sina egna inställningar; säkerhetskopians 1 inställning används inte.',
          'Inställningar: den här enheten behåller sina egna inställningar; säkerhetskopians 30 inställningar används inte.',
        ],
      },
    ],
    [
      'charts:informants.margin',
      {},
      {
        fi: ['Vastaajien välinen ero merkitään, kun se on vähintään 1 piste (asetus).', 'Vastaajien välinen ero merkitään, kun se on vähintään 30 pistettä (asetus).'],
        sv: ['Informanter markeras när de skiljer sig med minst 1 poäng (en inställning).', 'Informanter markeras när de skiljer sig med minst 30 poäng (en inställning).'],
      },
    ],
    [
      'report:pdf.attendance.summary',
      { from: 'A', to: 'B', rate: '80 %', threshold: '10 %' },
      {
        fi: [
          'A–B: 1 koulupäivä kirjattu, läsnäolo 80 % (ongelmallisen poissaolon raja 10 %).',
          'A–B: 30 koulupäivää kirjattu, läsnäolo 80 % (ongelmallisen poissaolon raja 10 %).',
        ],
        sv: [
          'Från A till B: 1 skoldag registrerad, närvaro 80 % (gräns för problematisk frånvaro 10 %).',
          'Från A till B: 30 skoldagar registrerade, närvaro 80 % (gräns för problematisk frånvaro 10 %).',
        ],
      },
    ],
  ];
  it.each(cases)('%s renders the right form for 1 and for 30', (key, options, expected) => {
    for (const language of ['fi', 'sv'] as const) {
      const [one, thirty] = expected[language];
      // The number itself is passed as the placeholder the text uses (amount, scheduled, days, margin …) and as count.
      const withCount = (n: number) => instance.t(key, { lng: language, ...options, count: n, amount: n, scheduled: n, days: n, margin: n });
      expect(withCount(1)).toBe(one);
      expect(withCount(30)).toBe(thirty);
    }
  });
});
