// What the privacy domain needs from each kind of record that holds personal fields: open one with
// a reason, find a person's records by keyed hash, erase them, and clear what retention ended.
// Home visits implement it now (homeVisits/homeVisitPersonalData.ts); appointments will too.
import type {
  PersonalRecordKind,
  RetentionPolicy,
  RevealedRecord,
  SubjectRecord,
} from '@hall/shared/contracts/privacy';

/** Blind-index candidates (one per key in the ring) of what identifies the person. */
export interface SubjectIndexes {
  phone: string[];
  idNumber: string[];
}

export interface PersonalRecordSource {
  kind: PersonalRecordKind;
  /** The record's full personal fields; null when there is no such record in the hall. */
  reveal(hallId: number, id: number): RevealedRecord | null;
  findBySubject(hallId: number, indexes: SubjectIndexes): SubjectRecord[];
  /** Erases the personal fields of these records (their counts stay); open ones are cancelled. */
  erase(
    hallId: number,
    ids: number[],
    staffId: number | null,
    at: number,
  ): { erased: number; cancelled: number };
  /** Clears the personal fields whose retention period ended before `now`. Returns records cleared. */
  purge(hallId: number, policy: RetentionPolicy, now: number): number;
}
