import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './decodeEscPos';
import { encodeGb18030 } from './escpos';

const bytes = (...parts: Array<number[] | Buffer | string>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'ascii') : Buffer.from(p))));

describe('decodeEscPos', () => {
  it('reads GB18030 text in Chinese mode, including 4-byte characters', () => {
    const decoded = decodeEscPos(bytes([0x1b, 0x40, 0x1c, 0x26], encodeGb18030('号码 𠀀 A1'), [0x0a]));
    expect(decoded.lines.map((l) => l.text)).toEqual(['号码 𠀀 A1']);
    expect(decoded.problems).toEqual([]);
  });

  it('flags Chinese bytes sent without Chinese mode (they would print as garbage)', () => {
    const decoded = decodeEscPos(bytes([0x1b, 0x40], encodeGb18030('出入境'), [0x0a]));
    expect(decoded.problems).toHaveLength(1);
  });

  it('tracks sizes from GS ! and ESC !, alignment, bold and inverse', () => {
    const decoded = decodeEscPos(
      bytes(
        [0x1b, 0x61, 0x01, 0x1d, 0x21, 0x11, 0x1b, 0x45, 0x01],
        'A001',
        [0x0a, 0x1d, 0x21, 0x00, 0x1b, 0x45, 0x00, 0x1b, 0x61, 0x00, 0x1b, 0x21, 0x10],
        'tall',
        [0x0a, 0x1b, 0x21, 0x00, 0x1d, 0x42, 0x01],
        'inv',
        [0x1d, 0x42, 0x00, 0x0a],
      ),
    );
    expect(decoded.lines[0]).toMatchObject({ text: 'A001', widthScale: 2, heightScale: 2, align: 'center' });
    expect(decoded.lines[0]!.segments[0]!.bold).toBe(true);
    expect(decoded.lines[1]).toMatchObject({ text: 'tall', widthScale: 1, heightScale: 2, align: 'left' });
    expect(decoded.lines[2]!.segments[0]).toMatchObject({ text: 'inv', inverse: true, bold: false });
  });

  it('reports character sizes in printer dots, from GS !, ESC ! and the font (ESC M)', () => {
    const decoded = decodeEscPos(
      bytes(
        [0x1d, 0x21, 0x55],
        'A001',
        [0x0a, 0x1d, 0x21, 0x00],
        'body',
        [0x0a, 0x1b, 0x4d, 0x01],
        'small',
        [0x0a, 0x1b, 0x4d, 0x00, 0x1b, 0x21, 0x30],
        'esc',
        [0x0a],
        '   ',
        [0x1d, 0x21, 0x77],
        'X',
        [0x0a],
      ),
    );
    const [big, body, small, esc, indented] = decoded.lines;
    expect(big).toMatchObject({ widthScale: 6, heightScale: 6, heightDots: 144, widthDots: 72 });
    expect(body).toMatchObject({ heightDots: 24, widthDots: 12 });
    expect(small!.segments[0]).toMatchObject({ font: 'B', heightDots: 17, widthDots: 9 });
    expect(esc).toMatchObject({ widthScale: 2, heightScale: 2, heightDots: 48 });
    // The indent (printed at normal size before the text's size) does not count as the line's size.
    expect(indented).toMatchObject({ text: '   X', heightScale: 8, heightDots: 192, widthDots: 96 });
  });

  it('reads QR payloads, feeds, full and partial cuts (both GS V forms)', () => {
    const url = 'https://hall.example/t/xyz';
    const store = [0x1d, 0x28, 0x6b, url.length + 3, 0x00, 0x31, 0x50, 0x30];
    const decoded = decodeEscPos(
      bytes(
        store,
        url,
        [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
        [0x1b, 0x64, 0x03],
        [0x1d, 0x56, 0x00],
      ),
    );
    expect(decoded.qrPayloads).toEqual([url]);
    expect(decoded.items).toEqual([
      { kind: 'qr', data: url, align: 'left' },
      { kind: 'feed', lines: 3 },
      { kind: 'cut', partial: false },
    ]);
    expect(decodeEscPos(bytes([0x1d, 0x56, 0x42, 0x00])).cuts).toEqual([{ partial: true }]);
    expect(decodeEscPos(bytes([0x1d, 0x56, 0x01])).cuts).toEqual([{ partial: true }]);
  });

  it('lists real-time status requests and unknown commands instead of misreading them as text', () => {
    const decoded = decodeEscPos(bytes([0x10, 0x04, 0x04, 0x1d, 0x99, 0x1b, 0x40], 'ok', [0x0a]));
    expect(decoded.statusRequests).toEqual([4]);
    expect(decoded.unknown).toEqual(['@3: 1d99']);
    expect(decoded.lines.map((l) => l.text)).toEqual(['ok']);
  });

  it('keeps an unterminated last line', () => {
    expect(decodeEscPos(bytes('tail')).lines.map((l) => l.text)).toEqual(['tail']);
  });
});
