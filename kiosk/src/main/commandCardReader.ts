// A resident-ID card reader driven by the vendor's helper program: most desk readers sold in China
// come with an SDK whose sample tool prints each card's number on its own line. The kiosk runs
// that program (the config's `cardReader.command`) and reads its standard output; the number is
// checked and masked in this process (cardReader.ts) before anything reaches the page. If the
// helper stops (reader unplugged, crash), it is started again after a pause.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { CardReaderAdapter } from './cardReader';

export interface CardReaderCommand {
  command: string;
  args: string[];
}

export interface CommandReaderOptions {
  log: (message: string) => void;
  restartDelayMs?: number;
}

/** Lines longer than an ID number plus some noise are not ID numbers; never buffer without bound. */
const MAX_LINE = 64;

export function createCommandCardReader(
  reader: CardReaderCommand,
  options: CommandReaderOptions,
): CardReaderAdapter {
  const restartDelayMs = options.restartDelayMs ?? 5000;
  return {
    start(onNumber) {
      let child: ChildProcess | null = null;
      let stopped = false;
      let restart: ReturnType<typeof setTimeout> | null = null;

      const launch = (): void => {
        const running = spawn(reader.command, reader.args, { stdio: ['ignore', 'pipe', 'ignore'] });
        child = running;
        running.once('error', (error) => options.log(`card reader could not start: ${error.message}`));
        createInterface({ input: running.stdout! }).on('line', (line) => {
          const text = line.trim();
          if (text !== '' && text.length <= MAX_LINE) onNumber(text);
        });
        running.once('close', (code) => {
          child = null;
          if (stopped) return;
          // Never the number itself in the log: only that the helper stopped.
          options.log(`card reader program ended (${code ?? 'signal'}); restarting in ${restartDelayMs} ms`);
          restart = setTimeout(launch, restartDelayMs);
        });
      };
      launch();
      return () => {
        stopped = true;
        if (restart) clearTimeout(restart);
        child?.kill();
      };
    },
  };
}
