/**
 * Paper entry: a practitioner types in a completed paper form as fast as possible. One input per
 * answer; a single-digit answer is saved on the keystroke and the cursor moves on; counts are
 * checked on Enter/Tab/blur. Every accepted value is saved at once. A check step shows the answers
 * and the scores for comparison with the paper before the form is saved as complete.
 */
import { Fragment, memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition, Item, Language, Rating, ResponseScale } from '../../instrument/schema';
import { indexDefinition, isAllowedValue, ratingsOf, responseScaleFor, scaleBounds } from '../../instrument/model';
import { missingAnswers } from '../../instrument/flow';
import { localize } from '../../instrument/text';
import { parseDecimal } from '../../format/number';
import { score } from '../../scoring/score';
import { absenceThresholdOptions } from '../../scoring/thresholds';
import type { ClassificationReport, ScaleScore, ScoreResult } from '../../scoring/types';
import type { Answers, AnswerValue } from '../../instrument/answers';
import type { AdministrationRecord } from '../../storage/records';
import { useSettingsOrDefaults } from '../app/live-settings';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { LocalText } from '../app/LocalText';
import { isLanguage } from '../i18n';
import { primaryStatusLines, statusOf, summaryText } from '../../charts';
import { summaryFormat } from '../charts/summary-format';
import { directionOfKey, inputModeFor, nextSlot, notAskedReason, reasonKey, requiredSlotCount, typedText, type Direction, type NotAskedReason } from './paper-model';
import { useSaveQueue } from './use-save-queue';
import { useCompletion } from './use-completion';
import { answerSlots, askedSlotKeys, slotValue, type AnswerSlot } from './answer-slots';
import './paper.css';

export function PaperEntry({ record, definition }: { record: AdministrationRecord; definition: InstrumentDefinition }) {
  // A different administration starts from its own stored answers.
  return <PaperEntryForm key={record.id} record={record} definition={definition} />;
}

/** Words shared by the grid and the summary: slot labels, allowed values, number formats. Stable per language. */
function usePaperWords() {
  const { t, i18n } = useTranslation(['paper', 'validation']);
  const locale = i18n.language;
  return useMemo(() => {
    const uiLanguage: Language = isLanguage(locale) ? locale : 'en';
    const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 4, useGrouping: false });
    const formatValue = (value: number) => plain.format(value);
    const ratingName = (rating: Rating) => t(`ratingNames.${rating.id}`, { defaultValue: localize(rating.label, uiLanguage).text });
    const slotLabel = (item: Item, rating?: Rating) =>
      rating ? t('itemRatingLabel', { number: item.number, rating: ratingName(rating) }) : t('itemLabel', { number: item.number });
    const allowedValues = (scale: ResponseScale) => {
      if (scale.type === 'ordinal') {
        const values = scale.options.map((o) => o.value);
        const { min, max } = scaleBounds(scale);
        return values.length === max - min + 1 ? `${formatValue(min)}–${formatValue(max)}` : values.map(formatValue).join(', ');
      }
      return scale.step === 1
        ? `${formatValue(scale.min)}–${formatValue(scale.max)}`
        : t('allowedSteps', { min: formatValue(scale.min), max: formatValue(scale.max), step: formatValue(scale.step) });
    };
    return { t, locale, uiLanguage, formatValue, ratingName, slotLabel, allowedValues };
  }, [t, locale]);
}

type PaperWords = ReturnType<typeof usePaperWords>;

/** Stable callbacks for the rows (memoized rows re-render only when their own answers change). */
interface RowHandlers {
  register: (key: string, element: HTMLInputElement | null) => void;
  keyDown: (event: KeyboardEvent<HTMLInputElement>, slot: AnswerSlot) => void;
  change: (slot: AnswerSlot, text: string) => void;
  blur: (slot: AnswerSlot) => void;
}

function PaperEntryForm({ record, definition }: { record: AdministrationRecord; definition: InstrumentDefinition }) {
  const words = usePaperWords();
  const { t, slotLabel, allowedValues } = words;
  const navigate = useNavigate();
  const settings = useSettingsOrDefaults();
  const { run, error } = useStorageAction();
  const idPrefix = useId();

  const slots = useMemo(() => answerSlots(definition), [definition]);
  const slotsByItem = useMemo(() => {
    const map = new Map<string, AnswerSlot[]>();
    for (const slot of slots) map.set(slot.item.id, [...(map.get(slot.item.id) ?? []), slot]);
    return map;
  }, [slots]);
  // Text typed into count inputs, by slot key; read synchronously by the handlers.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const draftsRef = useRef<Record<string, string>>({});
  const saves = useSaveQueue(record, definition, run, () => draftsRef.current);
  const { answers } = saves;
  const [refusal, setRefusal] = useState<{ text: string; seq: number } | null>(null);
  const [step, setStep] = useState<'edit' | 'check'>('edit');

  const inputs = useRef(new Map<string, HTMLInputElement>());
  const checkButton = useRef<HTMLButtonElement>(null);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const refusalCount = useRef(0);

  const asked = askedSlotKeys(definition, answers);
  const missing = missingAnswers(definition, answers);
  const required = requiredSlotCount(definition, answers);
  const compact = !definition.items.some((item) => item.text) && slots.length === definition.items.length;
  const allFast = slots.every((slot) => slot.fast);

  const setDraft = (key: string, text: string | undefined) => {
    const next = { ...draftsRef.current };
    if (text === undefined) delete next[key];
    else next[key] = text;
    draftsRef.current = next;
    setDrafts(next);
  };

  const refuse = (slot: AnswerSlot, typed: string) => {
    refusalCount.current += 1;
    setRefusal({ text: t('refused', { slot: slotLabel(slot.item, slot.rating), value: typed, allowed: allowedValues(slot.scale) }), seq: refusalCount.current });
  };

  const accept = (slot: AnswerSlot, value: number | null) => saves.accept(slot, value, () => setRefusal(null));

  /** Focuses the next (or previous) input that is asked; past the last one, the check button. */
  const move = (from: AnswerSlot, direction: Direction) => {
    const target = nextSlot(definition, saves.current(), from, direction);
    if (target) inputs.current.get(target.key)?.focus();
    else if (direction === 1) checkButton.current?.focus();
  };

  const tryFastText = (slot: AnswerSlot, typed: string) => {
    const value = /^\d$/.test(typed) ? Number(typed) : NaN;
    if (!isAllowedValue(slot.scale, value)) {
      refuse(slot, typed);
      return;
    }
    accept(slot, value);
    move(slot, 1);
  };

  const onFastKeyDown = (event: KeyboardEvent<HTMLInputElement>, slot: AnswerSlot) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing) return;
    const direction = directionOfKey(event.key, event.shiftKey, slot.fast);
    if (direction !== null) {
      event.preventDefault();
      move(slot, direction);
      return;
    }
    if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault();
      accept(slot, null);
      return;
    }
    if (event.key.length === 1) {
      event.preventDefault();
      if (event.key.trim() !== '') tryFastText(slot, event.key);
    }
  };

  /** On-screen keyboards and paste arrive as a change: the same rules as a key press. */
  const onFastChange = (slot: AnswerSlot, text: string) => {
    const current = slotValue(saves.current(), slot);
    const typed = typedText(current === null ? '' : String(current), text).trim();
    if (text.trim() === '') accept(slot, null);
    else if (typed !== '') tryFastText(slot, typed);
  };

  /** Checks and stores a count input's text; false when it was refused (the input keeps its previous value). */
  const commitCount = (slot: AnswerSlot): boolean => {
    const text = draftsRef.current[slot.key];
    if (text === undefined) return true;
    const parsed = parseDecimal(text);
    flushSync(() => setDraft(slot.key, undefined));
    if (parsed !== null && !isAllowedValue(slot.scale, parsed)) {
      refuse(slot, text.trim());
      return false;
    }
    if (parsed !== slotValue(saves.current(), slot)) accept(slot, parsed);
    return true;
  };

  const onCountKeyDown = (event: KeyboardEvent<HTMLInputElement>, slot: AnswerSlot) => {
    if (event.nativeEvent.isComposing) return;
    const direction = directionOfKey(event.key, event.shiftKey, slot.fast);
    if (direction === null && event.key !== 'Tab') return;
    const input = event.currentTarget;
    if (!commitCount(slot)) {
      // Refused: stay here with the previous value selected, ready to be typed over.
      event.preventDefault();
      input.select();
      return;
    }
    if (direction !== null) {
      event.preventDefault();
      move(slot, direction);
    }
  };

  const openCheck = () => {
    flushSync(() => setStep('check'));
    checkHeading.current?.focus();
  };

  const backToEditing = () => {
    flushSync(() => setStep('edit'));
    const firstMissing = slots.find((slot) => missing.includes(slot.key));
    const target = firstMissing ? inputs.current.get(firstMissing.key) : null;
    (target ?? checkButton.current)?.focus();
  };

  // The same few explanations repeat on every row ("not asked, because intensity is 0"): word them once.
  const reasonTexts = useMemo(() => {
    const texts = new Map<string, string>();
    const index = indexDefinition(definition);
    for (const slot of slots) {
      const deciding = slot.rating?.condition?.rating;
      const rating = deciding === undefined ? undefined : ratingsOf(index, slot.item)?.find((r) => r.id === deciding);
      const scale = rating ? responseScaleFor(index, slot.item, rating.id) : undefined;
      if (!rating || scale?.type !== 'ordinal') continue;
      for (const value of [null, ...scale.options.map((o) => o.value)]) {
        const reason: NotAskedReason = { kind: 'rating', rating, value };
        texts.set(reasonKey(reason), notAskedText(words, reason));
      }
    }
    return texts;
  }, [definition, slots, words]);
  const reasonText = (slot: AnswerSlot) => {
    const reason = notAskedReason(definition, slot, answers);
    return reasonTexts.get(reasonKey(reason)) ?? notAskedText(words, reason);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, slot: AnswerSlot) => (slot.fast ? onFastKeyDown(event, slot) : onCountKeyDown(event, slot));
  const onChange = (slot: AnswerSlot, text: string) => (slot.fast ? onFastChange(slot, text) : setDraft(slot.key, text));
  const onBlur = (slot: AnswerSlot) => {
    if (!slot.fast) commitCount(slot);
  };
  const latest = useRef({ onKeyDown, onChange, onBlur });
  useLayoutEffect(() => {
    latest.current = { onKeyDown, onChange, onBlur };
  });
  const handlers = useMemo<RowHandlers>(
    () => ({
      register: (key, element) => {
        if (element) inputs.current.set(key, element);
        else inputs.current.delete(key);
      },
      keyDown: (event, slot) => latest.current.onKeyDown(event, slot),
      change: (slot, text) => latest.current.onChange(slot, text),
      blur: (slot) => latest.current.onBlur(slot),
    }),
    [],
  );

  // The status bar sticks to the bottom of the screen: its height, kept in --paper-status-height,
  // is how far above it an input scrolls when it gets focus, so focus is never hidden under it.
  const statusBar = useCallback((bar: HTMLDivElement | null) => {
    if (!bar || typeof ResizeObserver === 'undefined') return;
    const section = bar.parentElement!;
    const observer = new ResizeObserver(() => section.style.setProperty('--paper-status-height', `${bar.offsetHeight}px`));
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  const saveText = saves.state === 'failed' ? '' : t(`save.${saves.state}`);
  const progress = t('progress', { answered: required - missing.length, required });

  if (step === 'check') {
    return (
      <PaperCheck
        recordId={record.id}
        definition={definition}
        answers={answers}
        missing={missing}
        required={required}
        slots={slots}
        asked={asked}
        result={score(definition, answers, absenceThresholdOptions(settings.thresholdPreset, settings.customThresholdPercent))}
        headingRef={checkHeading}
        error={error}
        refusal={refusal?.text ?? null}
        onBack={backToEditing}
        completion={{ run, settled: saves.settled, onCompleted: () => navigate(`/cases/${record.caseId}`) }}
      />
    );
  }

  return (
    <section className="paper-entry" aria-labelledby={`${idPrefix}title`}>
      <h2 id={`${idPrefix}title`}>{t('title')}</h2>
      <p className="muted paper-intro">{t(allFast ? 'introFast' : 'introCount')}</p>
      {definition.transcriptionKey && <p className="notice">{t('keyNotice')}</p>}
      <StorageAlert error={error} />

      <ol className={compact ? 'paper-grid paper-grid-compact' : 'paper-grid'}>
        {definition.items.map((item) => {
          const itemSlots = slotsByItem.get(item.id) ?? [];
          return (
            <PaperRow
              key={item.id}
              item={item}
              slots={itemSlots}
              itemAnswer={answers[item.id]}
              asked={itemSlots.map((slot) => asked.has(slot.key))}
              reasons={itemSlots.map((slot) => (asked.has(slot.key) ? null : reasonText(slot)))}
              drafts={itemSlots.map((slot) => drafts[slot.key])}
              idPrefix={idPrefix}
              language={record.language}
              words={words}
              handlers={handlers}
            />
          );
        })}
      </ol>

      <div className="paper-status" ref={statusBar}>
        <div className="paper-refusal" aria-live="assertive" aria-atomic="true">
          {refusal && <span key={refusal.seq}>{refusal.text}</span>}
        </div>
        <div className="paper-status-row">
          <p className="paper-progress">{progress}</p>
          <p role="status" className="paper-saved">
            {saveText}
          </p>
          <button ref={checkButton} type="button" className="button button-primary" onClick={openCheck}>
            {t('check')}
          </button>
        </div>
      </div>
    </section>
  );
}

interface PaperRowProps {
  item: Item;
  slots: AnswerSlot[];
  itemAnswer: AnswerValue | undefined;
  /** Per slot: asked now; why not (null when asked); the text being typed into a count input. */
  asked: boolean[];
  reasons: (string | null)[];
  drafts: (string | undefined)[];
  idPrefix: string;
  language: Language;
  words: PaperWords;
  handlers: RowHandlers;
}

const sameList = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** One item of the grid: its number, its text (small, in the questionnaire language) and one input per rating. */
const PaperRow = memo(
  function PaperRow({ item, slots, itemAnswer, asked, reasons, drafts, idPrefix, language, words, handlers }: PaperRowProps) {
    const { formatValue, slotLabel, ratingName } = words;
    const textId = `${idPrefix}text-${item.id}`;
    return (
      <li className="paper-row" data-item={item.id}>
        {/* The inputs' labels say "Item 7" (and the rating): the visible number and captions are not read twice. */}
        <span className="paper-number" aria-hidden="true">
          {item.number}
        </span>
        {item.text && (
          <span className="paper-text" id={textId}>
            <LocalText text={item.text} language={language} />
          </span>
        )}
        <span className="paper-inputs">
          {slots.map((slot, index) => {
            const inputId = `${idPrefix}input-${slot.key}`;
            const reasonId = `${idPrefix}reason-${slot.key}`;
            const isAsked = asked[index] === true;
            const reason = reasons[index] ?? null;
            const value = slotValue({ [item.id]: itemAnswer ?? null }, slot);
            const shown = drafts[index] ?? (value === null ? '' : formatValue(value));
            const describedBy = [item.text ? textId : null, reason ? reasonId : null].filter(Boolean).join(' ') || undefined;
            const unit = slot.scale.type === 'count' ? slot.scale.unit : undefined;
            return (
              <span key={slot.key} className="paper-field" title={reason ?? undefined}>
                {slot.rating && (
                  <span className="paper-caption" aria-hidden="true">
                    {ratingName(slot.rating)}
                  </span>
                )}
                <input
                  id={inputId}
                  ref={(element) => handlers.register(slot.key, element)}
                  className={slot.fast ? 'paper-input' : 'paper-input paper-input-count'}
                  type="text"
                  inputMode={inputModeFor(slot.scale)}
                  enterKeyHint="next"
                  autoComplete="off"
                  spellCheck={false}
                  aria-label={slotLabel(item, slot.rating)}
                  aria-describedby={describedBy}
                  disabled={!isAsked}
                  value={isAsked ? shown : '–'}
                  onFocus={(event) => event.currentTarget.select()}
                  onKeyDown={(event) => handlers.keyDown(event, slot)}
                  onChange={(event) => handlers.change(slot, event.target.value)}
                  onBlur={() => handlers.blur(slot)}
                />
                {unit && (
                  <span className="paper-unit" aria-hidden="true">
                    {localize(unit, language).text}
                  </span>
                )}
                {reason && (
                  <span id={reasonId} className="paper-sr-only">
                    {reason}
                  </span>
                )}
              </span>
            );
          })}
        </span>
      </li>
    );
  },
  (a, b) =>
    a.item === b.item &&
    a.slots === b.slots &&
    a.itemAnswer === b.itemAnswer &&
    a.idPrefix === b.idPrefix &&
    a.language === b.language &&
    a.words === b.words &&
    a.handlers === b.handlers &&
    sameList(a.asked, b.asked) &&
    sameList(a.reasons, b.reasons) &&
    sameList(a.drafts, b.drafts),
);

function notAskedText(words: PaperWords, reason: NotAskedReason | null): string {
  const { t, ratingName, formatValue } = words;
  if (!reason) return t('notAskedShort');
  if (reason.kind === 'item') {
    const value = formatValue(reason.value);
    return reason.rating
      ? t('notAsked.itemRating', { number: reason.item.number, rating: ratingName(reason.rating), value })
      : t('notAsked.item', { number: reason.item.number, value });
  }
  if (reason.value === null) return t('notAsked.ratingPending', { rating: ratingName(reason.rating) });
  return t('notAsked.rating', { rating: ratingName(reason.rating), value: formatValue(reason.value) });
}

interface PaperCheckProps {
  recordId: string;
  definition: InstrumentDefinition;
  answers: Answers;
  missing: string[];
  required: number;
  slots: AnswerSlot[];
  asked: Set<string>;
  result: ScoreResult;
  headingRef: RefObject<HTMLHeadingElement | null>;
  error: string | null;
  /** A value typed last that was refused (e.g. on leaving a count input by the check button): it was not stored. */
  refusal: string | null;
  onBack: () => void;
  /** Completing: stores through the form's storage action once its saves are settled, then leaves. */
  completion: Parameters<typeof useCompletion>[1];
}

const MISSING_LISTED = 8;

/** "Check against the paper": every answer, blanks marked, the count and the scores. */
function PaperCheck({ recordId, definition, answers, missing, required, slots, asked, result, headingRef, error, refusal, onBack, completion }: PaperCheckProps) {
  const words = usePaperWords();
  const { t, locale, uiLanguage, formatValue, slotLabel } = words;
  const idPrefix = useId();
  const { confirming, setConfirming, busy, complete } = useCompletion(recordId, completion);
  const confirmText = useRef<HTMLParagraphElement>(null);
  const scoreFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  // One column per kind of answer: "Answer" for single answers, one per rating otherwise.
  const columns: (Rating | undefined)[] = [];
  for (const slot of slots) if (!columns.some((c) => c?.id === slot.rating?.id)) columns.push(slot.rating);
  const missingLabels = slots.filter((slot) => missing.includes(slot.key)).map((slot) => slotLabel(slot.item, slot.rating));
  // A long list is cut: the summary table above marks every missing answer.
  const shownMissing = missingLabels.slice(0, MISSING_LISTED);
  const missingList =
    shownMissing.join(missingLabels.some((label) => label.includes(',')) ? '; ' : ', ') +
    (missingLabels.length > MISSING_LISTED ? ` ${t('moreMissing', { count: missingLabels.length - MISSING_LISTED })}` : '');

  /** What the paper should show for a slot: its value, "missing", "blank" or "not asked". */
  const mark = (slot: AnswerSlot | undefined): { className?: string; content: ReactNode } => {
    if (!slot) return { content: null };
    if (!asked.has(slot.key)) return { className: 'muted', content: t('notAskedShort') };
    const value = slotValue(answers, slot);
    if (value !== null) return { className: 'paper-value', content: formatValue(value) };
    if (missing.includes(slot.key)) return { content: <span className="badge badge-warning">{t('missing')}</span> };
    return { className: 'muted', content: t('blank') };
  };
  const cell = (slot: AnswerSlot | undefined) => {
    const { className, content } = mark(slot);
    return <td className={className}>{content}</td>;
  };
  // One answer per item (an SRAS-R key): the answers in the entry's grid, not one long column.
  const singleAnswer = columns.length === 1 && columns[0] === undefined;

  const askToComplete = () => {
    if (missing.length === 0) {
      void complete(false);
      return;
    }
    flushSync(() => setConfirming(true));
    confirmText.current?.focus();
  };

  const summary = summaryFormat(t, uiLanguage);
  const rankedRating = columns.find((rating) => rating !== undefined && rating.id === definition.profile?.rating);
  const scaleLabel = (id: string) => {
    const scale = definition.scales.find((s) => s.id === id);
    return scale ? localize(scale.label, uiLanguage).text : id;
  };

  return (
    <section className="paper-check" aria-labelledby={`${idPrefix}title`}>
      <h2 id={`${idPrefix}title`} ref={headingRef} tabIndex={-1}>
        {t('check')}
      </h2>
      <p className="lead">{t('checkIntro')}</p>
      <p className="paper-count">
        <strong>{t('progress', { answered: required - missing.length, required })}</strong>
      </p>
      <StorageAlert error={error} />
      {refusal && (
        <p role="alert" className="alert alert-error">
          {refusal}
        </p>
      )}

      <div className="paper-check-body">
        <section aria-labelledby={`${idPrefix}answers`}>
          <h3 id={`${idPrefix}answers`}>{t('answersTitle')}</h3>
          {singleAnswer ? (
            <ol className="paper-grid paper-grid-compact paper-answers">
              {definition.items.map((item) => {
                const { className, content } = mark(slots.find((slot) => slot.item === item));
                return (
                  <li key={item.id} className="paper-row" data-item={item.id}>
                    <span className="paper-number" aria-hidden="true">
                      {item.number}
                    </span>
                    <span className={className}>
                      <span className="visually-hidden">{slotLabel(item)}: </span>
                      {content}
                    </span>
                  </li>
                );
              })}
            </ol>
          ) : (
            <table className="data-table compact paper-summary">
              <thead>
                <tr>
                  <th scope="col">{t('number')}</th>
                  {columns.map((rating) => (
                    <th key={rating?.id ?? ''} scope="col">
                      {rating ? words.ratingName(rating) : t('answer')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {definition.items.map((item) => (
                  <tr key={item.id} data-item={item.id}>
                    <th scope="row">{item.number}</th>
                    {columns.map((rating) => (
                      <Fragment key={rating?.id ?? ''}>{cell(slots.find((slot) => slot.item === item && slot.rating?.id === rating?.id))}</Fragment>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby={`${idPrefix}scores`}>
          <h3 id={`${idPrefix}scores`}>{definition.scales.length === 0 && definition.classification ? t('absence.title') : t('scoresTitle')}</h3>
          {result.ok ? (
            <>
              {result.report.scales.length > 0 && <ScoresTable definition={definition} scales={result.report.scales} slots={slots} />}
              {definition.profile && (
                <p className="paper-primary">
                  <strong>
                    {result.report.primary.length === 0
                      ? primaryStatusLines(statusOf(result.report), scaleLabel)
                          .map((line) => summaryText(line, summary))
                          .join(' ')
                      : t('primary', {
                          count: result.report.primary.length,
                          scales: result.report.primary.map(scaleLabel).join(', '),
                          margin: scoreFormat.format(definition.profile.tieMargin),
                        })}
                  </strong>{' '}
                  {rankedRating && <span className="muted">{t('rankedBy', { rating: words.ratingName(rankedRating) })}</span>}
                </p>
              )}
              {result.report.classification && <AbsenceSummary definition={definition} classification={result.report.classification} withHeading={definition.scales.length > 0} />}
            </>
          ) : (
            <div role="alert" className="alert alert-error">
              <p>{t('cannotScore')}</p>
              <ul>
                {result.errors.map((problem, index) => {
                  const item = definition.items.find((i) => i.id === problem.item);
                  return <li key={index}>{t(`validation:${problem.code}`, { ...problem.params, item: item ? item.number : problem.item })}</li>;
                })}
              </ul>
            </div>
          )}
        </section>
      </div>

      {confirming ? (
        <div className="notice notice-warning paper-confirm" role="group" aria-labelledby={`${idPrefix}confirm`}>
          <p id={`${idPrefix}confirm`} ref={confirmText} tabIndex={-1}>
            {t('missingConfirm', { count: missing.length, items: missingList })}
          </p>
          <div className="paper-actions">
            <button type="button" className="button" onClick={onBack}>
              {t('backToEditing')}
            </button>
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void complete(true)}>
              {t('completeWithMissing')}
            </button>
          </div>
        </div>
      ) : (
        <div className="paper-actions">
          <button type="button" className="button" onClick={onBack}>
            {t('backToEditing')}
          </button>
          {result.ok && (
            <button type="button" className="button button-primary" disabled={busy} onClick={askToComplete}>
              {t('complete')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** Each scale's score with two decimals; multi-rating scales get one column per rating. */
function ScoresTable({ definition, scales, slots }: { definition: InstrumentDefinition; scales: ScaleScore[]; slots: AnswerSlot[] }) {
  const words = usePaperWords();
  const { t, locale, uiLanguage } = words;
  const scoreFormat = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const ratingIds = [...new Set(scales.map((scale) => scale.rating))];
  const scaleIds = [...new Set(scales.map((scale) => scale.id))];
  const ratingOf = (id: string | undefined) => (id === undefined ? undefined : slots.find((slot) => slot.rating?.id === id)?.rating);
  const label = (id: string) => {
    const scale = definition.scales.find((s) => s.id === id);
    return scale ? <LocalText text={scale.label} language={uiLanguage} /> : id;
  };
  const answered = (scale: ScaleScore) => (
    <>
      {t('answeredOf', { answered: scale.answered, items: scale.items })}
      {scale.prorated && <span className="badge badge-muted paper-badge">{t('prorated')}</span>}
    </>
  );

  if (ratingIds.length === 1 && ratingIds[0] === undefined) {
    return (
      <table className="data-table paper-scores">
        <thead>
          <tr>
            <th scope="col">{t('scale')}</th>
            <th scope="col">{t('score')}</th>
            <th scope="col">{t('answered')}</th>
          </tr>
        </thead>
        <tbody>
          {scales.map((scale) => (
            <tr key={scale.id} data-scale={scale.id}>
              <th scope="row">{label(scale.id)}</th>
              <td className="paper-value">
                {scale.score === null ? <span className="muted">{t('notScored', { min: scale.minAnswered })}</span> : scoreFormat.format(scale.score)}
              </td>
              <td>{answered(scale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <table className="data-table paper-scores">
      <thead>
        <tr>
          <th scope="col">{t('scale')}</th>
          {ratingIds.map((id) => {
            const rating = ratingOf(id);
            return (
              <th key={id ?? ''} scope="col">
                {rating ? words.ratingName(rating) : (id ?? t('score'))}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {scaleIds.map((scaleId) => (
          <tr key={scaleId} data-scale={scaleId}>
            <th scope="row">{label(scaleId)}</th>
            {ratingIds.map((ratingId) => {
              const scale = scales.find((s) => s.id === scaleId && s.rating === ratingId);
              if (!scale) return <td key={ratingId ?? ''} />;
              return (
                <td key={ratingId ?? ''} className="paper-value" data-rating={ratingId}>
                  {scale.score === null ? (
                    <span className="muted" title={t('notScored', { min: scale.minAnswered })}>
                      –<span className="paper-sr-only"> {t('notScored', { min: scale.minAnswered })}</span>
                    </span>
                  ) : (
                    <strong>{scoreFormat.format(scale.score)}</strong>
                  )}
                  <span className="paper-answered">{answered(scale)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AbsenceSummary({ definition, classification, withHeading }: { definition: InstrumentDefinition; classification: ClassificationReport; withHeading: boolean }) {
  const { t, i18n } = useTranslation('paper');
  const locale = i18n.language;
  const uiLanguage: Language = isLanguage(locale) ? locale : 'en';
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
  const percent = (value: number) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  const days = (value: number) => t('absence.days', { count: value, days: number.format(value) });
  const share = (value: number, ofPeriod: number | null) => (ofPeriod === null ? days(value) : t('absence.ofPeriod', { days: days(value), percent: percent(ofPeriod) }));
  const categories = definition.classification?.categories ?? [];
  const idPrefix = useId();
  const threshold = { percent: percent(classification.thresholdPercent) };
  const flagText = (flag: boolean | null, compared: boolean) =>
    classification.periodDays === null || classification.periodDays <= 0
      ? t('absence.unknown')
      : !compared
        ? t('absence.notCompared', threshold)
        : t(flag ? 'absence.reached' : 'absence.notReached', threshold);

  return (
    <section className="paper-absence" aria-labelledby={withHeading ? `${idPrefix}absence` : undefined}>
      {withHeading && <h4 id={`${idPrefix}absence`}>{t('absence.title')}</h4>}
      <dl className="facts facts-wide">
        <div>
          <dt>{t('absence.period')}</dt>
          <dd>{classification.periodDays === null ? t('absence.periodMissing') : days(classification.periodDays)}</dd>
        </div>
        <div>
          <dt>{t('absence.total')}</dt>
          <dd>{share(classification.totalDays, classification.totalPercent)}</dd>
        </div>
        <div>
          <dt>{t('absence.problematic')}</dt>
          <dd>{share(classification.problematicDays, classification.problematicPercent)}</dd>
        </div>
        <div>
          <dt>{t('absence.flagTotal')}</dt>
          <dd>{flagText(classification.totalFlagged, classification.thresholdForTotal)}</dd>
        </div>
        <div>
          <dt>{t('absence.flagProblematic')}</dt>
          <dd>{flagText(classification.problematicFlagged, true)}</dd>
        </div>
      </dl>
      <table className="data-table compact paper-categories">
        <thead>
          <tr>
            <th scope="col">{t('absence.category')}</th>
            <th scope="col">{t('absence.daysColumn')}</th>
            <th scope="col">{t('absence.percentColumn')}</th>
            <th scope="col">{t('absence.problematicColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {classification.categories.map((category) => {
            const label = categories.find((c) => c.id === category.id)?.label;
            return (
              <tr key={category.id} data-category={category.id}>
                <th scope="row">{label ? <LocalText text={label} language={uiLanguage} /> : category.id}</th>
                <td className="paper-value">{number.format(category.days)}</td>
                <td className="paper-value">{category.percent === null ? '–' : percent(category.percent)}</td>
                <td>{t(category.problematic ? 'absence.yes' : 'absence.no')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
