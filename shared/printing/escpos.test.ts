import { describe, expect, it } from 'vitest';
import { ThermalPrinter, PrinterTypes, CharacterSet } from 'node-thermal-printer';
import { buildTicketContent } from './ticketLayout';
import { buildTicketBytes, encodeGb18030 } from './escpos';
import { decodeEscPos } from './decodeEscPos';
import { sampleTicket } from '../../test/support/sampleTicket';

const bytesFor = (overrides = {}, columns = 48): Buffer =>
  buildTicketBytes(buildTicketContent(sampleTicket(overrides), columns), columns);

describe('buildTicketBytes', () => {
  it('decodes back to the Chinese ticket text, with nothing the decoder does not know', () => {
    const decoded = decodeEscPos(bytesFor({ proxy: true }));
    const text = decoded.lines.map((l) => l.text).join('\n');
    for (const expected of [
      '滨江区政务服务中心',
      '出入境',
      '老年人优先',
      '前面还有 3 人',
      '请留意 1、2 号窗口',
      '代办',
    ]) {
      expect(text).toContain(expected);
    }
    expect(decoded.unknown).toEqual([]);
    expect(decoded.problems).toEqual([]);
  });

  it('switches the printer to Chinese mode before any text', () => {
    const bytes = bytesFor();
    const chineseOn = bytes.indexOf(Buffer.from([0x1c, 0x26]));
    expect(chineseOn).toBeGreaterThanOrEqual(0);
    expect(chineseOn).toBeLessThan(bytes.indexOf(encodeGb18030('滨江')));
  });

  it('prints the number six times wide and high (GS ! 0x55), other lines normal or tall', () => {
    const decoded = decodeEscPos(bytesFor());
    const number = decoded.lines.find((l) => l.text.trim() === 'A-L023');
    expect(number).toMatchObject({ widthScale: 6, heightScale: 6 });
    expect(bytesFor().includes(Buffer.from([0x1d, 0x21, 0x55]))).toBe(true);
    const hall = decoded.lines.find((l) => l.text.includes('滨江区'));
    expect(hall).toMatchObject({ widthScale: 1, heightScale: 1 });
    const ahead = decoded.lines.find((l) => l.text.includes('前面还有'));
    expect(ahead).toMatchObject({ widthScale: 1, heightScale: 2 });
  });

  it('on paper the number is by far the largest: ≥ 3× the text height and taller than any banner', () => {
    for (const columns of [48, 32]) {
      const lines = decodeEscPos(bytesFor({ proxy: true }, columns)).lines.filter((l) => l.text.trim());
      const number = lines.find((l) => l.text.trim() === 'A-L023')!;
      const body = lines.find((l) => l.text.includes('滨江区'))!;
      expect(number.heightDots).toBeGreaterThanOrEqual(3 * body.heightDots);
      for (const line of lines.filter((l) => l !== number)) {
        // Strictly taller and wider than everything else, the inverse 老年人优先 banner included.
        expect(number.heightDots, line.text).toBeGreaterThanOrEqual(2 * line.heightDots);
        expect(number.widthDots, line.text).toBeGreaterThan(line.widthDots);
      }
      // …and it still fits the roll: its columns × magnification within the paper width.
      expect(number.text.length - number.text.trimStart().length + 6 * number.widthScale).toBeLessThanOrEqual(
        columns,
      );
    }
  });

  it('on paper no line starts with closing punctuation and the footer ends without a lone "台。"', () => {
    // The demo hall's footer, which first fit printed as "…请到服务" + "台。".
    const footer = '60岁以上老人无需预约，优先办理。如需帮助请到服务台。';
    const lines = decodeEscPos(bytesFor({ footer, hallName: '某某市公安局出入境管理支队（第一）办证大厅。' }))
      .lines.map((l) => l.text.trim())
      .filter(Boolean);
    for (const line of lines) expect('，。、；：！？）】》」』…'.includes(line[0]!), line).toBe(false);
    const footerLines = lines.slice(lines.findIndex((l) => footer.startsWith(l)));
    expect(footerLines.join('')).toBe(footer);
    expect(footerLines.length).toBe(2);
    expect([...footerLines[1]!].length).toBeGreaterThan(2);
  });

  it('prints the priority mark white on black, so it does not depend on colour', () => {
    const mark = decodeEscPos(bytesFor()).lines.find((l) => l.text.includes('老年人优先'))!;
    expect(mark.segments.find((s) => s.text.includes('老年人优先'))?.inverse).toBe(true);
  });

  it('carries the status URL in a model-2 QR code and ends with a partial cut', () => {
    const bytes = bytesFor();
    const decoded = decodeEscPos(bytes);
    expect(decoded.qrPayloads).toEqual(['http://127.0.0.1:8080/t/abc123XYZ']);
    expect(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]))).toBe(true);
    expect(decoded.cuts).toEqual([{ partial: true }]);
    expect(decoded.items.at(-1)).toEqual({ kind: 'cut', partial: true });
  });

  it('keeps characters outside GBK but inside GB18030 (rare name characters)', () => {
    const decoded = decodeEscPos(bytesFor({ hallName: '𠀀㐀大厅' }));
    expect(decoded.lines.some((l) => l.text.trim() === '𠀀㐀大厅')).toBe(true);
  });

  it('is needed: node-thermal-printer’s CHINA character set turns such characters into ?', () => {
    const library = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: '',
      characterSet: CharacterSet.CHINA,
    });
    library.print('𠀀㐀');
    expect(library.getBuffer().includes(encodeGb18030('𠀀'))).toBe(false);
    expect(encodeGb18030('𠀀')).toHaveLength(4);
  });

  it('lays out for the configured width: 24 Han characters on one 48-column line, 25 wrap', () => {
    const han24 = '政'.repeat(24);
    const one = decodeEscPos(bytesFor({ hallName: han24 }));
    expect(one.lines.some((l) => l.text === han24)).toBe(true);
    // 25 take two lines, balanced so that no character is left alone on the second.
    const two = decodeEscPos(bytesFor({ hallName: han24 + '务' })).lines.slice(0, 2);
    expect(two.map((l) => l.text.trim())).toEqual(['政'.repeat(13), '政'.repeat(11) + '务']);
  });
});

describe('encodeGb18030', () => {
  it('never lets a control character through to start a printer command', () => {
    expect(encodeGb18030('A\u001b@B\n')).toEqual(Buffer.from('A @B ', 'ascii'));
    expect(encodeGb18030('\ud800x')).toEqual(Buffer.from('?x', 'ascii'));
  });
});
