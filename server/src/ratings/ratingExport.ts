// Ratings as the provincial 好差评 platform takes them: one record per rated ticket with 办件编号,
// service, window, officer, level, reasons, channel and time; as JSON (GET /api/v1/ratings with an
// API key of scope `ratings`) and as CSV with a BOM for Excel (GET /api/admin/ratings.csv).
import {
  RATING_LEVEL_ZH,
  RATING_REASON_ZH,
  type Rating,
  type RatingExportRecord,
} from '@hall/shared/contracts/ratings';
import type { Repositories } from '../repositories';
import type { RatingRepository } from './ratingRepository';
import { checkRange } from '../reports/reportRange';
import { CSV_BOM, csvLine, type CsvCell } from '../reports/csv';

export const RATING_CSV_HEADER = [
  '办件编号',
  '号码',
  '业务日期',
  '业务编码',
  '业务名称',
  '窗口',
  '工作人员',
  '警号/工号',
  '群众类别',
  '评价等级',
  '不满意原因',
  '评价渠道',
  '评价时间',
];

const CHANNEL_ZH = { pad: '窗口评价器', phone: '手机扫码' } as const;

export function createRatingExport(repos: Repositories, ratings: RatingRepository) {
  function records(hallId: number, from: string, to: string): RatingExportRecord[] {
    checkRange({ from, to });
    const hall = repos.halls.find(hallId);
    const services = new Map(repos.services.list(hallId).map((s) => [s.id, s]));
    const windows = new Map(repos.windows.list(hallId).map((w) => [w.id, w]));
    const staff = new Map(repos.staff.list(hallId).map((s) => [s.id, s]));
    return ratings.list(hallId, from, to).map((r: Rating) => {
      const service = services.get(r.serviceId);
      const officer = r.staffId === null ? undefined : staff.get(r.staffId);
      return {
        caseNumber: `${hall?.code ?? hallId}-${r.businessDay.replaceAll('-', '')}-${r.ticketNumber}`,
        ticketId: r.ticketId,
        ticketNumber: r.ticketNumber,
        businessDay: r.businessDay,
        serviceCode: service?.code ?? '',
        serviceName: service?.nameZh ?? '',
        windowNumber: r.windowId === null ? null : (windows.get(r.windowId)?.number ?? null),
        officerName: officer?.name ?? null,
        officerBadgeNumber: officer?.badgeNumber ?? null,
        priorityClass: r.priorityClass,
        level: r.level,
        levelZh: r.level === null ? '未评价' : RATING_LEVEL_ZH[r.level],
        reasons: r.reasons,
        reasonsZh: r.reasons.map((reason) => RATING_REASON_ZH[reason]),
        channel: r.channel,
        ratedAt: new Date(r.at).toISOString(),
      };
    });
  }

  return {
    records,
    /** The CSV, line by line (the first with the byte-order mark); a bad range throws at once. */
    csvLines(hallId: number, from: string, to: string): Iterable<string> {
      return csvOf(records(hallId, from, to));
    },
  };
}
export type RatingExport = ReturnType<typeof createRatingExport>;

function* csvOf(records: RatingExportRecord[]): Generator<string> {
  yield CSV_BOM + csvLine(RATING_CSV_HEADER);
  for (const r of records) {
    const row: CsvCell[] = [
      r.caseNumber,
      r.ticketNumber,
      r.businessDay,
      r.serviceCode,
      r.serviceName,
      r.windowNumber,
      r.officerName,
      r.officerBadgeNumber,
      r.priorityClass,
      r.levelZh,
      r.reasonsZh.join('、'),
      CHANNEL_ZH[r.channel],
      r.ratedAt,
    ];
    yield csvLine(row);
  }
}
