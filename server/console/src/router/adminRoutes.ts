// Admin pages plug in here (the admin console lives in src/admin/). Each route should carry
//   meta: { requiresAuth: true, requiresAdmin: true, navKey: '<locale key for the header link>' }
// The router spreads this list into its routes; the guard sends non-admins back to /counter,
// and the header shows a link for every route with a navKey when the session is an admin's.
import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [];
