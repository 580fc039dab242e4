// Staff (and admin) console entry: Pinia, vue-i18n and the router, then the app shell.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, currentLocale } from './i18n';
import { router } from './router';
import './styles/base.css';

document.documentElement.lang = currentLocale();

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(router);
app.mount('#app');
