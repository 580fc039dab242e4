// The front desk's form (issue 15): the kiosk's choices — service, class (normal, the green
// channel, other priority classes), proxy with the relationship, an optional ID number — turned
// into the desk:issue request. Pure. The ID number is checked and masked here, in the page: only
// the masked form leaves it (DESIGN §4), and an age at or over the hall's elderly age puts the
// visitor in the green channel as the kiosk does.
import { ELDERLY_CLASS, NORMAL_CLASS, type PriorityClass } from '@hall/shared/contracts/entities';
import type { IssueTicketInput } from '@hall/shared/contracts/schemas';
import { ageOn, parseIdNumber, type IdNumberProblem } from '@hall/shared/idNumber';

export const PROXY_RELATIONS = ['child', 'spouse', 'relative', 'friend'] as const;
export type ProxyRelation = (typeof PROXY_RELATIONS)[number];
/** Staff and reports read the relationship in Chinese, as the kiosk sends it. */
export const PROXY_RELATION_ZH: Record<ProxyRelation, string> = {
  child: '子女',
  spouse: '配偶',
  relative: '其他亲属',
  friend: '朋友邻居',
};

export interface DeskForm {
  serviceId: number | null;
  priorityClass: string;
  proxy: boolean;
  relation: ProxyRelation | null;
  idNumber: string;
}

export type IdCheck =
  | { state: 'empty' }
  | { state: 'invalid'; problem: IdNumberProblem }
  | { state: 'ok'; masked: string; age: number; elderly: boolean };

export function checkDeskId(raw: string, today: string, elderlyAge: number): IdCheck {
  const text = raw.trim();
  if (text === '') return { state: 'empty' };
  const parsed = parseIdNumber(text);
  if (!parsed.ok) return { state: 'invalid', problem: parsed.problem };
  const age = ageOn(parsed.value.birthDate, today);
  return { state: 'ok', masked: parsed.value.masked, age, elderly: age >= elderlyAge };
}

/** The class to issue: an elderly ID means the green channel, whatever else was ticked. */
export function deskClass(form: DeskForm, id: IdCheck, classes: readonly PriorityClass[]): string {
  if (id.state === 'ok' && id.elderly && classes.some((c) => c.id === ELDERLY_CLASS)) return ELDERLY_CLASS;
  if (form.priorityClass === NORMAL_CLASS || classes.some((c) => c.id === form.priorityClass))
    return form.priorityClass;
  return NORMAL_CLASS;
}

/** The request, or null while the form cannot be sent (no service, an ID that does not check). */
export function deskIssueInput(
  form: DeskForm,
  id: IdCheck,
  classes: readonly PriorityClass[],
  requestId: string,
): IssueTicketInput | null {
  if (form.serviceId === null || id.state === 'invalid') return null;
  return {
    requestId,
    serviceId: form.serviceId,
    priorityClass: deskClass(form, id, classes),
    proxy: form.proxy,
    proxyRelation: form.proxy && form.relation ? PROXY_RELATION_ZH[form.relation] : null,
    maskedIdNumber: id.state === 'ok' ? id.masked : null,
  };
}
