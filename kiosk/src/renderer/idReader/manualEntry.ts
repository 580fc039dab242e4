// Manual entry on the on-screen keypad (never required: a small secondary path for people who
// would rather not queue as "normal" and have no card reader). The keypad component feeds keys in;
// confirm() hands the number to onRead like a card reader would.
import type { IdReadCallback, IdReader } from './types';

export const ID_LENGTH = 18;

export class ManualEntryReader implements IdReader {
  readonly kind = 'manual';
  private onRead: IdReadCallback | null = null;
  private text = '';

  constructor(private readonly onChange: (text: string) => void = () => undefined) {}

  get value(): string {
    return this.text;
  }

  start(onRead: IdReadCallback): void {
    this.onRead = onRead;
    this.set('');
  }

  stop(): void {
    this.onRead = null;
    this.set('');
  }

  /** '0'–'9' anywhere; 'X' only as the 18th character (the check character). */
  press(key: string): void {
    if (this.text.length >= ID_LENGTH) return;
    if (/^\d$/.test(key) || (key === 'X' && this.text.length === ID_LENGTH - 1)) this.set(this.text + key);
  }

  backspace(): void {
    this.set(this.text.slice(0, -1));
  }

  clear(): void {
    this.set('');
  }

  get complete(): boolean {
    return this.text.length === ID_LENGTH;
  }

  confirm(): void {
    if (this.complete) this.onRead?.({ kind: 'raw', number: this.text });
  }

  private set(text: string): void {
    this.text = text;
    this.onChange(text);
  }
}
