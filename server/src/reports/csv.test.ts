// CSV bytes exactly as Excel needs them: BOM, CRLF, RFC 4180 quoting, formula guard, Chinese headers.
import { describe, expect, it } from 'vitest';
import type { HallReport } from '@hall/shared/contracts/admin';
import type { SatisfactionFigures } from '@hall/shared/contracts/ratings';
import { csvCell, toCsv } from './csv';
import { reportCsv, reportCsvLines } from './reportCsv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell('plain 中文')).toBe('plain 中文');
  });

  it('guards cells a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+86 123')).toBe("'+86 123");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(2.5)).toBe('2.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a UTF-8 BOM, CRLF line ends and a final CRLF, byte for byte', () => {
    const text = toCsv([['名称', '数量'], ['A "快"', 3], [], ['=1+1', null]]);
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const expected = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('名称,数量\r\n"A ""快""",3\r\n\r\n\'=1+1,\r\n', 'utf8'),
    ]);
    expect(bytes.equals(expected)).toBe(true);
  });
});

describe('reportCsv', () => {
  const stats = (count: number, avg: number | null, p90: number | null) => ({
    count,
    averageMinutes: avg,
    p90Minutes: p90,
  });
  const noRatings = (served: number): SatisfactionFigures => ({
    rated: 0,
    byLevel: {
      very_satisfied: 0,
      satisfied: 0,
      basically_satisfied: 0,
      dissatisfied: 0,
      very_dissatisfied: 0,
    },
    unanswered: 0,
    satisfactionRate: null,
    participationRate: served === 0 ? null : 0,
  });
  const someRatings: SatisfactionFigures = {
    rated: 4,
    byLevel: {
      very_satisfied: 2,
      satisfied: 1,
      basically_satisfied: 0,
      dissatisfied: 1,
      very_dissatisfied: 0,
    },
    unanswered: 1,
    satisfactionRate: 0.75,
    participationRate: 0.5,
  };
  const report: HallReport = {
    from: '2026-04-01',
    to: '2026-09-30',
    hallId: 1,
    issued: 10,
    issuedAtDesk: 2,
    served: 8,
    noShows: 1,
    cancelled: 1,
    transferred: 2,
    withProxy: 3,
    withAssistedPayment: 4,
    wait: stats(9, 12.5, 20),
    service: stats(8, 6, 9.5),
    satisfaction: someRatings,
    ratingCases: { opened: 1, open: 0, verified: 1, rectified: 0, closed: 0, overdue: 1 },
    byHall: [],
    byService: [
      {
        key: '1',
        label: 'A 出入境,证件',
        issued: 10,
        transfersIn: 2,
        served: 8,
        withProxy: 3,
        withAssistedPayment: 2,
        wait: stats(9, 12.5, 20),
        service: stats(8, 6, 9.5),
        satisfaction: someRatings,
      },
    ],
    byWindow: [],
    byStaff: [
      {
        key: '7',
        label: '=王警官',
        issued: 1,
        transfersIn: 0,
        served: 1,
        withProxy: 0,
        withAssistedPayment: 0,
        wait: stats(1, 1, 1),
        service: stats(0, null, null),
        satisfaction: noRatings(1),
      },
    ],
    byPriorityClass: [],
    hourly: Array.from({ length: 24 }, (_, h) => (h === 9 ? 4 : 0)),
    elderly: {
      totalElderlyServices: 5,
      servedInHall: 4,
      byCategory: { exit_entry: 2, household: 3, id_card: 0, residence_permit: 0, other: 0 },
      viaElderlyWindow: 3,
      viaOrdinaryWindow: 1,
      withProxy: 1,
      withAssistedPayment: 2,
      homeVisits: 1,
      homeDeliveries: 1,
      elderlyWait: stats(4, 5, 8),
      ordinaryWait: stats(5, 18.2, 20),
      satisfaction: { ...someRatings, rated: 1, satisfactionRate: 1, participationRate: 0.25 },
      otherSatisfaction: { ...someRatings, rated: 3, satisfactionRate: 0.6667, participationRate: 0.75 },
    },
    appointments: {
      booked: 6,
      checkedIn: 4,
      missed: 1,
      cancelled: 1,
      appointmentWait: stats(4, 3.5, 6),
      walkInWait: stats(6, 14, 21),
    },
  };

  it('lays out the sections with Chinese headers and escapes labels', () => {
    const text = reportCsv(report, '测试大厅');
    expect(
      text.startsWith(
        '\uFEFF办证大厅业务报表,测试大厅,日期,2026-04-01 至 2026-09-30\r\n\r\n指标,数值\r\n取号人数,10\r\n',
      ),
    ).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toContain('其中 导办台取号,2');
    expect(lines).toContain('老年人服务合计,5');
    expect(lines).toContain('其中 出入境,2');
    expect(lines).toContain('其中 户政,3');
    expect(lines).toContain('代缴费,2');
    expect(lines).toContain('送证上门,1');
    expect(lines).toContain(
      '名称,取号/呼叫,转入,办结,亲友代办,代缴费,等候人次,平均等候(分钟),90%等候(分钟),办理人次,平均办理(分钟),90%办理(分钟),' +
        '评价数,非常满意,满意,基本满意,不满意,非常不满意,未评价,满意率,参评率',
    );
    expect(lines).toContain('"A 出入境,证件",10,2,8,3,2,9,12.5,20,8,6,9.5,4,2,1,0,1,0,1,75%,50%');
    expect(lines).toContain("'=王警官,1,0,1,0,0,1,1,1,0,,,0,0,0,0,0,0,0,,0%");
    // 好差评: the summary, the elderly and other visitors, and the 差评 cases by status.
    expect(lines).toContain('满意率,75%');
    expect(lines).toContain('参评率,50%');
    expect(lines).toContain('老年人满意率,100%');
    expect(lines).toContain('其他群众满意率,66.67%');
    expect(lines).toContain('差评件,1');
    expect(lines).toContain('其中 已超期,1');
    expect(lines).toContain('亲友代办（全部群众）,3');
    expect(lines).toContain('代缴费（全部群众）,4');
    expect(lines).toContain('09:00,4');
    expect(lines).toContain('预约人数（按预约日）,6');
    expect(lines).toContain('未到（过期）,1');
    expect(lines).toContain('预约号平均等候(分钟),3.5');
    expect(lines).toContain('现场取号平均等候(分钟),14');
    expect(lines.filter((l) => /^\d\d:00,/.test(l))).toHaveLength(24);
    expect(text.endsWith('23:00,0\r\n')).toBe(true);
    // No bare LF anywhere: every line break is CRLF.
    expect(/[^\r]\n/.test(text)).toBe(false);
  });

  it('streams the same bytes line by line', () => {
    expect([...reportCsvLines(report, '测试大厅')].join('')).toBe(reportCsv(report, '测试大厅'));
  });
});
