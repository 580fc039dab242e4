// What the console's routes may declare in `meta`.
import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a signed-in session may open the page. */
    requiresAuth?: boolean;
    /** Only an admin session may open the page. */
    requiresAdmin?: boolean;
    /** A city account may open it too (city accounts open nothing else). */
    allowCity?: boolean;
    /** Only a city account may open it (the monitor across halls). */
    onlyCity?: boolean;
    /** The front desk's page: only desk accounts open it (and, of the others, only `allowDesk` pages). */
    forDesk?: boolean;
    /** A desk account may open it too (the appointments page: booking by phone, issue 17). */
    allowDesk?: boolean;
    /** Locale key of the header link; routes without one are not listed in the header. */
    navKey?: string;
  }
}

export {};
