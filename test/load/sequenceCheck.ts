// After a run, reads the server's database directly (read-only: the SQLite file, or PostgreSQL when
// the target is a postgres:// URL) and checks the ticket numbers:
// per hall, service and business day the sequences must be exactly 1..N with no duplicates, the
// stored counter must equal N, and every ticket a kiosk was told about must be there exactly once.
import fs from 'node:fs';
import { openDatabase } from '../../server/src/core/db/database';

export interface SequenceCheck {
  tickets: number;
  /** (hall, service, day) groups checked. */
  groups: number;
  duplicates: number;
  gaps: number;
  /** Groups whose ticket_sequences counter differs from the highest sequence issued. */
  counterMismatches: number;
  duplicateNumbers: number;
  acknowledgedMissing: number;
  acknowledgedTwice: number;
  /** Tickets in the database that no kiosk got an acknowledgement for (e.g. after a timeout). */
  unacknowledged: number;
}

interface Row {
  id: number;
  hall_id: number;
  service_id: number;
  business_day: string;
  sequence: number;
  number: string;
}

export function checkSequences(database: string, acknowledgedIds: readonly number[]): SequenceCheck {
  if (!/^postgres(ql)?:\/\//.test(database) && !fs.existsSync(database))
    throw new Error(`no database at ${database}`);
  const db = openDatabase(database, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT id, hall_id, service_id, business_day, sequence, number FROM tickets')
      .all() as Row[];
    const counters = new Map(
      (
        db.prepare('SELECT hall_id, service_id, business_day, last_sequence FROM ticket_sequences').all() as {
          hall_id: number;
          service_id: number;
          business_day: string;
          last_sequence: number;
        }[]
      ).map((c) => [`${c.hall_id}/${c.service_id}/${c.business_day}`, c.last_sequence]),
    );

    const groups = new Map<string, number[]>();
    const numbers = new Set<string>();
    let duplicateNumbers = 0;
    for (const r of rows) {
      const key = `${r.hall_id}/${r.service_id}/${r.business_day}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r.sequence);
      const numberKey = `${r.hall_id}/${r.business_day}/${r.number}`;
      if (numbers.has(numberKey)) duplicateNumbers++;
      numbers.add(numberKey);
    }

    let duplicates = 0;
    let gaps = 0;
    let counterMismatches = 0;
    for (const [key, sequences] of groups) {
      const distinct = new Set(sequences);
      duplicates += sequences.length - distinct.size;
      const highest = sequences.reduce((max, s) => Math.max(max, s), 0);
      // Exactly 1..N: everything missing below the highest is a gap, anything below 1 is wrong too.
      gaps += highest - [...distinct].filter((s) => s >= 1 && s <= highest).length;
      if (counters.get(key) !== highest) counterMismatches++;
    }

    const stored = new Set(rows.map((r) => r.id));
    const acknowledged = new Set<number>();
    let acknowledgedTwice = 0;
    let acknowledgedMissing = 0;
    for (const id of acknowledgedIds) {
      if (acknowledged.has(id)) acknowledgedTwice++;
      acknowledged.add(id);
      if (!stored.has(id)) acknowledgedMissing++;
    }
    return {
      tickets: rows.length,
      groups: groups.size,
      duplicates,
      gaps,
      counterMismatches,
      duplicateNumbers,
      acknowledgedMissing,
      acknowledgedTwice,
      unacknowledged: rows.filter((r) => !acknowledged.has(r.id)).length,
    };
  } finally {
    db.close();
  }
}
