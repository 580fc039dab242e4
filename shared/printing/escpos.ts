// Turns laid-out ticket blocks into an ESC/POS byte stream for a Chinese 80 mm printer.
//
// node-thermal-printer builds the commands it gets right (alignment, bold, inverse, QR model 2,
// partial cut). Text we encode ourselves: its CHINA character set maps to EUC-CN (GB2312), so a
// rare name character outside GBK becomes '?'. We switch the printer to Chinese mode (FS &) and
// send every text line as GB18030, which Chinese ESC/POS printers take as their native encoding.
// Node only: no `electron` import, so the server can print too.
import iconv from 'iconv-lite';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { TEXT_SIZES, type TicketBlock, type TicketTextSize } from './ticketLayout';

export const ESC_INIT = Buffer.from([0x1b, 0x40]);
/** FS & — select Chinese (Kanji) character mode: bytes >= 0x80 start a GB18030 character. */
export const FS_CHINESE_ON = Buffer.from([0x1c, 0x26]);
export const LF = Buffer.from([0x0a]);
/** DLE EOT 4 — real-time roll-paper sensor status (answered even while the printer is busy). */
export const DLE_EOT_PAPER = Buffer.from([0x10, 0x04, 0x04]);

/** GS ! n: high nibble = width multiplier - 1, low nibble = height multiplier - 1 (1–8 each). */
export function sizeCommand(size: TicketTextSize): Buffer {
  const nibble = (scale: number) => Math.max(1, Math.min(8, Math.round(scale))) - 1;
  return Buffer.from([0x1d, 0x21, (nibble(size.width) << 4) | nibble(size.height)]);
}

export function feedLines(lines: number): Buffer {
  return Buffer.from([0x1b, 0x64, Math.max(0, Math.min(255, Math.round(lines)))]);
}

/** Text as GB18030 bytes. Control characters become spaces (a stray ESC would start a command). */
export function encodeGb18030(text: string): Buffer {
  let clean = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f) clean += ' ';
    else if (cp >= 0xd800 && cp <= 0xdfff)
      clean += '?'; // a lone surrogate has no encoding
    else clean += ch;
  }
  return iconv.encode(clean, 'gb18030');
}

/** A ThermalPrinter with no interface: used only to assemble bytes. */
function byteBuilder(widthColumns: number): ThermalPrinter {
  return new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: widthColumns });
}

/** QR module size in dots: about 25–30 mm wide on paper for a status URL, easy for phone cameras. */
const QR_CELL_SIZE = 6;

export function buildTicketBytes(blocks: readonly TicketBlock[], widthColumns = 48): Buffer {
  const p = byteBuilder(widthColumns);
  p.add(ESC_INIT);
  p.add(FS_CHINESE_ON);
  p.alignLeft();
  for (const block of blocks) {
    if (block.kind === 'feed') {
      p.add(feedLines(block.lines));
    } else if (block.kind === 'qr') {
      p.alignCenter();
      p.printQR(block.data, { cellSize: QR_CELL_SIZE, correction: 'M', model: 2 });
      p.add(LF);
      p.alignLeft();
    } else {
      // Indent at normal size, then the text's size: a 6× number still centres to one column.
      if (block.indent > 0) p.add(Buffer.from(' '.repeat(block.indent), 'ascii'));
      p.add(sizeCommand(block.size));
      if (block.bold) p.bold(true);
      if (block.inverse) p.invert(true);
      p.add(encodeGb18030(block.text));
      if (block.inverse) p.invert(false);
      if (block.bold) p.bold(false);
      p.add(LF);
      p.add(sizeCommand(TEXT_SIZES.normal));
    }
  }
  // Feeds the ticket past the cutter, partial cut (GS V 1), then ESC @ for the next job.
  p.partialCut();
  return p.getBuffer();
}
