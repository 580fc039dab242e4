// A load-generator process (started with child_process.fork by the bench): holds kiosk, display
// or staff sockets and runs what the parent asks, answering each request by its id.
import { createDisplayLoad } from './displayLoad';
import { createKioskLoad } from './kioskLoad';
import type { RequestKind, WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResults } from './protocol';
import { createStaffLoad } from './staffLoad';

const tag = process.argv[2] ?? String(process.pid);
const kiosks = createKioskLoad(tag);
const displays = createDisplayLoad();
const staff = createStaffLoad();

async function handle(request: WorkerRequest): Promise<WorkerResults[RequestKind]> {
  switch (request.kind) {
    case 'connectKiosks':
      return kiosks.connect(request.url, request.kiosks);
    case 'resizeDisplays':
      return displays.resize(request.url, request.displays);
    case 'connectStaff':
      return staff.connect(request.url, request.staff, request.evaluators);
    case 'issueOpenLoop':
      return kiosks.openLoop(request.ratePerSec, request.durationMs);
    case 'issueClosedLoop':
      return kiosks.closedLoop(request.durationMs, request.socketsPerWorker);
    case 'issueBurst':
      return kiosks.burst(request.count);
    case 'callLoop':
      return staff.callLoop(request.ratePerSec, request.durationMs);
    case 'recordCalls':
      displays.record(request.on);
      return null;
    case 'collectReceipts':
      return displays.collect();
    case 'baselineConnect':
      return displays.baselineConnect(request.url, request.count);
    case 'baselineCollect':
      return displays.baselineCollect();
    case 'close':
      kiosks.close();
      displays.close();
      staff.close();
      return null;
  }
}

process.on('message', (envelope: WorkerEnvelope) => {
  handle(envelope.request)
    .then((result): WorkerReply => ({ id: envelope.id, ok: true, result }))
    .catch((error: unknown): WorkerReply => ({ id: envelope.id, ok: false, message: String(error) }))
    .then((reply) => process.send?.(reply));
});

// The bench owns this process: when it goes away, so do we.
process.on('disconnect', () => process.exit(0));
