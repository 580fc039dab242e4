// Entry of the display app: resolves the device key (URL, Electron host or remembered), then mounts.
// bi.css first: the components' styles must come after it (see there).
import './bi.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { createDisplayRouter } from './router';
import { DEVICE_KEY } from './keys';
import { DEVICE_KEY_STORAGE, displayHost, EVALUATOR_KEY_STORAGE, resolveDeviceKey } from './deviceKey';
import './styles.css';

async function main(): Promise<void> {
  const deviceKey = await resolveDeviceKey(
    location.href,
    localStorage,
    (url) => history.replaceState(history.state, '', url),
    displayHost(),
    // An evaluator pad keeps its own key: a display's key would be refused there, and vice versa.
    location.pathname.includes('/evaluator') ? EVALUATOR_KEY_STORAGE : DEVICE_KEY_STORAGE,
  );
  const app = createApp(App);
  app.provide(DEVICE_KEY, deviceKey);
  app.use(createPinia()).use(i18n).use(createDisplayRouter());
  app.mount('#app');
}

void main();
