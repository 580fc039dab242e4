// Reads an ESC/POS byte stream back into what the paper would show: text lines (GB18030 ->
// Unicode) with their size (magnification and character size in printer dots) and style, QR
// payloads, feeds and cuts. Used by the tests (to check
// what a printer really received) and by the virtual printer's readable rendering. It knows the
// commands a ticket uses plus common harmless ones; anything else is listed in `unknown`.
import iconv from 'iconv-lite';

export type Align = 'left' | 'center' | 'right';

export type PrinterFont = 'A' | 'B';

export interface DecodedSegment {
  text: string;
  widthScale: number;
  heightScale: number;
  font: PrinterFont;
  /** Height of one character on paper, in printer dots (8 dots = 1 mm at 203 dpi). */
  heightDots: number;
  /** Width of one ASCII character on paper, in dots (a Chinese character is twice as wide). */
  widthDots: number;
  bold: boolean;
  inverse: boolean;
}

export interface DecodedLine {
  /** Whole line including leading spaces. */
  text: string;
  /** Largest width/height multiplier used on the line (its visible text, not the indent). */
  widthScale: number;
  heightScale: number;
  /** The tallest / widest visible character of the line, in printer dots. */
  heightDots: number;
  widthDots: number;
  align: Align;
  segments: DecodedSegment[];
}

/** Character cells of an ESC/POS printer's fonts at 1×, in dots (font A 12×24, font B 9×17). */
export const FONT_CELL: Readonly<Record<PrinterFont, { width: number; height: number }>> = {
  A: { width: 12, height: 24 },
  B: { width: 9, height: 17 },
};

export type DecodedItem =
  | { kind: 'line'; line: DecodedLine }
  | { kind: 'qr'; data: string; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut'; partial: boolean };

export interface DecodedTicket {
  items: DecodedItem[];
  lines: DecodedLine[];
  qrPayloads: string[];
  cuts: Array<{ partial: boolean }>;
  /** Real-time status requests found (DLE EOT n): the n values. */
  statusRequests: number[];
  /** Non-ASCII text sent while the printer was not in Chinese mode (would print as garbage). */
  problems: string[];
  /** Commands this decoder does not know, as hex with their offset. */
  unknown: string[];
}

interface State {
  align: Align;
  widthScale: number;
  heightScale: number;
  font: PrinterFont;
  bold: boolean;
  inverse: boolean;
  chinese: boolean;
}

const initialState = (): State => ({
  align: 'left',
  widthScale: 1,
  heightScale: 1,
  font: 'A',
  bold: false,
  inverse: false,
  chinese: false,
});
const ALIGNS: Align[] = ['left', 'center', 'right'];

/** Bytes after the command prefix, for commands with a fixed length (ESC x / GS x / FS x). */
const ESC_ARGS: Record<number, number> = {
  0x21: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x40: 0, 0x45: 1, 0x47: 1, 0x4a: 1, 0x4d: 1, 0x52: 1,
  0x61: 1, 0x64: 1, 0x74: 1, 0x7b: 1, 0x3d: 1, 0x42: 2, 0x70: 3, 0x20: 1, 0x56: 1,
}; // prettier-ignore
const GS_ARGS: Record<number, number> = {
  0x21: 1,
  0x42: 1,
  0x48: 1,
  0x66: 1,
  0x68: 1,
  0x77: 1,
  0x72: 1,
  0x4c: 2,
  0x57: 2,
};
const FS_ARGS: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x21: 1, 0x2d: 1, 0x43: 1, 0x57: 1 };

class Decoder {
  private state = initialState();
  private segments: DecodedSegment[] = [];
  private lineAlign: Align = 'left';
  private pending: number[] = [];
  readonly result: DecodedTicket = {
    items: [],
    lines: [],
    qrPayloads: [],
    cuts: [],
    statusRequests: [],
    problems: [],
    unknown: [],
  };

  constructor(private readonly bytes: Buffer) {}

  run(): DecodedTicket {
    let i = 0;
    while (i < this.bytes.length) i = this.step(i);
    this.flushText();
    if (this.segments.length > 0) this.endLine();
    return this.result;
  }

  private step(i: number): number {
    const b = this.bytes[i]!;
    if (b >= 0x20) {
      if (this.segments.length === 0 && this.pending.length === 0) this.lineAlign = this.state.align;
      this.pending.push(b);
      return i + 1;
    }
    this.flushText();
    if (b === 0x0a) {
      this.endLine();
      return i + 1;
    }
    if (b === 0x0d || b === 0x09) return i + 1;
    if (b === 0x1b) return this.esc(i);
    if (b === 0x1d) return this.gs(i);
    if (b === 0x1c) return this.fs(i);
    if (b === 0x10 && this.bytes[i + 1] === 0x04) {
      this.result.statusRequests.push(this.bytes[i + 2] ?? -1);
      return i + 3;
    }
    return this.unknownAt(i, 1);
  }

  private esc(i: number): number {
    const cmd = this.bytes[i + 1] ?? -1;
    const n = this.bytes[i + 2] ?? 0;
    const args = ESC_ARGS[cmd];
    if (args === undefined) return this.unknownAt(i, 2);
    if (cmd === 0x40) this.state = initialState();
    else if (cmd === 0x61) this.state.align = ALIGNS[n % 48] ?? 'left';
    else if (cmd === 0x45 || cmd === 0x47) this.state.bold = (n & 1) === 1;
    else if (cmd === 0x4d) this.state.font = (n & 1) === 1 ? 'B' : 'A';
    else if (cmd === 0x21) {
      this.state.font = (n & 0x01) === 1 ? 'B' : 'A';
      this.state.bold = (n & 0x08) !== 0;
      this.state.heightScale = n & 0x10 ? 2 : 1;
      this.state.widthScale = n & 0x20 ? 2 : 1;
    } else if (cmd === 0x64) this.result.items.push({ kind: 'feed', lines: n });
    return i + 2 + args;
  }

  private gs(i: number): number {
    const cmd = this.bytes[i + 1] ?? -1;
    const n = this.bytes[i + 2] ?? 0;
    if (cmd === 0x28 && this.bytes[i + 2] === 0x6b) return this.twoDimensionalCode(i);
    if (cmd === 0x56) return this.cut(i);
    const args = GS_ARGS[cmd];
    if (args === undefined) return this.unknownAt(i, 2);
    if (cmd === 0x21) {
      this.state.widthScale = ((n >> 4) & 0x07) + 1;
      this.state.heightScale = (n & 0x07) + 1;
    } else if (cmd === 0x42) this.state.inverse = (n & 1) === 1;
    return i + 2 + args;
  }

  private fs(i: number): number {
    const cmd = this.bytes[i + 1] ?? -1;
    const args = FS_ARGS[cmd];
    if (args === undefined) return this.unknownAt(i, 2);
    if (cmd === 0x26) this.state.chinese = true;
    else if (cmd === 0x2e) this.state.chinese = false;
    return i + 2 + args;
  }

  /** GS ( k pL pH cn fn [data]: QR (cn 0x31) store (fn 0x50) carries the payload after m=0x30. */
  private twoDimensionalCode(i: number): number {
    const length = (this.bytes[i + 3] ?? 0) + (this.bytes[i + 4] ?? 0) * 256;
    const start = i + 5;
    const cn = this.bytes[start];
    const fn = this.bytes[start + 1];
    if (cn === 0x31 && fn === 0x50) {
      const data = this.bytes.subarray(start + 3, start + length).toString('utf8');
      this.result.qrPayloads.push(data);
      this.result.items.push({ kind: 'qr', data, align: this.state.align });
    }
    return start + length;
  }

  /** GS V m (m = 0/1/48/49) or GS V m n (m = 65/66): full or partial cut. */
  private cut(i: number): number {
    const m = this.bytes[i + 2] ?? 0;
    const partial = m === 1 || m === 49 || m === 66;
    this.result.cuts.push({ partial });
    this.result.items.push({ kind: 'cut', partial });
    return m >= 65 ? i + 4 : i + 3;
  }

  private flushText(): void {
    if (this.pending.length === 0) return;
    const raw = Buffer.from(this.pending);
    this.pending = [];
    const text = iconv.decode(raw, 'gb18030');
    if (!this.state.chinese && raw.some((byte) => byte >= 0x80)) {
      this.result.problems.push(`non-ASCII text outside Chinese mode: ${text}`);
    }
    const { widthScale, heightScale, font, bold, inverse } = this.state;
    const cell = FONT_CELL[font];
    this.segments.push({
      text,
      widthScale,
      heightScale,
      font,
      heightDots: cell.height * heightScale,
      widthDots: cell.width * widthScale,
      bold,
      inverse,
    });
  }

  private endLine(): void {
    const segments = this.segments;
    this.segments = [];
    const visible = segments.filter((s) => s.text.trim());
    const line: DecodedLine = {
      text: segments.map((s) => s.text).join(''),
      widthScale: Math.max(1, ...visible.map((s) => s.widthScale)),
      heightScale: Math.max(1, ...visible.map((s) => s.heightScale)),
      heightDots: Math.max(0, ...visible.map((s) => s.heightDots)),
      widthDots: Math.max(0, ...visible.map((s) => s.widthDots)),
      align: this.lineAlign,
      segments,
    };
    this.lineAlign = this.state.align;
    this.result.lines.push(line);
    this.result.items.push({ kind: 'line', line });
  }

  private unknownAt(i: number, length: number): number {
    const hex = this.bytes.subarray(i, i + length).toString('hex');
    this.result.unknown.push(`@${i}: ${hex}`);
    return i + length;
  }
}

export function decodeEscPos(bytes: Buffer): DecodedTicket {
  return new Decoder(bytes).run();
}
