// Where a navigation may go, as a pure decision so it is tested without a browser.
import type { RouteMeta } from 'vue-router';
import type { AccountRole } from '@hall/shared/contracts/entities';

export type GuardDecision = { allow: true } | { allow: false; redirect: string; messageKey: string | null };

/** Where an account lands after signing in: the counter, the reports (city), the front desk (desk). */
export function homeFor(role: AccountRole | null): string {
  if (role === 'city') return '/admin/reports';
  return role === 'desk' ? '/desk' : '/counter';
}

/** `role` is the signed-in account's role (null when nobody is signed in). */
export function decideNavigation(
  meta: RouteMeta,
  signedIn: boolean,
  role: AccountRole | null,
): GuardDecision {
  if ((meta.requiresAuth || meta.requiresAdmin) && !signedIn) {
    return { allow: false, redirect: '/login', messageKey: null };
  }
  if (!signedIn) return { allow: true };
  if (meta.onlyCity && role !== 'city') {
    return { allow: false, redirect: homeFor(role), messageKey: 'messages.needCityAccount' };
  }
  if (role === 'city') {
    // A city account reads reports across halls; no counter, no hall administration.
    if (meta.allowCity || !(meta.requiresAuth || meta.requiresAdmin)) return { allow: true };
    return { allow: false, redirect: homeFor(role), messageKey: 'messages.needHallAccount' };
  }
  if (role === 'desk') {
    // A front-desk account issues tickets for visitors and books appointments by phone; it holds no
    // window and changes nothing else.
    if (meta.forDesk || meta.allowDesk || !(meta.requiresAuth || meta.requiresAdmin)) return { allow: true };
    return { allow: false, redirect: homeFor(role), messageKey: 'messages.needWindowAccount' };
  }
  if (meta.forDesk) return { allow: false, redirect: homeFor(role), messageKey: 'messages.needDeskAccount' };
  if (meta.requiresAdmin && role !== 'admin') {
    return { allow: false, redirect: '/counter', messageKey: 'messages.needAdmin' };
  }
  return { allow: true };
}
