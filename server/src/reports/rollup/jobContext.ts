// A job context over one connection: the worker's read-only one, or the main connection when
// reports run in-process (an in-memory database, which no other thread can open).
import type { Db } from '../../core/db/database';
import { createRepositories } from '../../repositories';
import { createReportRowReader } from '../reportRows';
import type { JobContext } from './rollupJobs';
import { createRollupReader } from './rollupRepository';

export function createJobContext(db: Db): JobContext {
  const repos = createRepositories(db);
  return {
    db,
    rows: createReportRowReader(db, repos),
    rollups: createRollupReader(db),
    zoneOf: (hallId) => repos.halls.find(hallId)?.timezone ?? 'Asia/Shanghai',
    allHallIds: () => repos.halls.list().map((h) => h.id),
  };
}
