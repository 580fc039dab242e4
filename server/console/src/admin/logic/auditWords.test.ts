import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { AuditEntry } from '@hall/shared/contracts/admin';
import { DEFAULT_RULES } from '@hall/shared/defaults';
import consoleZh from '../../i18n/locales/zh-CN';
import consoleEn from '../../i18n/locales/en';
import adminZh from '../locales/zh-CN';
import adminEn from '../locales/en';
import { describeAuditEntry, type AuditWordsContext } from './auditWords';

function contextFor(locale: 'zh-CN' | 'en'): AuditWordsContext {
  const i18n = createI18n({
    legacy: false,
    locale,
    messages: { 'zh-CN': { ...consoleZh, ...adminZh }, en: { ...consoleEn, ...adminEn } },
  });
  return {
    t: (key, params) => i18n.global.t(key, params ?? {}),
    te: (key) => i18n.global.te(key),
    locale,
    serviceName: (id) => ({ 1: 'A 出入境证件', 2: 'B 户籍业务' })[id] ?? null,
    staffName: (id) => ({ 7: '张警官' })[id] ?? null,
  };
}

const entry = (action: string, detail: AuditEntry['detail']): AuditEntry => ({
  id: 1,
  at: 0,
  staffId: 2,
  staffName: '值班主管',
  action,
  detail,
});
const zh = contextFor('zh-CN');
const en = contextFor('en');
const lines = (e: AuditEntry, c = zh) => describeAuditEntry(e, c).changes.map((x) => x.text);

describe('audit entries in words', () => {
  it('says what changed from what to what, with the field’s own name', () => {
    const rules = entry('rules.update', {
      target: { id: null, label: null },
      changes: [
        { field: 'maxWaitMinutes', from: 45, to: 30 },
        { field: 'elderlyWindowTakesOthers', from: true, to: false },
      ],
    });
    expect(describeAuditEntry(rules, zh)).toMatchObject({ action: '修改叫号规则', target: null });
    expect(lines(rules)).toEqual([
      '最长等候（分钟），超过即优先叫：由 45 改为 30',
      '老年人专窗无优先号时可叫普通号：由 是 改为 否',
    ]);
    expect(lines(rules, en)).toEqual([
      expect.stringMatching(/: from 45 to 30$/),
      expect.stringMatching(/: from Yes to No$/i),
    ]);
  });

  it('names the thing changed and puts values into words (services, hours, printers, classes)', () => {
    const window = entry('window.update', {
      target: { id: 3, label: '3' },
      changes: [
        { field: 'serviceIds', from: [1], to: [1, 2] },
        { field: 'elderlyDedicated', from: false, to: true },
      ],
    });
    expect(describeAuditEntry(window, zh).target).toBe('3 号窗口');
    expect(lines(window)).toEqual([
      '办理业务：由 A 出入境证件 改为 A 出入境证件、B 户籍业务',
      '老年人专窗：由 否 改为 是',
    ]);

    const voices = entry('hall.update', {
      target: { id: 1, label: null },
      changes: [{ field: 'voiceLanguages', from: ['cmn'], to: ['cmn', 'yue'] }],
    });
    expect(lines(voices)).toEqual(['播报语言（按顺序）：由 普通话 改为 普通话、粤语']);

    const hall = entry('hall.update', {
      target: { id: 1, label: null },
      changes: [
        {
          field: 'hours',
          from: { opens: '08:30', closes: '17:30' },
          to: { opens: '09:00', closes: '17:00' },
        },
      ],
    });
    expect(lines(hall)).toEqual(['开放时间：由 08:30–17:30 改为 09:00–17:00']);

    const device = entry('device.update', {
      target: { id: 4, label: '取号机 1' },
      changes: [{ field: 'printer', from: { interface: 'virtual', widthColumns: 48 }, to: null }],
    });
    expect(lines(device)).toEqual(['打印机：由 虚拟打印机（每行 48 字符） 改为 无打印机']);

    const classes = entry('rules.update', {
      target: { id: null, label: null },
      changes: [
        {
          field: 'priorityClasses',
          from: DEFAULT_RULES.priorityClasses.slice(0, 2),
          to: DEFAULT_RULES.priorityClasses,
        },
      ],
    });
    expect(lines(classes)[0]).toBe('优先类别：由 老年人 L、残疾人 C 改为 老年人 L、残疾人 C、军人 J');
    expect(lines(classes, en)[0]).toContain('Senior L, Disabled C, Military J');
  });

  it('words creations, deletions, codes, people and a reset password', () => {
    const service = entry('service.create', {
      target: { id: 5, label: 'E 港澳通行证' },
      changes: [
        { field: 'category', to: 'exit_entry' },
        { field: 'enabled', to: true },
      ],
    });
    expect(describeAuditEntry(service, zh)).toMatchObject({
      action: '新增业务',
      target: '业务 E 港澳通行证',
    });
    expect(lines(service)).toEqual(['类别：出入境', '可取号：是']);

    const notice = entry('notice.delete', {
      target: { id: 2, label: '今天下午停电' },
      changes: [{ field: 'text', from: '今天下午停电' }],
    });
    expect(describeAuditEntry(notice, zh).target).toBe('“今天下午停电”');
    expect(lines(notice)).toEqual(['公告内容：“今天下午停电”（已删除）']);

    const staff = entry('staff.update', {
      target: { id: 7, label: 'zhang' },
      changes: [
        { field: 'role', from: 'staff', to: 'admin' },
        { field: 'passwordReset', to: true },
      ],
    });
    expect(describeAuditEntry(staff, zh).target).toBe('张警官（zhang）');
    expect(lines(staff)).toEqual(['角色：由 工作人员 改为 管理员', '重置了密码']);

    const visit = entry('homeVisit.schedule', {
      target: { id: 12, label: null },
      changes: [
        { field: 'scheduledDate', to: '2026-12-01' },
        { field: 'officerId', to: 7 },
      ],
    });
    expect(describeAuditEntry(visit, zh)).toMatchObject({ action: '安排上门办', target: '第 12 号登记' });
    expect(lines(visit)).toEqual(['上门日期：2026-12-01', '办理民警：张警官']);
  });

  it('shows an action or field this console does not know as recorded, never nothing', () => {
    const future = entry('privacy.reveal', {
      target: { id: null, label: null },
      changes: [{ field: 'why', to: '本人申请' }],
    });
    expect(describeAuditEntry(future, zh)).toMatchObject({ action: 'privacy.reveal' });
    expect(lines(future)).toEqual(['why：“本人申请”']);
  });

  it('words the hall’s days, holidays and an extension of today (issue 14)', () => {
    const schedule = entry('hall.update', {
      target: { id: 1, label: null },
      changes: [
        { field: 'openWeekdays', from: [1, 2, 3, 4, 5, 6, 7], to: [1, 2, 3, 4, 5] },
        { field: 'holidays', from: [], to: [{ from: '2026-10-01', to: '2026-10-07', name: '国庆节' }] },
        { field: 'issueStopMinutes', from: 30, to: 45 },
      ],
    });
    expect(lines(schedule)).toEqual([
      '每周开放日：由 星期一、星期二、星期三、星期四、星期五、星期六、星期日 改为 星期一、星期二、星期三、星期四、星期五',
      '节假日：由 （无） 改为 国庆节 2026-10-01–2026-10-07',
      '下班前停止取号（分钟）：由 30 改为 45',
    ]);
    const extended = entry('hall.extendToday', {
      target: { id: 1, label: '2026-12-04' },
      changes: [{ field: 'issueUntilToday', from: null, to: '20:00' }],
    });
    expect(describeAuditEntry(extended, zh)).toMatchObject({
      action: '延长今天取号',
      changes: [{ text: '今天取号截止：由 — 改为 20:00' }],
    });
    expect(describeAuditEntry(extended, en).action).toBe("Today's tickets extended");
  });
});
