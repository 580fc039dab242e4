// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { KeyboardWedgeReader } from './keyboardWedge';
import type { IdReading } from './types';

const ID = '11010519491231002X';

function setup() {
  const target = new EventTarget();
  let clock = 0;
  const reads: IdReading[] = [];
  const reader = new KeyboardWedgeReader(target, { maxGapMs: 60, now: () => clock });
  reader.start((r) => reads.push(r));
  const type = (text: string, gapMs: number) => {
    for (const key of text) {
      clock += gapMs;
      target.dispatchEvent(new KeyboardEvent('keydown', { key }));
    }
    clock += gapMs;
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }));
  };
  return { reader, reads, type, target };
}

describe('KeyboardWedgeReader', () => {
  it('recognises a fast burst of 18 characters and Enter as a card read', () => {
    const { reads, type } = setup();
    type(ID, 8);
    expect(reads).toEqual([{ kind: 'raw', number: ID }]);
  });

  it('ignores a person typing at human speed', () => {
    const { reads, type } = setup();
    type(ID, 250);
    expect(reads).toEqual([]);
  });

  it('ignores bursts of the wrong length and stray keys in between', () => {
    const { reads, type } = setup();
    type('1234567890', 5);
    type('11010519491231002', 5);
    type('110105194912310A2X', 5);
    expect(reads).toEqual([]);
    type(ID.toLowerCase(), 5);
    expect(reads).toEqual([{ kind: 'raw', number: ID }]);
  });

  it('a slow start followed by a burst only keeps the burst', () => {
    const { reads, type, target } = setup();
    target.dispatchEvent(new KeyboardEvent('keydown', { key: '9' }));
    type(ID, 5);
    expect(reads).toEqual([{ kind: 'raw', number: ID }]);
  });

  it('stops listening after stop()', () => {
    const { reader, reads, type } = setup();
    reader.stop();
    type(ID, 5);
    expect(reads).toEqual([]);
  });
});
