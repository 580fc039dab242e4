// A hardware card reader attached to the Electron host: the main process reads and checks the
// card and hands the page only the masked number and birth date.
import type { KioskHostApi } from '../host/hostTypes';
import type { IdReadCallback, IdReader } from './types';

export class HostCardReader implements IdReader {
  readonly kind = 'host-card-reader';
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: Pick<KioskHostApi, 'onIdNumberRead'>) {}

  start(onRead: IdReadCallback): void {
    this.stop();
    this.unsubscribe = this.host.onIdNumberRead((read) => {
      onRead(
        read.valid
          ? { kind: 'checked', masked: read.masked, birthDate: read.birthDate, number: read.number }
          : { kind: 'invalid', problem: read.problem },
      );
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
