// Injection keys shared by the app entry and the views.
import type { InjectionKey } from 'vue';

/** The display device key resolved at start-up (null when none was given). */
export const DEVICE_KEY: InjectionKey<string | null> = Symbol('deviceKey');
