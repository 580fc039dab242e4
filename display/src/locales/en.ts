// English (second language) — same keys as zh-CN.ts.
import type zh from './zh-CN';

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

const en: Messages<typeof zh> = {
  app: {
    title: 'Call display',
    statusTitle: 'Queue progress',
  },
  call: {
    sentence: 'Ticket {number}, please go to window {window}',
    line1: 'Ticket {number},',
    line2: 'please go to window {window}',
    recall: 'Repeat call',
    none: 'No calls yet',
    noneHint: 'Please watch for your number',
    newest: 'Now calling',
  },
  recent: {
    title: 'Recent calls',
    hint: 'Missed your call? Tell the window',
    row: 'Window {window}',
    empty: 'None yet',
  },
  stale: {
    label: 'Old data: may be out of date',
  },
  connection: {
    lost: 'Connection lost, reconnecting',
    connecting: 'Connecting to the server',
    refused: 'This display is not authorised or was revoked ({code})',
    refusedHint: 'An administrator must reopen it with ?key=DEVICE-KEY added to the address',
    noKey: 'This display has no device key yet',
  },
  windows: {
    title: 'Windows',
    name: 'Window {number}',
    open: 'Open',
    paused: 'Paused',
    closed: 'Closed',
    elderly: 'Senior window',
    elderlyShort: 'Seniors',
    now: 'Now',
    idle: 'Free',
  },
  waiting: {
    title: 'Waiting',
    count: '{count} waiting',
    unknown: '—',
    unknownHint: 'Unknown',
  },
  rule: {
    title: 'Priority rule',
  },
  notices: {
    title: 'Notices',
  },
  sound: {
    enable: 'Tap to enable sound',
    why: 'The browser needs one tap before it may play the calls',
  },
  windowView: {
    nowServing: 'Now serving',
    nothing: 'None',
    unknownWindow: 'There is no window {number}',
  },
  status: {
    ticket: 'Your number',
    service: 'Service',
    ahead: '{count} person ahead of you | {count} people ahead of you',
    aheadLabel: 'People ahead of you',
    estimateLabel: 'Estimated wait',
    estimate: 'About {minutes} min to wait',
    estimateNow: 'Almost your turn',
    estimateLater: 'About {minutes} min once a window opens',
    estimateLaterNow: 'Called in turn once a window opens',
    notToday: 'No window serves this today - please ask at the front desk',
    yourTurn: "It's your turn: window {window}",
    yourTurnLead: "It's your turn",
    goToWindow: 'Go to window {window}',
    serving: 'Being served at window {window}',
    done: 'Finished. Thank you for coming',
    noShow: 'Missed: please tell a window or the help desk, and staff will put you back in the queue',
    transferred: 'Moved to another service; watch for your new call',
    cancelled: 'This ticket was cancelled',
    waiting: 'In the queue',
    notFound: 'This ticket cannot be found; check the QR code or ask staff',
    loading: 'Loading…',
    live: 'Updates automatically',
    offline: 'Connection lost, reconnecting; this may not be up to date',
  },
};

export default en;
