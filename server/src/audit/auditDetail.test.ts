import { describe, expect, it } from 'vitest';
import { auditDetail, created, fieldChanges, labelOf, normalizeAuditDetail, removed } from './auditDetail';

describe('audit details: what changed, from → to', () => {
  it('keeps only the fields that changed', () => {
    const before = { name: '1 号窗口', serviceIds: [1, 2], elderlyDedicated: false };
    const after = { name: '老年人专窗', serviceIds: [1, 2], elderlyDedicated: true };
    expect(fieldChanges(before, after, ['name', 'serviceIds', 'elderlyDedicated'])).toEqual([
      { field: 'name', from: '1 号窗口', to: '老年人专窗' },
      { field: 'elderlyDedicated', from: false, to: true },
    ]);
    expect(fieldChanges(before, { ...before }, ['name', 'serviceIds'])).toEqual([]);
    expect(created(after, ['name'])).toEqual([{ field: 'name', to: '老年人专窗' }]);
    expect(removed(before, ['name'])).toEqual([{ field: 'name', from: '1 号窗口' }]);
  });

  it('names things as people know them', () => {
    expect(labelOf({ code: 'A', nameZh: '出入境证件' })).toBe('A 出入境证件');
    expect(labelOf({ number: 3, name: '' })).toBe('3');
    expect(labelOf({ name: '取号机 1' })).toBe('取号机 1');
    const notice = '今天下午三点以后暂停办理出入境业务，请各位群众谅解。谢谢';
    expect(labelOf({ text: notice })).toBe(`${notice.slice(0, 24)}…`);
  });

  it('reads today’s shape as it is', () => {
    const detail = auditDetail({ id: 4, label: 'A 出入境证件' }, [
      { field: 'enabled', from: true, to: false },
    ]);
    expect(normalizeAuditDetail(JSON.parse(JSON.stringify(detail)))).toEqual(detail);
  });

  it('reads the shapes older versions stored, so old entries read the same way', () => {
    // rules.update: a map of {from, to}; hall.update: the new values only.
    expect(normalizeAuditDetail({ changes: { mixRatio: { from: 2, to: 1 } } })).toEqual({
      target: { id: null, label: null },
      changes: [{ field: 'mixRatio', from: 2, to: 1 }],
    });
    expect(normalizeAuditDetail({ changes: { name: '新大厅' } }).changes).toEqual([
      { field: 'name', to: '新大厅' },
    ]);
    // The empty save older versions logged says nothing changed.
    expect(normalizeAuditDetail({ changes: {} }).changes).toEqual([]);
    // service.update / window.update: before and after objects.
    expect(
      normalizeAuditDetail({
        id: 2,
        before: { id: 2, hallId: 1, code: 'B', nameZh: '户政', enabled: true },
        after: { id: 2, hallId: 1, code: 'B', nameZh: '户政', enabled: false },
      }),
    ).toEqual({ target: { id: 2, label: 'B 户政' }, changes: [{ field: 'enabled', from: true, to: false }] });
    // service.create: after only.
    expect(normalizeAuditDetail({ id: 5, after: { number: 7, name: '' } })).toEqual({
      target: { id: 5, label: '7' },
      changes: [
        { field: 'number', to: 7 },
        { field: 'name', to: '' },
      ],
    });
    // staff.update: flat {from, to} fields and a flag.
    expect(
      normalizeAuditDetail({
        id: 9,
        username: 'zhang',
        role: { from: 'staff', to: 'admin' },
        passwordReset: true,
      }),
    ).toEqual({
      target: { id: 9, label: 'zhang' },
      changes: [
        { field: 'role', from: 'staff', to: 'admin' },
        { field: 'passwordReset', to: true },
      ],
    });
    expect(normalizeAuditDetail('nonsense')).toEqual({ target: { id: null, label: null }, changes: [] });
  });
});
