/**
 * The questionnaire runner. Two layouts of the same form:
 * - one item per screen (self-report on this device, and hand-over): instructions, then each asked
 *   item on its own screen, then a review screen that completes the administration;
 * - the whole form on one page (interview).
 * Every answer is saved the moment it is given (one transaction), together with the screen to
 * resume at; the live record from the database decides what is shown as answered.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition, Item, Language, ResponseScale } from '../../instrument/schema';
import { answerOf, askedItems, askedRatings, missingAnswers } from '../../instrument/flow';
import { indexDefinition, ratingsOf } from '../../instrument/model';
import type { Answers } from '../../instrument/answers';
import { flushDraft, saveAnswer, setPosition } from '../../storage/administrations';
import { usePageLeave } from '../app/use-page-leave';
import type { AdministrationRecord } from '../../storage/records';
import { revOf } from '../../storage/revision';
import { useDatabase } from '../app/database-context';
import { LocalText } from '../app/LocalText';
import { StorageAlert, useStorageAction } from '../app/storage-feedback';
import { NOT_ALLOWED, answerFormSchema, formatAnswerValue, isAllowedText, stepValue, toFormValues, type AnswerFormValues } from './answer-form';
import { applyAnswer } from '../../instrument/flow';
import { parseDecimal } from '../../format/number';
import { answerSlots, slotChange, slotFor, slotValue, type AnswerSlot } from './answer-slots';
import './administer.css';
import { useOneRowOrList } from './use-one-row';
import { useCompletion } from './use-completion';

export type RunnerLayout = 'one-per-screen' | 'whole-form';

interface RunnerProps {
  record: AdministrationRecord;
  definition: InstrumentDefinition;
  layout: RunnerLayout;
  /** Words for a pupil or parent holding the device (hand-over) rather than for the practitioner. */
  respondent?: boolean;
  /** Called once the administration is stored as complete. */
  onCompleted?: () => void;
}

/** Screens of the one-item-per-screen layout: instructions (if any), each asked item, the review. */
export function screenKeys(definition: InstrumentDefinition, answers: Answers): string[] {
  return [...(definition.instructions ? ['instructions'] : []), ...askedItems(definition, answers).map((item) => `item:${item.id}`), 'review'];
}

/** Every asked rating of the item is answered. */
function itemAnswered(definition: InstrumentDefinition, item: Item, answers: Answers): boolean {
  return askedRatings(definition, item, answers).every((rating) => answerOf(answers, item.id, rating?.id) !== null);
}

/** How many asked items have every asked answer, of how many asked items. */
export function answeredProgress(definition: InstrumentDefinition, answers: Answers): { answered: number; total: number } {
  const items = askedItems(definition, answers);
  return { answered: items.filter((item) => itemAnswered(definition, item, answers)).length, total: items.length };
}

/** Items with a required answer still missing, in form order. */
function missingItems(definition: InstrumentDefinition, answers: Answers): Item[] {
  const keys = missingAnswers(definition, answers);
  return askedItems(definition, answers).filter((item) => keys.some((key) => key === item.id || key.startsWith(`${item.id}.`)));
}

export function Runner(props: RunnerProps) {
  const { record, definition, layout } = props;
  const { i18n } = useTranslation();
  const resolver = useMemo(() => zodResolver(answerFormSchema(definition)), [definition]);
  // The stored answers when the runner opens; from then on every change is saved as it is made.
  const [defaultValues] = useState(() => toFormValues(definition, record.answers, i18n.language));
  const form = useForm<AnswerFormValues>({ resolver, defaultValues, mode: 'onChange' });
  const saving = useAnswerSaving(record, definition, form);
  return layout === 'one-per-screen' ? <OneItemPerScreen {...props} form={form} saving={saving} /> : <WholeForm {...props} form={form} saving={saving} />;
}

type Saving = ReturnType<typeof useAnswerSaving>;

/** Saves one changed field: validated by the form's schema, stored in one transaction, undone in the form if storing fails. */
function useAnswerSaving(record: AdministrationRecord, definition: InstrumentDefinition, form: UseFormReturn<AnswerFormValues>) {
  const db = useDatabase();
  const { i18n } = useTranslation();
  const storage = useStorageAction();
  // The newest stored answers, for changes given faster than the live query re-renders.
  const latest = useRef(record.answers);
  const latestRecord = useRef(record);
  // Text typed into a field whose save has not finished yet, by field name.
  const pending = useRef(new Map<string, { field: AnswerSlot; text: string }>());
  // This page's own writes: how many are under way, and the newest revision they stored. A live
  // read answered while a write was under way, or the echo of this page's own write, can arrive
  // late (on a busy device): following it would put an older value back into a field the user has
  // typed in since. Only a read of a newer revision (another tab's change) is followed.
  const writing = useRef(0);
  const savedRev = useRef(-1);
  useEffect(() => {
    if (writing.current > 0 || revOf(record) <= savedRev.current) return;
    latest.current = record.answers;
    latestRecord.current = record;
    // Follow the stored answers (another tab may have answered): a field shows what is stored,
    // unless its own save is under way or it holds text that is not a value yet.
    for (const field of answerSlots(definition)) {
      if (pending.current.has(field.name)) continue;
      const shown = parseDecimal(form.getValues(field.name) ?? '');
      const stored = slotValue(record.answers, field);
      if (shown !== stored && !Number.isNaN(shown)) form.setValue(field.name, formatAnswerValue(stored, i18n.language));
    }
  }, [record, definition, form, i18n.language]);

  // A count typed and the tab closed at once: the last keystroke is written before the page goes.
  usePageLeave(() => {
    const changes = [...pending.current.values()].filter(({ field, text }) => isAllowedText(field.scale, text)).map(({ field, text }) => slotChange(field, parseDecimal(text)));
    flushDraft(db, definition, { ...latestRecord.current, answers: latest.current }, changes);
  });

  /**
   * Stores the field's value. `position` gives the screen to resume at, from the answers after
   * this change. Returns the answers after the change, or null when nothing was stored.
   */
  async function save(field: AnswerSlot, text: string, position?: (answers: Answers) => number): Promise<Answers | null> {
    pending.current.set(field.name, { field, text });
    writing.current += 1;
    try {
      return await store(field, text, position);
    } finally {
      writing.current -= 1;
      if (pending.current.get(field.name)?.text === text) pending.current.delete(field.name);
    }
  }

  /** Notes the revision one of this page's writes stored. */
  const wrote = (record: AdministrationRecord) => {
    savedRev.current = Math.max(savedRev.current, revOf(record));
  };

  async function store(field: AnswerSlot, text: string, position?: (answers: Answers) => number): Promise<Answers | null> {
    if (!(await form.trigger(field.name))) return null;
    const value = parseDecimal(text);
    const before = latest.current;
    const stored = slotValue(before, field);
    const after = applyAnswer(definition, before, slotChange(field, value));
    // A rating that is no longer asked (the impact once the intensity is 0) is cleared with it.
    const stale = (ratingsOf(indexDefinition(definition), field.item) ?? []).filter(
      (rating) => rating.id !== field.rating?.id && answerOf(before, field.item.id, rating.id) !== null && answerOf(after, field.item.id, rating.id) === null,
    );
    if (value === stored && stale.length === 0) {
      if (position) await storage.run(async () => wrote(await setPosition(db, record.id, position(after))));
      return after;
    }
    const ok = await storage.run(async () => {
      // Storage applies the same rule (applyAnswer), so the stale rating goes in the same write.
      wrote(await saveAnswer(db, definition, record.id, slotChange(field, value), position?.(after)));
    });
    if (!ok) {
      // Show what is stored, so nothing looks saved that is not.
      const current = latest.current;
      form.setValue(field.name, formatAnswerValue(slotValue(current, field), i18n.language));
      for (const rating of stale) {
        const staleField = slotFor(definition, field.item.id, rating.id);
        if (staleField) form.setValue(staleField.name, formatAnswerValue(answerOf(current, field.item.id, rating.id), i18n.language));
      }
      return null;
    }
    latest.current = after;
    for (const rating of stale) {
      const staleField = slotFor(definition, field.item.id, rating.id);
      if (staleField) form.setValue(staleField.name, '');
    }
    return after;
  }

  return { save, storage, db };
}

/* ───────────────────────────── one item per screen ───────────────────────────── */

function OneItemPerScreen({ record, definition, respondent = false, onCompleted, form, saving }: RunnerProps & { form: UseFormReturn<AnswerFormValues>; saving: Saving }) {
  const { t } = useTranslation('administer');
  const { storage, db } = saving;
  const answers = record.answers;
  const keys = screenKeys(definition, answers);
  const [current, setCurrent] = useState(() => keys[Math.min(Math.max(record.position, 0), keys.length - 1)]!);
  let index = keys.indexOf(current);
  if (index < 0) index = Math.min(Math.max(record.position, 0), keys.length - 1);
  const screen = keys[index]!;
  const items = askedItems(definition, answers);
  const item = screen.startsWith('item:') ? indexDefinition(definition).items.get(screen.slice(5)) : undefined;

  // Move focus to the new screen's heading, so a screen reader reads the next question.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownScreen = useRef(screen);
  useEffect(() => {
    if (shownScreen.current === screen) return;
    shownScreen.current = screen;
    heading.current?.focus();
  }, [screen]);

  const moveTo = (target: number) => {
    const bounded = Math.min(Math.max(target, 0), keys.length - 1);
    setCurrent(keys[bounded]!);
    void storage.run(() => setPosition(db, record.id, bounded));
  };

  // An answer chosen with a pointer moves on by itself once the screen is answered; arrow keys only select.
  const pointerChoice = useRef(false);
  const onAnswer = async (field: AnswerSlot, text: string, mayAdvance: boolean) => {
    const advance = mayAdvance && pointerChoice.current;
    pointerChoice.current = false;
    const after = await saving.save(field, text, (next) => {
      const nextKeys = screenKeys(definition, next);
      const here = Math.max(nextKeys.indexOf(screen), 0);
      return advance && itemAnswered(definition, field.item, next) ? Math.min(here + 1, nextKeys.length - 1) : here;
    });
    if (after && advance && itemAnswered(definition, field.item, after)) {
      const nextKeys = screenKeys(definition, after);
      const target = nextKeys[nextKeys.indexOf(screen) + 1];
      if (target) setCurrent(target);
    }
  };

  const next = () => moveTo(index + 1);
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    pointerChoice.current = false;
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type === 'radio') {
      event.preventDefault();
      next();
    }
  };

  const itemPosition = item ? items.findIndex((entry) => entry.id === item.id) + 1 : screen === 'review' ? items.length : 0;

  return (
    <div className="runner runner-one">
      <Progress now={itemPosition} total={items.length} screen={screen} />
      <StorageAlert error={storage.error} />
      {screen === 'instructions' && definition.instructions && (
        <form
          className="runner-screen"
          onSubmit={(event) => {
            event.preventDefault();
            next();
          }}
        >
          <h2 ref={heading} tabIndex={-1} className="runner-screen-title">
            {t('runner.instructionsTitle')}
          </h2>
          <LocalText as="p" text={definition.instructions} language={record.language} />
          <div className="runner-nav">
            <button type="submit" className="button button-primary button-large">
              {t('runner.start')}
            </button>
          </div>
        </form>
      )}
      {item && (
        <form
          className="runner-screen"
          noValidate
          onKeyDown={onKeyDown}
          onPointerDown={(event: PointerEvent<HTMLFormElement>) => {
            pointerChoice.current = (event.target as HTMLElement).closest('.answer-option') !== null;
          }}
          onSubmit={(event) => {
            event.preventDefault();
            next();
          }}
        >
          <ItemQuestion
            key={item.id}
            item={item}
            definition={definition}
            answers={answers}
            language={record.language}
            form={form}
            headingLevel={2}
            headingRef={heading}
            large
            onAnswer={onAnswer}
          />
          <div className="runner-nav">
            <button type="button" className="button button-large" onClick={() => moveTo(index - 1)} disabled={index === 0}>
              {t('runner.back')}
            </button>
            <button type="submit" className="button button-primary button-large">
              {t('runner.next')}
            </button>
          </div>
        </form>
      )}
      {screen === 'review' && (
        <div className="runner-screen">
          <Review
            definition={definition}
            record={record}
            respondent={respondent}
            headingRef={heading}
            headingLevel={2}
            onJump={(itemId) => moveTo(keys.indexOf(`item:${itemId}`))}
            onCompleted={onCompleted}
          />
          <div className="runner-nav">
            <button type="button" className="button button-large" onClick={() => moveTo(index - 1)} disabled={index === 0}>
              {t('runner.back')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function Progress({ now, total, screen }: { now: number; total: number; screen: string }) {
  const { t } = useTranslation('administer');
  const label =
    screen === 'instructions'
      ? t('runner.progressInstructions', { count: total })
      : screen === 'review'
        ? t('runner.progressReview')
        : t('runner.progress', { number: now, total });
  const percent = total === 0 ? 100 : Math.round((now / total) * 100);
  return (
    <div className="runner-progress">
      <p id="runner-progress-label" className="runner-progress-label">
        {label}
      </p>
      <div
        className="runner-progress-bar"
        role="progressbar"
        aria-labelledby="runner-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={now}
        aria-valuetext={label}
      >
        <div className="runner-progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/* ───────────────────────────── the whole form on one page ───────────────────────────── */

function WholeForm({ record, definition, respondent = false, onCompleted, form, saving }: RunnerProps & { form: UseFormReturn<AnswerFormValues>; saving: Saving }) {
  const { t } = useTranslation('administer');
  const items = askedItems(definition, record.answers);
  const jump = (itemId: string) => {
    const block = document.getElementById(questionId(itemId));
    block?.scrollIntoView?.({ block: 'center' });
    const input = block?.closest('.runner-item')?.querySelector<HTMLInputElement>('input');
    input?.focus();
  };
  return (
    <div className="runner runner-whole">
      <StorageAlert error={saving.storage.error} />
      {definition.instructions && (
        <section className="notice runner-instructions" aria-labelledby="runner-instructions-title">
          <h2 id="runner-instructions-title">{t('runner.instructionsTitle')}</h2>
          <LocalText as="p" text={definition.instructions} language={record.language} />
        </section>
      )}
      <form className="runner-form" noValidate onSubmit={(event) => event.preventDefault()}>
        <ol className="runner-items">
          {items.map((item) => (
            <li key={item.id} className="runner-item card">
              <ItemQuestion
                item={item}
                definition={definition}
                answers={record.answers}
                language={record.language}
                form={form}
                headingLevel={3}
                showNumber
                clearable
                onAnswer={(field, text) => void saving.save(field, text)}
              />
            </li>
          ))}
        </ol>
      </form>
      <section className="runner-review card" aria-labelledby="runner-review-title">
        <Review definition={definition} record={record} respondent={respondent} headingLevel={2} onJump={jump} onCompleted={onCompleted} />
      </section>
    </div>
  );
}

/* ───────────────────────────── one item ───────────────────────────── */

const questionId = (itemId: string) => `question-${itemId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface ItemQuestionProps {
  item: Item;
  definition: InstrumentDefinition;
  answers: Answers;
  language: Language;
  form: UseFormReturn<AnswerFormValues>;
  headingLevel: 2 | 3;
  headingRef?: Ref<HTMLHeadingElement>;
  large?: boolean;
  showNumber?: boolean;
  clearable?: boolean;
  onAnswer: (field: AnswerSlot, text: string, mayAdvance: boolean) => void | Promise<void>;
}

function ItemQuestion({ item, definition, answers, language, form, headingLevel, headingRef, large, showNumber, clearable, onAnswer }: ItemQuestionProps) {
  const { t } = useTranslation('administer');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = questionId(item.id);
  const ratings = askedRatings(definition, item, answers);
  return (
    <div className={large ? 'runner-question runner-question-large' : 'runner-question'}>
      <Heading id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="runner-question-text">
        {showNumber && <span className="runner-item-number">{item.number}.</span>}{' '}
        {item.text ? <LocalText text={item.text} language={language} /> : <span>{t('runner.itemWithoutText', { number: item.number })}</span>}
      </Heading>
      {ratings.map((rating) => {
        const field = slotFor(definition, item.id, rating?.id);
        if (!field) return null;
        return (
          <AnswerInput
            key={field.name}
            field={field}
            questionId={id}
            language={language}
            form={form}
            stored={answerOf(answers, item.id, rating?.id)}
            clearable={clearable ?? false}
            itemNumber={item.number}
            onAnswer={onAnswer}
          />
        );
      })}
    </div>
  );
}

interface AnswerInputProps {
  field: AnswerSlot;
  questionId: string;
  language: Language;
  form: UseFormReturn<AnswerFormValues>;
  stored: number | null;
  clearable: boolean;
  itemNumber: string;
  onAnswer: ItemQuestionProps['onAnswer'];
}

function AnswerInput(props: AnswerInputProps) {
  const { field, questionId: question, language } = props;
  const ratingLabelId = `${question}-${field.rating?.id ?? 'answer'}-label`;
  const labelledBy = field.rating ? ratingLabelId : question;
  return (
    <div className="runner-answer">
      {field.rating && (
        <p id={ratingLabelId} className="runner-rating-label">
          <LocalText text={field.rating.label} language={language} />
        </p>
      )}
      {field.scale.type === 'ordinal' ? (
        <OrdinalInput {...props} scale={field.scale} labelledBy={labelledBy} />
      ) : (
        <CountInput {...props} scale={field.scale} labelledBy={labelledBy} />
      )}
    </div>
  );
}

function OrdinalInput({
  field,
  language,
  form,
  stored,
  clearable,
  itemNumber,
  onAnswer,
  scale,
  labelledBy,
}: AnswerInputProps & { scale: Extract<ResponseScale, { type: 'ordinal' }>; labelledBy: string }) {
  const { t } = useTranslation('administer');
  const registered = form.register(field.name, { onChange: (event: { target: HTMLInputElement }) => void onAnswer(field, event.target.value, true) });
  const selected = form.watch(field.name);
  const options = useOneRowOrList<HTMLDivElement>();
  return (
    <>
      <div ref={options} role="radiogroup" aria-labelledby={labelledBy} className="answer-options">
        {scale.options.map((option) => {
          const value = String(option.value);
          return (
            <label key={option.value} className={selected === value ? 'answer-option selected' : 'answer-option'}>
              <input type="radio" {...registered} value={value} />
              <span className="answer-option-label">
                <LocalText text={option.label} language={language} />
              </span>
              <span className="answer-option-value" aria-hidden="true">
                {option.value}
              </span>
            </label>
          );
        })}
      </div>
      {clearable && stored !== null && (
        <button
          type="button"
          className="runner-clear"
          onClick={() => {
            form.setValue(field.name, '');
            void onAnswer(field, '', false);
          }}
        >
          {t('runner.clear', { number: itemNumber })}
        </button>
      )}
    </>
  );
}

function CountInput({ field, language, form, onAnswer, scale, labelledBy }: AnswerInputProps & { scale: Extract<ResponseScale, { type: 'count' }>; labelledBy: string }) {
  const { t, i18n } = useTranslation('administer');
  const inputId = `${field.name}-input`;
  const hintId = `${field.name}-hint`;
  const errorId = `${field.name}-error`;
  const error = form.formState.errors[field.name];
  const registered = form.register(field.name, { onChange: (event: { target: HTMLInputElement }) => void onAnswer(field, event.target.value, false) });
  const allowed = useAllowedText(scale);
  const step = (direction: 1 | -1) => {
    const current = parseDecimal(form.getValues(field.name) ?? '');
    const value = stepValue(scale, current !== null && Number.isFinite(current) ? current : null, direction);
    const text = formatAnswerValue(value, i18n.language);
    form.setValue(field.name, text);
    void onAnswer(field, text, false);
  };
  const stepText = scale.step.toLocaleString(i18n.language);
  return (
    <div className="count-answer">
      <div className="count-controls">
        <button type="button" className="count-step" aria-label={t('runner.decrease', { step: stepText })} onClick={() => step(-1)}>
          −
        </button>
        <input
          id={inputId}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          className="count-input"
          aria-labelledby={labelledBy}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          {...registered}
        />
        <button type="button" className="count-step" aria-label={t('runner.increase', { step: stepText })} onClick={() => step(1)}>
          +
        </button>
        {scale.unit && (
          <span className="count-unit">
            <LocalText text={scale.unit} language={language} />
          </span>
        )}
      </div>
      <p id={hintId} className="muted count-hint">
        {t('runner.allowed', { allowed })}
      </p>
      {error && (
        <p id={errorId} role="alert" className="alert alert-error">
          {error.message === NOT_ALLOWED ? t('runner.notAllowed', { allowed }) : error.message}
        </p>
      )}
    </div>
  );
}

/** "0–60" or "0–60 in steps of 0.5", in the interface language. */
export function useAllowedText(scale: ResponseScale): string {
  const { t, i18n } = useTranslation('administer');
  return useMemo(() => {
    const n = (value: number) => value.toLocaleString(i18n.language);
    if (scale.type === 'ordinal') return scale.options.map((option) => n(option.value)).join(', ');
    return scale.step === 1 ? t('runner.range', { min: n(scale.min), max: n(scale.max) }) : t('runner.rangeStep', { min: n(scale.min), max: n(scale.max), step: n(scale.step) });
  }, [scale, t, i18n.language]);
}

/* ───────────────────────────── review and completion ───────────────────────────── */

interface ReviewProps {
  definition: InstrumentDefinition;
  record: AdministrationRecord;
  respondent: boolean;
  headingLevel: 2 | 3;
  headingRef?: Ref<HTMLHeadingElement>;
  onJump: (itemId: string) => void;
  onCompleted?: (() => void) | undefined;
}

function Review({ definition, record, respondent, headingLevel, headingRef, onJump, onCompleted }: ReviewProps) {
  const { t } = useTranslation('administer');
  const storage = useStorageAction();
  const { confirming, setConfirming, busy, complete } = useCompletion(record.id, { run: storage.run, onCompleted });
  const missing = missingItems(definition, record.answers);
  const missingCount = missingAnswers(definition, record.answers).length;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const words = respondent ? 'respondent' : 'practitioner';

  return (
    <div className="runner-review-body">
      <Heading id="runner-review-title" ref={headingRef} tabIndex={headingRef ? -1 : undefined} className="runner-screen-title">
        {t(`review.${words}.title`)}
      </Heading>
      {missing.length === 0 ? (
        <p>{t(`review.${words}.allAnswered`)}</p>
      ) : (
        <>
          <p id="runner-missing-intro">{t(`review.${words}.missing`, { count: missingCount })}</p>
          <ul className="runner-missing" aria-labelledby="runner-missing-intro">
            {missing.map((item) => (
              <li key={item.id}>
                <button type="button" className="runner-jump" onClick={() => onJump(item.id)}>
                  {t('review.goTo', { number: item.number })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <StorageAlert error={storage.error} />
      {confirming ? (
        <div className="runner-confirm notice notice-warning" role="group" aria-labelledby="runner-confirm-title">
          <p id="runner-confirm-title">
            <strong>{t(`review.${words}.confirmTitle`)}</strong>
          </p>
          <p>{t(`review.${words}.confirmText`, { count: missingCount })}</p>
          <div className="runner-nav">
            <button type="button" className="button button-primary button-large" disabled={busy} onClick={() => void complete(true)}>
              {t(`review.${words}.confirm`)}
            </button>
            <button type="button" className="button button-large" onClick={() => setConfirming(false)}>
              {t(`review.${words}.cancel`)}
            </button>
          </div>
        </div>
      ) : (
        <div className="runner-nav">
          <button
            type="button"
            className="button button-primary button-large"
            disabled={missing.length > 0 || busy}
            aria-describedby={missing.length > 0 ? 'runner-complete-hint' : undefined}
            onClick={() => void complete(false)}
          >
            {t(`review.${words}.complete`)}
          </button>
          {missing.length > 0 && (
            <button type="button" className="button button-large" onClick={() => setConfirming(true)}>
              {t(`review.${words}.completeWithMissing`)}
            </button>
          )}
        </div>
      )}
      {missing.length > 0 && !confirming && (
        <p id="runner-complete-hint" className="muted">
          {t(`review.${words}.completeHint`)}
        </p>
      )}
    </div>
  );
}
