// Rewrites better-sqlite3 placeholders (`?`, `@name`, `:name`, `$name`) into PostgreSQL's `$n`,
// once per prepared statement. String literals, quoted identifiers, comments, `::` casts and
// PostgreSQL's own `$1` are left alone.

export interface RewrittenSql {
  text: string;
  /** Positional statement: how many `?` it had. */
  positional: number;
  /** Named statement: the parameter name behind each `$n`, in order. */
  names: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function rewritePlaceholders(sql: string): RewrittenSql {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  const slotOf = new Map<string, number>();
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      // A literal or quoted identifier; a doubled quote inside is an escaped quote.
      let j = i + 1;
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2;
          else break;
        } else j += 1;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const j = end === -1 ? n : end;
      out += sql.slice(i, j);
      i = j;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const j = end === -1 ? n : end + 2;
      out += sql.slice(i, j);
      i = j;
    } else if (c === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (c === '?') {
      positional += 1;
      out += `$${positional}`;
      i += 1;
    } else if ((c === '@' || c === ':' || c === '$') && next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < n && NAME_CHAR.test(sql[j]!)) j += 1;
      const name = sql.slice(i + 1, j);
      let slot = slotOf.get(name);
      if (slot === undefined) {
        names.push(name);
        slot = names.length;
        slotOf.set(name, slot);
      }
      out += `$${slot}`;
      i = j;
    } else {
      out += c;
      i += 1;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error('a statement mixes ? and named parameters');
  return { text: out, positional, names };
}
