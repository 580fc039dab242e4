// Routes: sign-in, choose a window, the counter itself, and whatever the admin pages add.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import './meta';
import { adminRoutes } from './adminRoutes';
import { decideNavigation } from './guard';
import { useSessionStore } from '../stores/session';
import { useMessagesStore } from '../stores/messages';

const staffRoutes: RouteRecordRaw[] = [
  { path: '/', redirect: '/counter' },
  { path: '/login', name: 'login', component: () => import('../views/LoginView.vue') },
  {
    path: '/window',
    name: 'window',
    component: () => import('../views/WindowSelectView.vue'),
    meta: { requiresAuth: true, navKey: 'nav.window' },
  },
  {
    path: '/counter',
    name: 'counter',
    component: () => import('../views/CounterView.vue'),
    meta: { requiresAuth: true, navKey: 'nav.counter' },
  },
  {
    path: '/desk',
    name: 'desk',
    component: () => import('../views/DeskView.vue'),
    meta: { requiresAuth: true, forDesk: true, navKey: 'nav.desk' },
  },
];

export const routes: RouteRecordRaw[] = [
  ...staffRoutes,
  ...adminRoutes,
  { path: '/:pathMatch(.*)*', redirect: '/counter' },
];

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes,
});

router.beforeEach((to) => {
  const session = useSessionStore();
  const decision = decideNavigation(to.meta, session.isSignedIn, session.staff?.role ?? null);
  if (decision.allow) return true;
  if (decision.messageKey) useMessagesStore().showText('error', decision.messageKey);
  return decision.redirect;
});
