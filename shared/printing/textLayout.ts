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

/** Closing punctuation that must not begin a line (Chinese typesetting rule 避头点). */
const NO_LINE_START = new Set('，。、；：！？）】》」』〉〕”’…—·,.;:!?)]}%');
/** Opening punctuation that must not end a line (避尾点). */
const NO_LINE_END = new Set('（【《「『〈〔“‘([{');
/** Punctuation after which a Chinese line breaks best: between phrases, not inside a word. */
const PHRASE_END = new Set('，。、；：！？）】》」』,.;:!?)');
/** A last line this short (in characters) looks lost on a centred ticket: "台。". */
const SHORT_LAST_LINE = 2;

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

const isSpace = (token: string): boolean => token.trim() === '';

/** Tokens of one line without the spaces at its ends (a space at a break is dropped). */
function trimmed(tokens: readonly string[]): string[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && isSpace(tokens[a]!)) a++;
  while (b > a && isSpace(tokens[b - 1]!)) b--;
  return tokens.slice(a, b);
}

function tokensWidth(tokens: readonly string[]): number {
  return tokens.reduce((sum, t) => sum + displayWidth(t), 0);
}

/** May a line break between these two tokens (the kinsoku rules)? */
function canBreakBetween(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return true;
  return !NO_LINE_START.has(after) && !NO_LINE_END.has(before);
}

/**
 * First fit, line by line. When the next token does not fit, the line breaks at the last place the
 * kinsoku rules allow, carrying a character (and any punctuation glued to it) down rather than
 * starting the next line with closing punctuation or ending this one with an opening bracket.
 */
function greedyLines(tokens: readonly string[], columns: number): string[][] {
  const lines: string[][] = [];
  let current: string[] = [];
  for (const token of tokens) {
    if (tokensWidth(trimmed([...current, token])) <= columns) {
      current.push(token);
      continue;
    }
    if (isSpace(token)) {
      lines.push(current);
      current = [];
      continue;
    }
    // Break before `token`, or further back where the rules allow (never leaving an empty line).
    let cut = current.length;
    while (cut > 1 && !canBreakBetween(current[cut - 1], cut === current.length ? token : current[cut]))
      cut--;
    const carried =
      cut > 0 && canBreakBetween(current[cut - 1], cut === current.length ? token : current[cut]);
    // Nothing allowed, or what would be carried down no longer fits beside `token` (a run of
    // punctuation wider than the line): break right here after all; the width always wins.
    const fitsBelow = tokensWidth(trimmed([...current.slice(cut), token])) <= columns;
    if (!carried || !fitsBelow) cut = current.length;
    lines.push(current.slice(0, cut));
    current = [...current.slice(cut), token];
  }
  if (current.length > 0 || lines.length === 0) lines.push(current);
  return lines;
}

function visibleCharacters(tokens: readonly string[]): number {
  return [...tokens.join('').replace(/\s/g, '')].length;
}

/**
 * The same number of lines as first fit, but as even as the rules allow, preferring breaks after
 * punctuation: minimises the sum of squared free columns per line, plus a small cost for each
 * break inside a phrase. Null when no such layout exists.
 */
function balancedLines(tokens: readonly string[], columns: number, lineCount: number): string[][] | null {
  const n = tokens.length;
  const MID_PHRASE = 150;
  // best[k][j]: cheapest way to set tokens[0, j) on k lines; from[k][j]: where line k starts.
  const best: number[][] = Array.from({ length: lineCount + 1 }, () =>
    new Array<number>(n + 1).fill(Infinity),
  );
  const from: number[][] = Array.from({ length: lineCount + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= lineCount; k++) {
    for (let j = 1; j <= n; j++) {
      if (j < n && !canBreakBetween(tokens[j - 1], tokens[j])) continue;
      for (let i = j - 1; i >= 0; i--) {
        const line = trimmed(tokens.slice(i, j));
        const width = tokensWidth(line);
        if (width > columns) break;
        if (best[k - 1]![i] === Infinity || line.length === 0) continue;
        const lastOfLine = line[line.length - 1]!;
        const midPhrase =
          j < n && !isSpace(tokens[j]!) && !isSpace(lastOfLine) && !PHRASE_END.has(lastOfLine);
        const short = j === n && k > 1 && visibleCharacters(line) <= SHORT_LAST_LINE;
        const cost =
          best[k - 1]![i]! +
          (columns - width) ** 2 +
          (midPhrase ? MID_PHRASE : 0) +
          (short ? columns ** 2 : 0);
        if (cost < best[k]![j]!) {
          best[k]![j] = cost;
          from[k]![j] = i;
        }
      }
    }
  }
  if (best[lineCount]![n] === Infinity) return null;
  const lines: string[][] = [];
  for (let k = lineCount, j = n; k > 0; k--) {
    const i = from[k]![j]!;
    lines.unshift(tokens.slice(i, j));
    j = i;
  }
  return lines;
}

function wrapParagraph(paragraph: string, columns: number): string[] {
  const tokens = tokenize(paragraph).flatMap((t) =>
    displayWidth(t) > columns ? splitLongToken(t, columns) : [t],
  );
  let lines = greedyLines(tokens, columns);
  // A lone last character or two ("台。") under a full line: spread the words over the same number
  // of lines instead, if the rules allow it.
  if (lines.length > 1 && visibleCharacters(lines[lines.length - 1]!) <= SHORT_LAST_LINE) {
    lines = balancedLines(tokens, columns, lines.length) ?? lines;
  }
  return lines.map((line) => trimmed(line).join(''));
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
