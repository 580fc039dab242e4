// What an import does about names unique across halls that are already taken in the target: it
// refuses, naming every one, unless the admin chose a way through — a new code for the hall
// (--hall-code) or a suffix for the taken user names (--rename-taken-users; the demo hall of every
// SQLite file has the same accounts). A taken device or API key hash is not renamed: a key is 256
// random bits, so the same hash means this hall (or a copy of it) is already here.
import type { Db } from '../sqlDatabase';
import type { ParsedFile } from './hallTransfer';
import type { TakenName } from './takenNames';

type Table = ParsedFile['tables'][number];

function replaceColumn(
  file: ParsedFile,
  table: string,
  column: string,
  change: (value: unknown) => unknown,
): ParsedFile {
  return {
    ...file,
    tables: file.tables.map((t: Table) => {
      const at = t.columns.indexOf(column);
      if (t.table !== table || at < 0) return t;
      return { ...t, rows: t.rows.map((r) => r.map((v, i) => (i === at ? (change(v) as typeof v) : v))) };
    }),
  };
}

export function renameHall(
  file: ParsedFile,
  code: string,
): { file: ParsedFile; change: { from: string; to: string } } {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code))
    throw new Error(`--hall-code ${JSON.stringify(code)}: 字母、数字、- 或 _ / letters, digits, - or _ only`);
  return {
    file: { ...replaceColumn(file, 'halls', 'code', () => code), header: { ...file.header, hallCode: code } },
    change: { from: file.header.hallCode, to: code },
  };
}

/** Appends `suffix` to each of the file's user names that is taken here. */
export function renameTakenUsers(
  db: Db,
  file: ParsedFile,
  suffix: string,
): { file: ParsedFile; renamed: { from: string; to: string }[] } {
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(suffix))
    throw new Error(
      `--rename-taken-users ${JSON.stringify(suffix)}: 字母、数字、. - _ / letters, digits, . - _ only`,
    );
  const taken = db.prepare('SELECT 1 FROM staff WHERE username = ?');
  const renamed: { from: string; to: string }[] = [];
  const next = replaceColumn(file, 'staff', 'username', (value) => {
    const name = String(value);
    if (!taken.get(name)) return value;
    renamed.push({ from: name, to: `${name}${suffix}` });
    return `${name}${suffix}`;
  });
  return { file: next, renamed };
}

const WHAT: Record<string, string> = {
  'staff.username': '用户名 / user name',
  'halls.code': '大厅代码 / hall code',
  'devices.key_hash': '设备密钥 / device key',
  'api_keys.key_hash': '接口密钥 / API key',
};

const shown = (value: unknown, column: string) =>
  column === 'key_hash' ? `${String(value).slice(0, 12)}…` : JSON.stringify(value);

/** Throws, naming every taken value and the ways through, when any is taken. */
export function refuseTakenNames(taken: TakenName[]): void {
  if (taken.length === 0) return;
  const lines = taken.map((t) => {
    const key = `${t.table}.${t.columns.join('+')}`;
    return `  ${WHAT[key] ?? key} ${t.values.map((v, i) => shown(v, t.columns[i]!)).join(' + ')} (${key})`;
  });
  const hints: string[] = [];
  if (taken.some((t) => t.table === 'staff'))
    hints.push(
      '  --rename-taken-users <后缀 suffix>: 给这些账号的用户名加后缀 / appends the suffix to these user names ' +
        '(each renamed account is printed: tell its owner)',
    );
  if (taken.some((t) => t.table === 'halls'))
    hints.push('  --hall-code <代码 code>: 给大厅一个新代码 / gives the hall a new code');
  if (taken.some((t) => t.columns.includes('key_hash')))
    hints.push(
      '  密钥相同说明该大厅（或其副本）已在此数据库中 / the same key hash means this hall (or a copy of it) is already in this database',
    );
  throw new Error(
    '导入被拒绝（未写入任何数据）：以下名称在此数据库中已被占用 / import refused (nothing written): ' +
      `these names already exist in this database:\n${lines.join('\n')}\n${hints.join('\n')}`,
  );
}
