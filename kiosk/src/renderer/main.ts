// Kiosk renderer entry: settings from the host (Electron preload or the browser address), then the
// socket, the voice, and the screens. Nothing here waits for voices or the server to show a screen.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createKioskI18n, toKioskLocale } from './locales/i18n';
import { electronHost, loadKioskSettings } from './host/hostApi';
import { useHallStore } from './stores/hall';
import { useVisitStore } from './stores/visit';
import { hostPrinter, serverPrinter, type PrintCommands } from './printing/ticketPrinter';
import { createKioskVoice } from './voice/createVoice';
import { useKioskVoice } from './voice/kioskVoice';
import { fitToScreen } from './lib/fitScreen';
import './styles/kiosk.css';
import './styles/portrait.css';
import './styles/appointment.css';

/** A network printer on the server may take a while (a cold printer, a long ticket). */
const SERVER_PRINT_TIMEOUT_MS = 20_000;

async function start(): Promise<void> {
  const settings = await loadKioskSettings();
  const locale = toKioskLocale(settings.language);
  const pinia = createPinia();
  const app = createApp(App).use(pinia).use(createKioskI18n(locale));

  const hall = useHallStore(pinia);
  const visit = useVisitStore(pinia);
  const host = electronHost();
  const origin = settings.serverUrl || window.location.origin;
  const commands: PrintCommands = {
    online: () => hall.ready,
    printOnServer: (ticketId) => hall.commandWithin(SERVER_PRINT_TIMEOUT_MS, 'ticket:print', { ticketId }),
    reportPrinter: (status) => hall.command('printer:status', status),
  };
  visit.configure({
    locale,
    idleSeconds: settings.idleSeconds,
    origin,
    printer: host ? hostPrinter(host, commands, origin) : serverPrinter(commands),
  });
  fitToScreen();
  app.mount('#app');
  hall.connect(settings.serverUrl, settings.deviceKey);
  useKioskVoice(await createKioskVoice(settings.serverUrl));
}

void start();
