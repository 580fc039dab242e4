// The import boundaries of README › Layout are lint rules (eslint.config.js). These cases prove the
// rules fire on the imports they exist to stop, and stay quiet on the ones the layout allows.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    [
      'a renderer imports server code',
      'display/src/x.ts',
      "import { startServer } from '../../server/src/server';",
    ],
    ['the console imports the server package', 'server/console/src/x.ts', "import '@hall/server/src/app';"],
    [
      'a renderer imports printing',
      'kiosk/src/renderer/x.ts',
      "import { printTicket } from '@hall/printing/printTicket';",
    ],
    ['a renderer imports electron', 'kiosk/src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['the server imports from kiosk/', 'server/src/x.ts', "import { x } from '../../kiosk/src/main/config';"],
    ['the server imports electron', 'server/src/x.ts', "import { app } from 'electron';"],
    [
      'the server imports page code',
      'server/src/x.ts',
      "import { useHallStore } from '../console/src/stores/hall';",
    ],
    ['shared imports an app', 'shared/x.ts', "import { x } from '../server/src/app';"],
    [
      'shared imports printing',
      'shared/queue/x.ts',
      "import { printTicket } from '@hall/printing/printTicket';",
    ],
    ['printing imports the server', 'shared/printing/x.ts', "import { x } from '../../server/src/app';"],
    ['the server imports a shared Vue piece', 'server/src/x.ts', "import Bi from '@hall/shared/ui/Bi.vue';"],
    [
      'the server imports the voice stack',
      'server/src/x.ts',
      "import { ClipEngine } from '@hall/shared/voice/clipEngine';",
    ],
    [
      'the kiosk main imports the voice stack',
      'kiosk/src/main/x.ts',
      "import { Announcer } from '@hall/shared/voice/announcer';",
    ],
    ['shared code (outside ui/) imports Vue', 'shared/voice/x.ts', "import { ref } from 'vue';"],
    ['shared code imports a shared Vue piece', 'shared/contracts/x.ts', "import Bi from '../ui/Bi.vue';"],
  ])('refuses: %s', async (_what, file, code) => {
    expect(await restrictedImports(file, code)).toHaveLength(1);
  });

  it.each([
    [
      'the server uses shared and printing',
      'server/src/x.ts',
      "import '@hall/shared/contracts/entities';\nimport '@hall/printing/printTicket';",
    ],
    [
      'the kiosk main uses electron and printing',
      'kiosk/src/main/x.ts',
      "import { app } from 'electron';\nimport '@hall/printing/printTicket';",
    ],
    ['a renderer uses shared', 'display/src/x.ts', "import '@hall/shared/hallDeltas';"],
    [
      'renderers use the shared voice stack and Vue pieces',
      'kiosk/src/renderer/x.ts',
      "import Bi from '@hall/shared/ui/Bi.vue';\nimport { LineVoice } from '@hall/shared/voice/lineVoice';",
    ],
    [
      'the server uses the list of spoken languages',
      'server/src/x.ts',
      "import { hallVoiceLanguages } from '@hall/shared/voice/languages';",
    ],
    [
      'shared/ui uses Vue',
      'shared/ui/x.ts',
      "import { computed } from 'vue';\nimport { useI18n } from 'vue-i18n';",
    ],
    ['a test crosses parts', 'test/server/x.test.ts', "import '../../server/src/server';"],
  ])('allows: %s', async (_what, file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
