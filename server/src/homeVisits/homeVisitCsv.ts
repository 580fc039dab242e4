// The home-visit register as CSV. By default it carries no personal field at all (no name, phone,
// address, district, ID or notes): what a supervisor needs to count and plan. The personal columns
// are added only when asked for with a reason, and that export is logged in the access log.
import type { HomeVisit } from '@hall/shared/contracts/admin';
import { toCsv, type CsvCell } from '../reports/csv';
import { localDateTime } from '../privacy/dayBounds';
import type { StoredHomeVisit } from './homeVisitRepository';

const STATUS_ZH: Record<HomeVisit['status'], string> = {
  requested: '待安排',
  scheduled: '已安排',
  done: '已完成',
  cancelled: '已取消',
};
const REASON_ZH: Record<HomeVisit['reason'], string> = {
  bedridden: '卧床',
  disabled: '残疾',
  elderly: '高龄',
  other: '其他',
};

const PLAIN_HEADER = [
  '编号',
  '业务',
  '原因',
  '申请日期',
  '状态',
  '安排日期',
  '上门民警',
  '完成时间',
  '送证上门',
  '代缴费',
];
const PERSONAL_HEADER = ['姓名', '电话', '地址', '身份证号（脱敏）', '备注', '取消原因', '个人信息清除时间'];

export interface HomeVisitCsvNames {
  service(id: number): string;
  officer(id: number | null): string;
  timeZone: string;
}

export function homeVisitCsv(
  visits: readonly StoredHomeVisit[],
  names: HomeVisitCsvNames,
  personal: boolean,
): string {
  const time = (at: number | null) => (at === null ? null : localDateTime(at, names.timeZone));
  const yesNo = (v: boolean) => (v ? '是' : '否');
  const rows: CsvCell[][] = [[...PLAIN_HEADER, ...(personal ? PERSONAL_HEADER : [])]];
  for (const v of visits) {
    const plain: CsvCell[] = [
      v.id,
      names.service(v.serviceId),
      REASON_ZH[v.reason],
      v.requestedDate,
      STATUS_ZH[v.status],
      v.scheduledDate,
      names.officer(v.officerId),
      time(v.completedAt),
      yesNo(v.documentDelivered),
      yesNo(v.assistedPayment),
    ];
    const extra: CsvCell[] = personal
      ? [
          v.personName,
          v.phone,
          v.address,
          v.maskedIdNumber,
          v.notes,
          v.cancelReason,
          time(v.personalClearedAt),
        ]
      : [];
    rows.push([...plain, ...extra]);
  }
  return toCsv(rows);
}
