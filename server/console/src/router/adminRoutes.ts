// Admin pages plug in here (the admin console lives in src/admin/). Each route carries
//   meta: { requiresAuth: true, requiresAdmin: true, navKey: '<locale key for the header link>' }
// The router spreads this list into its routes; the guard sends non-admins back to /counter,
// and the header shows a link for every route with a navKey when the session is an admin's.
import type { RouteRecordRaw } from 'vue-router';

const admin = { requiresAuth: true, requiresAdmin: true } as const;

export const adminRoutes: RouteRecordRaw[] = [
  { path: '/admin', redirect: '/admin/monitor' },
  {
    path: '/admin/monitor',
    name: 'admin-monitor',
    component: () => import('../admin/views/MonitorView.vue'),
    meta: { ...admin, navKey: 'admin.nav.monitor' },
  },
  {
    path: '/admin/config',
    name: 'admin-config',
    component: () => import('../admin/views/ConfigView.vue'),
    meta: { ...admin, navKey: 'admin.nav.config' },
  },
  {
    path: '/admin/reports',
    name: 'admin-reports',
    component: () => import('../admin/views/ReportsView.vue'),
    meta: { ...admin, allowCity: true, navKey: 'admin.nav.reports' },
  },
  {
    path: '/admin/city',
    name: 'admin-city-monitor',
    component: () => import('../admin/views/CityMonitorView.vue'),
    meta: { requiresAuth: true, allowCity: true, onlyCity: true, navKey: 'admin.nav.cityMonitor' },
  },
  {
    path: '/admin/home-visits',
    name: 'admin-home-visits',
    component: () => import('../admin/views/HomeVisitsView.vue'),
    meta: { ...admin, navKey: 'admin.nav.homeVisits' },
  },
  {
    path: '/admin/appointments',
    name: 'admin-appointments',
    component: () => import('../admin/views/AppointmentsView.vue'),
    // The front desk books by phone here too (no import, no reveal: the page hides them, the server refuses).
    meta: { ...admin, allowDesk: true, navKey: 'admin.nav.appointments' },
  },
  {
    path: '/admin/rating-cases',
    name: 'admin-rating-cases',
    component: () => import('../admin/views/RatingCasesView.vue'),
    meta: { ...admin, navKey: 'admin.nav.ratingCases' },
  },
  {
    path: '/admin/privacy',
    name: 'admin-privacy',
    component: () => import('../admin/views/PrivacyView.vue'),
    meta: { ...admin, navKey: 'admin.nav.privacy' },
  },
  {
    path: '/admin/access-log',
    name: 'admin-access-log',
    component: () => import('../admin/views/AccessLogView.vue'),
    meta: { ...admin, navKey: 'admin.nav.accessLog' },
  },
];
