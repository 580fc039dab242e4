import { describe, expect, it } from 'vitest';
import { ManualEntryReader } from './manualEntry';
import type { IdReading } from './types';

describe('ManualEntryReader', () => {
  it('takes digits, X only as the last character, and confirms 18 characters', () => {
    const seen: string[] = [];
    const reads: IdReading[] = [];
    const reader = new ManualEntryReader((t) => seen.push(t));
    reader.start((r) => reads.push(r));
    reader.press('X');
    expect(reader.value).toBe('');
    for (const d of '11010519491231002') reader.press(d);
    reader.confirm();
    expect(reads).toEqual([]);
    reader.press('X');
    reader.press('5');
    expect(reader.value).toBe('11010519491231002X');
    reader.confirm();
    expect(reads).toEqual([{ kind: 'raw', number: '11010519491231002X' }]);
    expect(seen.at(-1)).toBe('11010519491231002X');
  });

  it('deletes and clears', () => {
    const reader = new ManualEntryReader();
    reader.start(() => undefined);
    for (const d of '123') reader.press(d);
    reader.backspace();
    expect(reader.value).toBe('12');
    reader.clear();
    expect(reader.value).toBe('');
  });
});
