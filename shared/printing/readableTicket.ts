// A UTF-8 picture of a decoded ESC/POS ticket, column for column as on paper: double-width text
// is spread out (a space after each ASCII character, an ideographic space after each Han one) so
// the centring the printer would do is visible in a plain text file.
import { displayWidth } from './textLayout';
import type { Align, DecodedLine, DecodedTicket } from './decodeEscPos';

function widen(text: string, scale: number): string {
  if (scale <= 1) return text;
  let out = '';
  for (const ch of text) {
    const pad = displayWidth(ch) === 2 ? '\u3000' : ' ';
    out += ch + pad.repeat(scale - 1);
  }
  return out;
}

function placed(text: string, align: Align, columns: number): string {
  const free = Math.max(0, columns - displayWidth(text));
  if (align === 'center') return ' '.repeat(Math.floor(free / 2)) + text;
  if (align === 'right') return ' '.repeat(free) + text;
  return text;
}

function renderLine(line: DecodedLine, columns: number): string[] {
  // Inverse (white on black) text is framed by ▶ ◀ so it still stands out in plain text.
  const text = line.segments
    .map((s) => widen(s.inverse && s.text.trim() ? `▶${s.text.trim()}◀` : s.text, s.widthScale))
    .join('');
  const out = [placed(text, line.align, columns).trimEnd()];
  // A double-height line takes two rows on paper; keep that visible.
  for (let row = 1; row < line.heightScale; row++) out.push('');
  return out;
}

export function renderReadableTicket(decoded: DecodedTicket, columns: number): string {
  const rows: string[] = [];
  for (const item of decoded.items) {
    if (item.kind === 'line') rows.push(...renderLine(item.line, columns));
    else if (item.kind === 'feed') rows.push(...Array<string>(item.lines).fill(''));
    else if (item.kind === 'qr') rows.push(placed(`[二维码 QR: ${item.data}]`, item.align, columns));
    else rows.push(`✂ ---- ${item.partial ? '半切 partial cut' : '全切 full cut'} ----`);
  }
  return rows.join('\n') + '\n';
}
