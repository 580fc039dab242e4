// What the visitor chose, turned into the ticket:issue request. Pure: the visit store passes the
// choice, the service and a fresh request id; the hall's priority classes decide which class ids
// the server will accept.
import { ELDERLY_CLASS, NORMAL_CLASS, type PriorityClass } from '@hall/shared/contracts/entities';
import type { IssueTicketInput } from '@hall/shared/contracts/schemas';
import zhCN from '../locales/zh-CN';

export type ProxyRelation = 'child' | 'spouse' | 'relative' | 'friend';
export const PROXY_RELATIONS: readonly ProxyRelation[] = ['child', 'spouse', 'relative', 'friend'];

export interface IdResult {
  masked: string;
  age: number;
  elderly: boolean;
}

/** The visitor's way to the service buttons: the start screen, a priority channel, proxy or an ID. */
export type VisitChoice =
  | { kind: 'normal' }
  | { kind: 'elderly' }
  | { kind: 'priority'; classId: string }
  | { kind: 'proxy'; forClass: string; relation: ProxyRelation | null }
  | { kind: 'id'; id: IdResult | null };

/**
 * The class to ask for. The hall may have renamed or removed a class since the screen was drawn;
 * the server refuses an unknown class, so fall back to a normal ticket rather than none at all.
 */
export function knownPriorityClass(classId: string, classes: readonly PriorityClass[] | undefined): string {
  if (classId === NORMAL_CLASS) return NORMAL_CLASS;
  const known = classes?.some((c) => c.id === classId) ?? true;
  return known ? classId : NORMAL_CLASS;
}

export function issueInputFor(
  choice: VisitChoice,
  serviceId: number,
  requestId: string,
  classes: readonly PriorityClass[] | undefined,
): IssueTicketInput {
  const base = { requestId, serviceId };
  const priorityClass = (classId: string) => knownPriorityClass(classId, classes);
  switch (choice.kind) {
    case 'normal':
      return { ...base, priorityClass: NORMAL_CLASS };
    case 'elderly':
      return { ...base, priorityClass: priorityClass(ELDERLY_CLASS) };
    case 'priority':
      return { ...base, priorityClass: priorityClass(choice.classId) };
    case 'proxy':
      return {
        ...base,
        priorityClass: priorityClass(choice.forClass),
        proxy: true,
        // Staff and reports read the relationship in Chinese, whatever language the visitor used.
        proxyRelation: choice.relation ? zhCN.choose.relations[choice.relation] : null,
      };
    case 'id':
      return {
        ...base,
        priorityClass: priorityClass(choice.id?.elderly ? ELDERLY_CLASS : NORMAL_CLASS),
        maskedIdNumber: choice.id?.masked ?? null,
      };
  }
}
