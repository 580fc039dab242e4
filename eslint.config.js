// ESLint flat config: TypeScript everywhere, Vue SFCs in the three renderers, Prettier owns formatting,
// and the boundaries between the parts (see README › Layout) enforced on every import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Import patterns (gitignore style, matched against the import as written) and why they are barred. */
const SERVER_CODE = {
  group: ['**/server/src/**', '@hall/server', '@hall/server/**', 'better-sqlite3', 'express', 'socket.io'],
  message: 'Screens talk to the server over Socket.IO and HTTP only; they never import server code.',
};
const NODE_ONLY = {
  group: ['@hall/printing', '@hall/printing/**', '**/shared/printing/**', 'node:*'],
  message: 'Printing and Node built-ins run in Node (server, kiosk main process), never in a page.',
};
const KIOSK_CODE = {
  group: ['**/kiosk/**', 'hall-kiosk', 'hall-kiosk/**'],
  message: 'Nothing imports from the kiosk app; what two parts share lives in shared/ (or @hall/printing).',
};
const APP_CODE = {
  group: [
    '**/server/**',
    '**/display/**',
    '**/console/**',
    '**/kiosk/**',
    '@hall/server',
    '@hall/console',
    '@hall/display',
  ],
  message: 'shared/ is used by the apps and imports none of them.',
};
const ELECTRON = {
  group: ['electron', 'electron/**'],
  message: 'Only the kiosk’s main process and preload may import electron.',
};
const PAGES = {
  group: [
    '**/display/src/**',
    '**/console/src/**',
    '**/kiosk/src/renderer/**',
    'vue',
    'pinia',
    'vue-router',
    'vue-i18n',
    '@hall/shared/ui/**',
    '**/shared/ui/**',
  ],
  message: 'The server does not import page code or Vue.',
};
/** The voice stack plays audio in a page; only its list of languages is plain data. */
const BROWSER_VOICE = {
  group: [
    '@hall/shared/voice/*',
    '**/shared/voice/*',
    '!@hall/shared/voice/languages',
    '!**/shared/voice/languages',
  ],
  message: 'The voice stack (audio, speech synthesis) runs in pages; Node code may use only voice/languages.',
};
/** Vue lives in shared/ui only; the rest of shared/ is plain TypeScript every part can run. */
const VUE_IN_SHARED = {
  group: ['vue', 'vue-i18n', 'pinia', 'vue-router', '**/ui/**', '@hall/shared/ui/**'],
  message: 'Only shared/ui/ holds Vue pieces; the rest of shared/ imports no Vue.',
};
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench-results/**', 'display/voice/pack/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'no-restricted-imports': restrict(ELECTRON),
    },
  },
  // Product code logs through its logger (pino on the server, electron-log in the kiosk's main).
  {
    files: ['server/src/**/*.ts', 'kiosk/src/main/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts', 'server/src/cli/**', 'server/src/main.ts'],
    rules: { 'no-console': 'error' },
  },
  // The boundaries. Tests may cross parts (that is what test/ is for); unit tests follow their code.
  {
    files: ['display/src/**', 'server/console/src/**', 'kiosk/src/renderer/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, SERVER_CODE, NODE_ONLY, KIOSK_CODE) },
  },
  {
    files: ['server/src/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, KIOSK_CODE, PAGES, BROWSER_VOICE) },
  },
  {
    files: ['shared/**'],
    ignores: ['**/*.test.ts', 'shared/printing/**', 'shared/ui/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, APP_CODE, NODE_ONLY, VUE_IN_SHARED) },
  },
  {
    files: ['shared/ui/**'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, APP_CODE, NODE_ONLY) },
  },
  {
    files: ['shared/printing/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, APP_CODE) },
  },
  {
    files: ['kiosk/src/main/**', 'kiosk/src/preload/**'],
    rules: { 'no-restricted-imports': restrict(SERVER_CODE, PAGES, BROWSER_VOICE) },
  },
  prettier,
);
