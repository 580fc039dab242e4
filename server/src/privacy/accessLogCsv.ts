// The access log as CSV for the supervisor's records: who looked at which record, when and why.
import type {
  AccessAction,
  AccessLogEntry,
  PersonalRecordKind,
  RevealReason,
} from '@hall/shared/contracts/privacy';
import { toCsv, type CsvCell } from '../reports/csv';
import { dateTime as localDateTime } from '@hall/shared/hallTime';

const ACTION_ZH: Record<AccessAction, string> = {
  reveal: '查看完整信息',
  export: '导出个人信息',
  subject_copy: '本人查阅（提供副本）',
  subject_erase: '本人要求删除',
};
const REASON_ZH: Record<RevealReason, string> = {
  arrange_visit: '安排上门',
  contact_person: '联系本人或家属',
  verify_record: '核实信息',
  subject_request: '本人申请',
  complaint_review: '投诉或复核',
};
const KIND_ZH: Record<PersonalRecordKind, string> = { home_visit: '上门办登记', appointment: '预约' };

export function accessLogCsv(entries: readonly AccessLogEntry[], timeZone: string): string {
  const rows: CsvCell[][] = [['时间', '人员', '操作', '记录类别', '记录编号', '记录数', '理由']];
  for (const e of entries) {
    rows.push([
      localDateTime(e.at, timeZone),
      e.staffName ?? '',
      ACTION_ZH[e.action],
      KIND_ZH[e.recordKind],
      e.recordId,
      e.recordCount,
      REASON_ZH[e.reason],
    ]);
  }
  return toCsv(rows);
}
