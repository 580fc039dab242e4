// The report as a CSV sheet in sections (summary, elderly services, the groupings, hourly load),
// separated by blank rows, with Chinese headers: the hall's own reporting language. The lines are
// produced one at a time, so the HTTP answer streams them.
import type { DurationStats, HallReport, ReportGroupRow } from '@hall/shared/contracts/admin';
import { RATING_LEVELS, type SatisfactionFigures } from '@hall/shared/contracts/ratings';
import type { ServiceCategory } from '@hall/shared/contracts/entities';
import { CSV_BOM, csvLine, toCsv, type CsvCell } from './csv';

export const CATEGORY_NAMES_ZH: Record<ServiceCategory, string> = {
  exit_entry: '出入境',
  household: '户政',
  id_card: '身份证',
  residence_permit: '居住证',
  other: '其他',
};

export const GROUP_HEADER = [
  '名称',
  '取号/呼叫',
  '转入',
  '办结',
  '亲友代办',
  '代缴费',
  '等候人次',
  '平均等候(分钟)',
  '90%等候(分钟)',
  '办理人次',
  '平均办理(分钟)',
  '90%办理(分钟)',
  '评价数',
  '非常满意',
  '满意',
  '基本满意',
  '不满意',
  '非常不满意',
  '未评价',
  '满意率',
  '参评率',
];

const stats = (s: DurationStats): CsvCell[] => [s.count, s.averageMinutes, s.p90Minutes];

/** A rate as a percentage with up to two decimals ('93.75%'); empty without a denominator. */
export const percent = (rate: number | null): string =>
  rate === null ? '' : `${Math.round(rate * 10_000) / 100}%`;

const satisfaction = (s: SatisfactionFigures): CsvCell[] => [
  s.rated,
  ...RATING_LEVELS.map((l) => s.byLevel[l]),
  s.unanswered,
  percent(s.satisfactionRate),
  percent(s.participationRate),
];

function groupSection(title: string, rows: ReportGroupRow[]): CsvCell[][] {
  return [
    [title],
    GROUP_HEADER,
    ...rows.map((r) => [
      r.label,
      r.issued,
      r.transfersIn,
      r.served,
      r.withProxy,
      r.withAssistedPayment,
      ...stats(r.wait),
      ...stats(r.service),
      ...satisfaction(r.satisfaction),
    ]),
  ];
}

export function reportCsvRows(report: HallReport, hallName: string): CsvCell[][] {
  const e = report.elderly;
  return [
    ['办证大厅业务报表', hallName, '日期', `${report.from} 至 ${report.to}`],
    [],
    ['指标', '数值'],
    ['取号人数', report.issued],
    ['其中 导办台取号', report.issuedAtDesk],
    ['办结人数', report.served],
    ['过号', report.noShows],
    ['取消', report.cancelled],
    ['转移', report.transferred],
    ['亲友代办（全部群众）', report.withProxy],
    ['代缴费（全部群众）', report.withAssistedPayment],
    ['平均等候(分钟)', report.wait.averageMinutes],
    ['90%等候(分钟)', report.wait.p90Minutes],
    ['平均办理(分钟)', report.service.averageMinutes],
    ['90%办理(分钟)', report.service.p90Minutes],
    [],
    ['老年人便利服务', '人次'],
    ['老年人服务合计', e.totalElderlyServices],
    ['大厅办结（绿色通道）', e.servedInHall],
    ...(Object.keys(CATEGORY_NAMES_ZH) as ServiceCategory[]).map((c) => [
      `其中 ${CATEGORY_NAMES_ZH[c]}`,
      e.byCategory[c],
    ]),
    ['经老年人专窗', e.viaElderlyWindow],
    ['经普通窗口', e.viaOrdinaryWindow],
    ['亲友代办', e.withProxy],
    ['代缴费', e.withAssistedPayment],
    ['上门办', e.homeVisits],
    ['送证上门', e.homeDeliveries],
    ['老年人平均等候(分钟)', e.elderlyWait.averageMinutes],
    ['普通群众平均等候(分钟)', e.ordinaryWait.averageMinutes],
    ['老年人满意率', percent(e.satisfaction.satisfactionRate)],
    ['老年人参评率', percent(e.satisfaction.participationRate)],
    ['其他群众满意率', percent(e.otherSatisfaction.satisfactionRate)],
    ['其他群众参评率', percent(e.otherSatisfaction.participationRate)],
    [],
    ['好差评', '数值'],
    ['评价数', report.satisfaction.rated],
    ['非常满意', report.satisfaction.byLevel.very_satisfied],
    ['满意', report.satisfaction.byLevel.satisfied],
    ['基本满意', report.satisfaction.byLevel.basically_satisfied],
    ['不满意', report.satisfaction.byLevel.dissatisfied],
    ['非常不满意', report.satisfaction.byLevel.very_dissatisfied],
    ['未评价', report.satisfaction.unanswered],
    ['满意率', percent(report.satisfaction.satisfactionRate)],
    ['参评率', percent(report.satisfaction.participationRate)],
    ['差评件', report.ratingCases.opened],
    ['其中 待核实', report.ratingCases.open],
    ['其中 已核实', report.ratingCases.verified],
    ['其中 已整改', report.ratingCases.rectified],
    ['其中 已反馈办结', report.ratingCases.closed],
    ['其中 已超期', report.ratingCases.overdue],
    [],
    ['预约', '数值'],
    ['预约人数（按预约日）', report.appointments.booked],
    ['已签到', report.appointments.checkedIn],
    ['未到（过期）', report.appointments.missed],
    ['已取消', report.appointments.cancelled],
    ['预约号平均等候(分钟)', report.appointments.appointmentWait.averageMinutes],
    ['预约号90%等候(分钟)', report.appointments.appointmentWait.p90Minutes],
    ['现场取号平均等候(分钟)', report.appointments.walkInWait.averageMinutes],
    ['现场取号90%等候(分钟)', report.appointments.walkInWait.p90Minutes],
    [],
    ...groupSection('按大厅', report.byHall),
    [],
    ...groupSection('按业务', report.byService),
    [],
    ...groupSection('按窗口', report.byWindow),
    [],
    ...groupSection('按工作人员', report.byStaff),
    [],
    ...groupSection('按优先类别', report.byPriorityClass),
    [],
    ['时段', '取号人数'],
    ...report.hourly.map((n, hour) => [`${String(hour).padStart(2, '0')}:00`, n]),
  ];
}

export function reportCsv(report: HallReport, hallName: string): string {
  return toCsv(reportCsvRows(report, hallName));
}

/** The same bytes as reportCsv, line by line (the first carries the byte-order mark). */
export function* reportCsvLines(report: HallReport, hallName: string): Generator<string> {
  let first = true;
  for (const row of reportCsvRows(report, hallName)) {
    yield (first ? CSV_BOM : '') + csvLine(row);
    first = false;
  }
}
