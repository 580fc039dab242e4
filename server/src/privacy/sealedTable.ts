// Where personal fields are sealed: each table lists its sealed columns and its blind indexes, so
// the start-up upgrade (plain rows of an older version) and key rotation work over every table the
// same way. A new table with personal data (appointments) adds its own entry to SEALED_TABLES.
import type { BlindIndexKind } from '../core/crypto/fieldCipher';

export interface BlindIndexColumn {
  column: string;
  kind: BlindIndexKind;
  /** The sealed column the index is computed from, or null when the source is not stored. */
  source: string | null;
  normalize: (plain: string) => string;
}

export interface SealedTable {
  /** Must have an integer `id` and a `sealed` flag column (0 = plain rows from an older version). */
  table: string;
  /** Text columns sealed as `<table>.<column>`; '' and NULL mean empty and stay as they are. */
  columns: readonly string[];
  indexes: readonly BlindIndexColumn[];
  /** Set to the time when a row's personal fields are emptied for good (lost key). */
  clearedAtColumn: string;
}
