// The visitor's choices before the service tap: which screen shows, and which way they came
// (green channel, another priority class, proxy for whom and by whom, or an ID reading). Used by
// the visit store; holds no ticket and talks to no server.
import { computed, ref } from 'vue';
import { ELDERLY_CLASS, NORMAL_CLASS, type PriorityClass } from '@hall/shared/contracts/entities';
import type { IdNumberProblem } from '@hall/shared/idNumber';
import { checkVisitorId } from '../idReader/checkVisitorId';
import type { IdReading } from '../idReader/types';
import type { IdResult, ProxyRelation, VisitChoice } from './visitIssueInput';

export type Screen =
  'idle' | 'classes' | 'choose' | 'idEntry' | 'appointment' | 'appointmentOutcome' | 'result';
export type ChooseMode = 'elderly' | 'priority' | 'proxy' | 'id';

export interface ChoiceContext {
  /** The hall's priority classes (undefined before the first snapshot). */
  classes: () => readonly PriorityClass[] | undefined;
  elderlyAge: () => number;
  /** The hall's business day, for the age on an ID card. */
  businessDay: () => string;
}

export function useVisitChoice(context: ChoiceContext) {
  const screen = ref<Screen>('idle');
  const mode = ref<ChooseMode>('elderly');
  /** With mode 'priority': the class chosen on the start screen (e.g. 'disabled'). */
  const priorityClassId = ref<string | null>(null);
  /** With mode 'proxy': the class of the person the ticket is for ('normal' for anyone else). */
  const proxyFor = ref<string>(ELDERLY_CLASS);
  const proxyRelation = ref<ProxyRelation | null>(null);
  const idResult = ref<IdResult | null>(null);
  const idProblem = ref<IdNumberProblem | null>(null);

  const proxyForElderly = computed(() => proxyFor.value === ELDERLY_CLASS);
  /** Priority classes other than the green channel's, in the hall's order. */
  const otherPriorityClasses = computed(() =>
    (context.classes() ?? []).filter((c) => c.id !== ELDERLY_CLASS && c.id !== NORMAL_CLASS),
  );
  const chosenClass = computed(
    () => otherPriorityClasses.value.find((c) => c.id === priorityClassId.value) ?? null,
  );

  function reset(): void {
    screen.value = 'idle';
    priorityClassId.value = null;
    proxyFor.value = ELDERLY_CLASS;
    proxyRelation.value = null;
    idResult.value = null;
    idProblem.value = null;
  }

  function chooseElderly(): void {
    mode.value = 'elderly';
    screen.value = 'choose';
  }

  /** Several other classes: one more screen to pick one (at most one more tap). */
  function openClassPicker(): void {
    screen.value = 'classes';
  }

  function choosePriorityClass(classId: string): void {
    priorityClassId.value = classId;
    mode.value = 'priority';
    screen.value = 'choose';
  }

  function chooseProxy(): void {
    mode.value = 'proxy';
    proxyFor.value = ELDERLY_CLASS;
    proxyRelation.value = null;
    screen.value = 'choose';
  }

  function setProxyFor(classId: string): void {
    proxyFor.value = classId;
  }

  function setProxyForElderly(value: boolean): void {
    setProxyFor(value ? ELDERLY_CLASS : NORMAL_CLASS);
  }

  function setProxyRelation(value: ProxyRelation | null): void {
    proxyRelation.value = value;
  }

  function openIdEntry(): void {
    idProblem.value = null;
    screen.value = 'idEntry';
  }

  /** From a card reader or the keypad. Returns the problem, if any, for the keypad to show. */
  function acceptIdReading(reading: IdReading): IdNumberProblem | null {
    const check = checkVisitorId(reading, context.businessDay(), context.elderlyAge());
    if (!check.ok) {
      idProblem.value = check.problem;
      screen.value = 'idEntry';
      return check.problem;
    }
    idProblem.value = null;
    idResult.value = { masked: check.masked, age: check.age, elderly: check.elderly };
    mode.value = 'id';
    screen.value = 'choose';
    return null;
  }

  /** The way the visitor came to the service they are about to tap. */
  function currentChoice(): VisitChoice {
    if (screen.value === 'idle') return { kind: 'normal' };
    switch (mode.value) {
      case 'elderly':
        return { kind: 'elderly' };
      case 'priority':
        return { kind: 'priority', classId: priorityClassId.value ?? NORMAL_CLASS };
      case 'proxy':
        return { kind: 'proxy', forClass: proxyFor.value, relation: proxyRelation.value };
      case 'id':
        return { kind: 'id', id: idResult.value };
    }
  }

  return {
    screen,
    mode,
    priorityClassId,
    chosenClass,
    otherPriorityClasses,
    proxyFor,
    proxyForElderly,
    proxyRelation,
    idResult,
    idProblem,
    reset,
    chooseElderly,
    openClassPicker,
    choosePriorityClass,
    chooseProxy,
    setProxyFor,
    setProxyForElderly,
    setProxyRelation,
    openIdEntry,
    acceptIdReading,
    currentChoice,
  };
}
