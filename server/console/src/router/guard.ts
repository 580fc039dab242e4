// Where a navigation may go, as a pure decision so it is tested without a browser.
import type { RouteMeta } from 'vue-router';

export type GuardDecision = { allow: true } | { allow: false; redirect: string; messageKey: string | null };

export function decideNavigation(meta: RouteMeta, signedIn: boolean, isAdmin: boolean): GuardDecision {
  if ((meta.requiresAuth || meta.requiresAdmin) && !signedIn) {
    return { allow: false, redirect: '/login', messageKey: null };
  }
  if (meta.requiresAdmin && !isAdmin) {
    return { allow: false, redirect: '/counter', messageKey: 'messages.needAdmin' };
  }
  return { allow: true };
}
