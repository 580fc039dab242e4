// Routes under /display/: the hall wall display, one window's display, a window's evaluator pad
// (评价器), and a ticket's status page
// (the server redirects the QR code's /t/:token here).
import { createRouter, createWebHistory, type Router } from 'vue-router';
import HallView from './views/HallView.vue';

/** Created after start-up has tidied the address (the history reads it once, at creation). */
export function createDisplayRouter(): Router {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: '/', name: 'hall', component: HallView },
      {
        path: '/window/:number(\\d+)',
        name: 'window',
        component: () => import('./views/WindowView.vue'),
        props: true,
      },
      {
        path: '/evaluator',
        name: 'evaluator',
        component: () => import('./views/EvaluatorView.vue'),
      },
      {
        path: '/status/:token?',
        name: 'status',
        component: () => import('./views/StatusView.vue'),
        props: (route) => ({ token: typeof route.params.token === 'string' ? route.params.token : '' }),
      },
      { path: '/:pathMatch(.*)*', redirect: '/' },
    ],
  });
}
