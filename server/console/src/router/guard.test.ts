import { describe, expect, it } from 'vitest';
import { decideNavigation, homeFor } from './guard';

describe('decideNavigation', () => {
  it('lets anyone open the sign-in page', () => {
    expect(decideNavigation({}, false, null)).toEqual({ allow: true });
  });
  it('sends a visitor without a session to sign in', () => {
    expect(decideNavigation({ requiresAuth: true }, false, null)).toMatchObject({
      allow: false,
      redirect: '/login',
    });
    expect(decideNavigation({ requiresAdmin: true }, false, null)).toMatchObject({
      allow: false,
      redirect: '/login',
    });
  });
  it('keeps staff out of admin pages, with a message', () => {
    expect(decideNavigation({ requiresAuth: true, requiresAdmin: true }, true, 'staff')).toEqual({
      allow: false,
      redirect: '/counter',
      messageKey: 'messages.needAdmin',
    });
  });
  it('lets an admin open admin pages and the counter', () => {
    expect(decideNavigation({ requiresAuth: true, requiresAdmin: true }, true, 'admin')).toEqual({
      allow: true,
    });
    expect(decideNavigation({ requiresAuth: true }, true, 'admin')).toEqual({ allow: true });
  });
  it('opens the city monitor to a city account only', () => {
    const city = { requiresAuth: true, allowCity: true, onlyCity: true };
    expect(decideNavigation(city, true, 'city')).toEqual({ allow: true });
    for (const role of ['admin', 'staff'] as const) {
      expect(decideNavigation(city, true, role)).toEqual({
        allow: false,
        redirect: '/counter',
        messageKey: 'messages.needCityAccount',
      });
    }
  });
  it('lets a city account open the reports only, and sends it there from anywhere else', () => {
    const reports = { requiresAuth: true, requiresAdmin: true, allowCity: true };
    expect(decideNavigation(reports, true, 'city')).toEqual({ allow: true });
    expect(decideNavigation({ requiresAuth: true, requiresAdmin: true }, true, 'city')).toEqual({
      allow: false,
      redirect: '/admin/reports',
      messageKey: 'messages.needHallAccount',
    });
    expect(decideNavigation({ requiresAuth: true }, true, 'city')).toMatchObject({
      redirect: '/admin/reports',
    });
    expect(decideNavigation({}, true, 'city')).toEqual({ allow: true });
  });
  it('keeps the reports an admin page for hall staff', () => {
    const reports = { requiresAuth: true, requiresAdmin: true, allowCity: true };
    expect(decideNavigation(reports, true, 'staff')).toMatchObject({ allow: false, redirect: '/counter' });
    expect(decideNavigation(reports, true, 'admin')).toEqual({ allow: true });
    expect(homeFor('city')).toBe('/admin/reports');
    expect(homeFor('staff')).toBe('/counter');
  });

  it('sends a front-desk account to the desk page, and keeps it (and only it) there', () => {
    const desk = { requiresAuth: true, forDesk: true };
    expect(homeFor('desk')).toBe('/desk');
    expect(decideNavigation(desk, true, 'desk')).toEqual({ allow: true });
    expect(decideNavigation({ requiresAuth: true }, true, 'desk')).toMatchObject({
      allow: false,
      redirect: '/desk',
    });
    expect(decideNavigation({ requiresAuth: true, requiresAdmin: true }, true, 'desk')).toMatchObject({
      allow: false,
      redirect: '/desk',
    });
    for (const role of ['staff', 'admin', 'city'] as const)
      expect(decideNavigation(desk, true, role)).toMatchObject({ allow: false });
  });

  it('lets a front-desk account open the appointments page (booking by phone), and no other admin page', () => {
    const appointments = { requiresAuth: true, requiresAdmin: true, allowDesk: true };
    expect(decideNavigation(appointments, true, 'desk')).toEqual({ allow: true });
    expect(decideNavigation(appointments, true, 'admin')).toEqual({ allow: true });
    expect(decideNavigation(appointments, true, 'staff')).toMatchObject({
      allow: false,
      redirect: '/counter',
    });
    expect(decideNavigation(appointments, true, 'city')).toMatchObject({ allow: false });
    expect(decideNavigation(appointments, false, null)).toMatchObject({ allow: false, redirect: '/login' });
  });

  it('keeps the route table so: the desk opens the desk page and 预约 only', async () => {
    const { adminRoutes } = await import('./adminRoutes');
    const openToDesk = adminRoutes
      .filter((r) => r.meta && decideNavigation(r.meta, true, 'desk').allow)
      .map((r) => r.path);
    expect(openToDesk).toEqual(['/admin/appointments']);
  });
});
