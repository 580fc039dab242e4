import { describe, expect, it } from 'vitest';
import { decideNavigation } from './guard';

describe('decideNavigation', () => {
  it('lets anyone open the sign-in page', () => {
    expect(decideNavigation({}, false, false)).toEqual({ allow: true });
  });
  it('sends a visitor without a session to sign in', () => {
    expect(decideNavigation({ requiresAuth: true }, false, false)).toMatchObject({
      allow: false,
      redirect: '/login',
    });
    expect(decideNavigation({ requiresAdmin: true }, false, false)).toMatchObject({
      allow: false,
      redirect: '/login',
    });
  });
  it('keeps staff out of admin pages, with a message', () => {
    expect(decideNavigation({ requiresAuth: true, requiresAdmin: true }, true, false)).toEqual({
      allow: false,
      redirect: '/counter',
      messageKey: 'messages.needAdmin',
    });
  });
  it('lets an admin open admin pages and the counter', () => {
    expect(decideNavigation({ requiresAuth: true, requiresAdmin: true }, true, true)).toEqual({
      allow: true,
    });
    expect(decideNavigation({ requiresAuth: true }, true, true)).toEqual({ allow: true });
  });
});
