import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildTicketContent,
  formatIssueTime,
  numberSize,
  priorityMark,
  qrPayload,
  type TicketBlock,
  type TicketTextLine,
} from './ticketLayout';
import { centreLine, displayWidth, wrapText } from './textLayout';
import { ticketPrintDataFrom } from '@hall/shared/ticketPrintData';
import { sampleTicket } from '../../test/support/sampleTicket';
import type { IssuedTicket } from '@hall/shared/contracts/entities';
import { DEFAULT_RULES } from '@hall/shared/defaults';

const textLines = (blocks: TicketBlock[]): TicketTextLine[] =>
  blocks.filter((b): b is TicketTextLine => b.kind === 'text');

/** Columns a line takes on paper: the indent at normal size, the text magnified. */
const paperWidth = (line: TicketTextLine): number => line.indent + displayWidth(line.text) * line.size.width;

describe('display width', () => {
  it('counts ASCII as 1 column and Han / full-width characters as 2', () => {
    expect(displayWidth('A-L023')).toBe(6);
    expect(displayWidth('出入境')).toBe(6);
    expect(displayWidth('前面还有 3 人')).toBe(13);
    expect(displayWidth('（，）')).toBe(6);
    expect(displayWidth('𠀀㐀')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1); // combining accent takes no column
  });
});

describe('wrapText', () => {
  it('fits 24 Han characters in 48 columns and wraps the 25th', () => {
    const han24 = '政'.repeat(24);
    expect(wrapText(han24, 48)).toEqual([han24]);
    // Two lines; balanced, so the 25th character is not left alone on the last one.
    expect(wrapText(han24 + '务', 48)).toEqual(['政'.repeat(13), '政'.repeat(11) + '务']);
  });

  it('breaks English at spaces and never splits a short word', () => {
    expect(wrapText('Please watch windows one and two', 12)).toEqual([
      'Please watch',
      'windows one',
      'and two',
    ]);
  });

  it('hard-splits a word longer than the line', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('does not start a line with closing punctuation', () => {
    const lines = wrapText('请保管好此票。谢谢', 14); // 7 Han = 14 columns, then '。'
    expect(lines[1]?.startsWith('。')).toBe(false);
    expect(lines.join('')).toBe('请保管好此票。谢谢');
  });

  it('never starts a line with a run of closing punctuation, nor ends one with an opening bracket', () => {
    // Six characters fill 12 columns; "。」" must not open the next line, so "五" comes down too
    // (and, balanced, the last line keeps more than two characters).
    expect(wrapText('一二三四五。」六七八九十', 12)).toEqual(['一二三四', '五。」', '六七八九十']);
    const lines = wrapText('一二三四「五六七八九」十', 10);
    for (const line of lines) expect(line.endsWith('「')).toBe(false);
    expect(lines.join('')).toBe('一二三四「五六七八九」十');
  });

  it('does not leave one or two characters alone on the last line when it can balance', () => {
    // The demo hall's footer: first fit left "台。" on a line of its own.
    const footer = '60岁以上老人无需预约，优先办理。如需帮助请到服务台。';
    const lines = wrapText(footer, 48);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toBe(footer);
    expect([...lines[1]!].length).toBeGreaterThan(2);
    // …and prefers to break between phrases (after ，or 。) rather than inside a word.
    expect(lines[0]!.endsWith('，') || lines[0]!.endsWith('。')).toBe(true);
  });

  it('balances any Han text so its last line holds at least three characters (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 120 }), fc.integer({ min: 6, max: 64 }), (length, columns) => {
        const text = '政务'.repeat(60).slice(0, length);
        const lines = wrapText(text, columns);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
        expect(lines.join('')).toBe(text);
        // Never more lines than first fit needs.
        expect(lines).toHaveLength(Math.ceil(length / Math.floor(columns / 2)));
        if (lines.length > 1) expect([...lines.at(-1)!].length).toBeGreaterThanOrEqual(3);
      }),
    );
  });

  it('keeps Chinese punctuation rules for any mix of phrases (property)', () => {
    const phrase = fc
      .tuple(
        fc.constantFrom('', '「', '（'),
        fc.array(fc.constantFrom('政', '务', '大', '厅'), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('', '。', '，', '」', '）', '。」', '！）'),
      )
      .map(([open, han, close]) => open + han.join('') + close);
    fc.assert(
      fc.property(
        fc.array(phrase, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 10, max: 48 }),
        (parts, columns) => {
          const text = parts.join('');
          const lines = wrapText(text, columns);
          expect(lines.join('')).toBe(text);
          for (const [i, line] of lines.entries()) {
            expect(displayWidth(line)).toBeLessThanOrEqual(columns);
            if (i > 0)
              expect('。，」）！'.includes(line[0]!), `line ${i} of ${JSON.stringify(lines)}`).toBe(false);
            if (i < lines.length - 1)
              expect('「（'.includes(line.at(-1)!), JSON.stringify(lines)).toBe(false);
          }
        },
      ),
    );
  });

  it('keeps every line within the column count (property)', () => {
    const alphabet = fc.constantFrom('政', '务', '。', 'a', 'b', ' ', '1', '𠀀', '，');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 120 }),
        fc.integer({ min: 4, max: 64 }),
        (chars, columns) => {
          const text = chars.join('');
          const lines = wrapText(text, columns);
          for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
          expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        },
      ),
      { numRuns: 2000, examples: [[['1', '政', '，', '，'], 5]] },
    );
  });

  it('breaks before a run of closing punctuation too wide to carry a character down with it', () => {
    // Found by the property above: carrying 政 down beside two commas made a 6-column line in 5.
    expect(wrapText('1政，，', 5)).toEqual(['1政，', '，']);
  });
});

describe('centreLine', () => {
  it('puts equal space on both sides, without trailing spaces', () => {
    expect(centreLine('出入境', 48)).toBe(' '.repeat(21) + '出入境');
    expect(centreLine('政'.repeat(24), 48)).toBe('政'.repeat(24));
  });
});

describe('priorityMark', () => {
  it('marks elderly tickets 老年人优先 Senior priority and names other classes', () => {
    expect(priorityMark(sampleTicket())).toEqual({ zh: '老年人优先', en: 'Senior priority' });
    const disabled = sampleTicket({
      priorityClass: 'disabled',
      priorityNameZh: '残疾人',
      priorityNameEn: 'Disabled',
    });
    expect(priorityMark(disabled)).toEqual({ zh: '残疾人优先', en: 'Disabled priority' });
    expect(priorityMark(sampleTicket({ priorityClass: 'military', priorityNameZh: '军人优先' }))?.zh).toBe(
      '军人优先',
    );
    expect(priorityMark(sampleTicket({ priorityClass: 'normal', priorityNameZh: null }))).toBeNull();
  });
});

describe('formatIssueTime', () => {
  it('formats in the hall time zone, not the machine one', () => {
    expect(formatIssueTime(Date.UTC(2026, 10, 28, 1, 5), 'Asia/Shanghai')).toBe('2026-11-28 09:05');
    expect(formatIssueTime(Date.UTC(2026, 10, 28, 17, 0), 'Asia/Shanghai')).toBe('2026-11-29 01:00');
  });

  it('falls back to UTC, marked, for an unknown zone', () => {
    expect(formatIssueTime(Date.UTC(2026, 10, 28, 1, 5), 'Mars/Olympus')).toBe('2026-11-28 01:05 UTC');
  });
});

describe('buildTicketContent', () => {
  it('contains every fact an elderly visitor needs, Mandarin first', () => {
    const blocks = buildTicketContent(sampleTicket({ proxy: true }));
    const texts = textLines(blocks).map((l) => l.text);
    const all = texts.join('\n');
    for (const expected of [
      '滨江区政务服务中心',
      '出入境',
      'Exit & Entry',
      'A-L023',
      '老年人优先',
      'Senior priority',
      '代办',
      '前面还有 3 人',
      '3 people ahead of you',
      '预计等候约 15 分钟',
      '请留意 1、2 号窗口',
      '2026-11-28 09:05',
      '请保管好此票',
    ]) {
      expect(all).toContain(expected);
    }
    expect(texts.findIndex((t) => t.includes('出入境'))).toBeLessThan(
      texts.findIndex((t) => t === 'Exit & Entry'),
    );
    expect(blocks).toContainEqual({ kind: 'qr', data: 'http://127.0.0.1:8080/t/abc123XYZ' });
  });

  it('prints the number by far the largest (6× on 80 mm, twice the banner) and the priority mark inverse', () => {
    const lines = textLines(buildTicketContent(sampleTicket()));
    const number = lines.find((l) => l.text === 'A-L023')!;
    expect(number).toMatchObject({ size: { width: 6, height: 6 }, bold: true });
    const mark = lines.find((l) => l.text.includes('老年人优先'))!;
    expect(mark).toMatchObject({ size: { width: 2, height: 2 }, inverse: true });
    for (const line of lines.filter((l) => l !== number)) {
      expect(number.size.height, line.text).toBeGreaterThanOrEqual(2 * line.size.height);
    }
  });

  it('sizes the number to the paper: the largest of 4–6× that fits', () => {
    expect(numberSize('A-L023', 48)).toEqual({ width: 6, height: 6 });
    expect(numberSize('A-L1023', 48)).toEqual({ width: 6, height: 6 }); // 42 of 48 columns
    expect(numberSize('A-L023', 32)).toEqual({ width: 5, height: 5 }); // 58 mm roll
    expect(numberSize('A-L1023', 32)).toEqual({ width: 4, height: 4 });
  });

  it('omits the priority mark and proxy mark on a normal ticket', () => {
    const all = textLines(buildTicketContent(sampleTicket({ priorityClass: 'normal', priorityNameZh: null })))
      .map((l) => l.text)
      .join('\n');
    expect(all).not.toContain('优先');
    expect(all).not.toContain('代办');
  });

  it('prints the booked slot of an appointment ticket, and none on a walk-in', () => {
    const booked = textLines(
      buildTicketContent(sampleTicket({ number: 'A-Y007', appointmentSlot: '09:00–09:30' })),
    );
    expect(booked.map((l) => l.text.trim())).toContain('预约 09:00–09:30');
    expect(booked.find((l) => l.text.includes('预约'))!.size).toEqual({ width: 1, height: 2 });
    expect(booked.map((l) => l.text.trim())).toContain('Appointment 09:00–09:30');
    const walkIn = textLines(buildTicketContent(sampleTicket({})))
      .map((l) => l.text)
      .join('\n');
    expect(walkIn).not.toContain('预约 ');
  });

  it('takes the slot from an appointment ticket in the hall zone', () => {
    const start = Date.UTC(2026, 11, 1, 1, 0);
    const issued = {
      ticket: {
        number: 'A-Y007',
        priorityClass: 'normal',
        proxy: false,
        issuedAt: start,
        slotStart: start,
        slotEnd: start + 1_800_000,
      },
      peopleAhead: 0,
      estimatedWaitMinutes: 0,
      statusPath: '/t/x',
      windowsToWatch: [],
      serviceNameZh: '出入境',
      serviceNameEn: 'Exit-entry',
      hallName: '大厅',
      footer: '',
    } as unknown as IssuedTicket;
    const data = ticketPrintDataFrom(issued, {
      statusOrigin: 'http://h',
      timeZone: 'Asia/Shanghai',
      priorityClasses: DEFAULT_RULES.priorityClasses,
    });
    expect(data.appointmentSlot).toBe('09:00–09:30');
  });

  it('says so when nobody is ahead and the wait is short', () => {
    const all = textLines(buildTicketContent(sampleTicket({ peopleAhead: 0, estimatedWaitMinutes: 0 })))
      .map((l) => l.text)
      .join('\n');
    expect(all).toContain('前面没有人');
    expect(all).toContain('预计很快叫到您');
  });

  it('never says "soon" when no window that serves the ticket is open (issue 14)', () => {
    const text = (outlook: 'later' | 'none', minutes: number) =>
      textLines(buildTicketContent(sampleTicket({ peopleAhead: 0, estimatedWaitMinutes: minutes, outlook })))
        .map((l) => l.text)
        .join('\n');
    const later = text('later', 0);
    expect(later).not.toContain('很快');
    expect(later).toContain('窗口暂未开放，开放后按顺序叫号');
    expect(text('later', 12)).toContain('窗口暂未开放，开放后约 12 分钟');
    const none = text('none', 0);
    expect(none).not.toContain('很快');
    expect(none).toContain('今天没有窗口办理此业务');
  });

  it('writes long waits in hours and minutes', () => {
    const all = textLines(buildTicketContent(sampleTicket({ estimatedWaitMinutes: 80 })))
      .map((l) => l.text)
      .join('\n');
    expect(all).toContain('预计等候约 1 小时 20 分钟');
    expect(all).toContain('about 1 h 20 min');
  });

  it('keeps every line within the paper width and centres short lines', () => {
    const longHall = '某某省某某市某某区人民政府政务服务中心出入境管理大厅第二分厅';
    for (const columns of [32, 42, 48]) {
      const lines = textLines(buildTicketContent(sampleTicket({ hallName: longHall }), columns));
      for (const line of lines) expect(paperWidth(line)).toBeLessThanOrEqual(columns);
      const number = lines.find((l) => l.text === 'A-L023')!;
      const left = number.indent;
      const right = columns - paperWidth(number);
      expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the QR code an ASCII payload even for a non-ASCII URL', () => {
    const idn = qrPayload('http://大厅.example/t/abc');
    expect(idn).toMatch(/^http:\/\/xn--[a-z0-9-]+\.example\/t\/abc$/);
    expect(qrPayload('http://127.0.0.1/t/状态')).toBe('http://127.0.0.1/t/%E7%8A%B6%E6%80%81');
  });
});

describe('ticketPrintDataFrom', () => {
  const issued: IssuedTicket = {
    ticket: {
      id: 9,
      hallId: 1,
      serviceId: 2,
      businessDay: '2026-11-28',
      sequence: 23,
      number: 'A-C023',
      priorityClass: 'disabled',
      proxy: true,
      proxyRelation: '子女',
      source: 'kiosk',
      state: 'waiting',
      issuedAt: Date.UTC(2026, 10, 28, 1, 5),
      orderKey: Date.UTC(2026, 10, 28, 1, 5),
      calledAt: null,
      servingAt: null,
      finishedAt: null,
      windowId: null,
      staffId: null,
      callCount: 0,
      marks: null,
      transferredFromId: null,
    },
    peopleAhead: 4,
    estimatedWaitMinutes: 12,
    outlook: 'later',
    statusPath: '/t/tok123',
    windowsToWatch: [1, 2],
    serviceNameZh: '出入境',
    serviceNameEn: 'Exit & Entry',
    hallName: '滨江区政务服务中心',
    footer: '谢谢',
  };

  it('turns the server answer into print data with an absolute status URL and the class name', () => {
    const data = ticketPrintDataFrom(issued, {
      statusOrigin: 'http://192.168.1.10:8080',
      timeZone: 'Asia/Shanghai',
      priorityClasses: DEFAULT_RULES.priorityClasses,
    });
    expect(data).toMatchObject({
      number: 'A-C023',
      outlook: 'later',
      statusUrl: 'http://192.168.1.10:8080/t/tok123',
      priorityNameZh: '残疾人',
      proxy: true,
      peopleAhead: 4,
      timeZone: 'Asia/Shanghai',
    });
    expect(priorityMark(data)).toEqual({ zh: '残疾人优先', en: 'Disabled priority' });
  });
});
