// Fixed-pitch layout for receipt printers (and any other monospaced grid).
//
// Why every non-ASCII character counts 2 columns: a Chinese ESC/POS printer in Chinese (Kanji)
// mode prints every multi-byte GB18030 character — Han, full-width punctuation, even '·' or '—' —
// from its 24-dot Kanji font, twice the width of a 12-dot ASCII glyph. So the printed width is
// decided by the encoding, not by Unicode's East-Asian-Width table: ASCII 1 column, the rest 2.
// An 80 mm roll has 48 columns = 24 Han characters. (node-thermal-printer's own wrap counts a Han
// character as 1 column, which is why we lay the ticket out ourselves.)

/** Columns a single code point occupies on the printer: 0 for controls and combining marks. */
export function charColumns(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (codePoint < 0x7f) return 1;
  if (isZeroWidth(codePoint)) return 0;
  return 2;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, direction marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff
  );
}

/** Printed width of a string in columns (ASCII 1, Han and other full-width characters 2). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charColumns(ch.codePointAt(0)!);
  return width;
}

/** Punctuation that must not begin a line (Chinese typesetting rule 避头点). */
const NO_LINE_START = new Set('，。、；：！？）】》」』”’…,.;:!?)]}%');

/** ASCII words stay whole; spaces are break points; every wide character is its own token. */
function tokenize(paragraph: string): string[] {
  return paragraph.match(/[\x21-\x7e]+| +|[^\x20-\x7e]/gu) ?? [];
}

/** Split a token too long for one line into pieces of at most `columns`. */
function splitLongToken(token: string, columns: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of token) {
    if (displayWidth(piece + ch) > columns && piece) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function wrapParagraph(paragraph: string, columns: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let width = 0;
  const flush = (): void => {
    lines.push(current.join('').trimEnd());
    current = [];
    width = 0;
  };
  const tokens = tokenize(paragraph).flatMap((t) =>
    displayWidth(t) > columns ? splitLongToken(t, columns) : [t],
  );
  for (const token of tokens) {
    const tokenWidth = displayWidth(token);
    if (width + tokenWidth <= columns) {
      current.push(token);
      width += tokenWidth;
      continue;
    }
    if (token.trim() === '') {
      flush(); // a space at the break is dropped
      continue;
    }
    // Carry the previous character down rather than start a line with closing punctuation.
    const carried = NO_LINE_START.has(token) && current.length > 1 ? current.pop()! : null;
    flush();
    if (carried) {
      current.push(carried);
      width = displayWidth(carried);
    }
    current.push(token);
    width += tokenWidth;
  }
  if (current.length > 0 || lines.length === 0) flush();
  return lines;
}

/** Wrap text to lines of at most `columns` printed columns; '\n' starts a new paragraph. */
export function wrapText(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < 2)
    throw new RangeError(`columns must be an integer >= 2: ${columns}`);
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .split('\n')
    .flatMap((paragraph) => wrapParagraph(paragraph.trim(), columns));
}

/** Spaces to put before `text` so it sits in the middle of `columns` (0 when it fills the line). */
export function centrePadding(text: string, columns: number): number {
  return Math.max(0, Math.floor((columns - displayWidth(text)) / 2));
}

/** `text` preceded by the spaces that centre it in `columns`; no trailing spaces. */
export function centreLine(text: string, columns: number): string {
  return ' '.repeat(centrePadding(text, columns)) + text;
}

/** Wrap, then centre every resulting line. */
export function wrapCentred(text: string, columns: number): string[] {
  return wrapText(text, columns).map((line) => centreLine(line, columns));
}
