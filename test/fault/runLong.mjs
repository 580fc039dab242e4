// `npm run test:faults`: the fault suite in its long mode (FAULT_MODE=long, see support/mode.ts):
// at least 100 SIGKILLs under mixed load, at least 100,000 fuzzed socket events and HTTP requests,
// the role matrix and every issue-13 attack ten times over. Ends with the FAULT SUITE SUMMARY and
// exits non-zero if any figure is wrong.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// vitest's command-line entry (its package exports do not list it).
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', 'test/fault', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, FAULT_MODE: 'long' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
