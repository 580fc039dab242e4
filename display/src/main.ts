// Entry of the display app: resolves the device key (URL, Electron host or remembered), then mounts.
// bi.css first: the components' styles must come after it (see there).
import './bi.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n } from './i18n';
import { createDisplayRouter } from './router';
import { DEVICE_KEY } from './keys';
import { displayHost, resolveDeviceKey } from './deviceKey';
import './styles.css';

async function main(): Promise<void> {
  const deviceKey = await resolveDeviceKey(
    location.href,
    localStorage,
    (url) => history.replaceState(history.state, '', url),
    displayHost(),
  );
  const app = createApp(App);
  app.provide(DEVICE_KEY, deviceKey);
  app.use(createPinia()).use(i18n).use(createDisplayRouter());
  app.mount('#app');
}

void main();
