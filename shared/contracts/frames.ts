// What a committed change looks like on its way to the screens. A change's deltas are made once,
// inside the change, with the hall version they bring the hall to; the server groups the deltas
// committed within one short tick into one frame per audience room, and a screen applies them to
// its snapshot. The same HallDelta objects travel from the change to every screen unchanged.
import type {
  CallRecord,
  Hall,
  HallRules,
  HallWindow,
  Id,
  QueueOutlook,
  Service,
  TicketView,
} from './entities';

/** One change to what hall screens draw; `version` is the hall version after it (+1 per delta). */
export type HallDelta =
  | { type: 'ticket:issued'; version: number; ticket: TicketView }
  | { type: 'ticket:called'; version: number; ticket: TicketView; call: CallRecord }
  | { type: 'ticket:updated'; version: number; ticket: TicketView }
  | { type: 'window:updated'; version: number; window: HallWindow };

export type HallDeltaType = HallDelta['type'];

/**
 * The deltas one audience room is sent for one tick, oldest first. A room only gets the deltas its
 * screens draw, so its versions skip; `base` is the version of the room's previous frame (or
 * snapshot). A screen at a version below `base` has missed a frame and asks for a fresh snapshot;
 * a screen at or above it applies the deltas newer than what it has.
 */
export interface HallFrame {
  version: number;
  base: number;
  deltas: HallDelta[];
}

/** What a ticket of one service and class taken now would be told (shared/queue/estimate.ts). */
export interface NewcomerFigures {
  peopleAhead: number;
  estimatedWaitMinutes: number;
  outlook: QueueOutlook;
}

/**
 * What a kiosk shows of one service's queue: how many wait for it, and what a ticket taken now would
 * be told — people ahead (other services sharing its windows count), the estimate, the outlook —
 * for a normal ticket and for a priority one.
 */
export interface ServiceQueue extends NewcomerFigures {
  serviceId: Id;
  waiting: number;
  priority: NewcomerFigures;
}

/** Everything a kiosk draws: no ticket of anyone else, only counts and estimates. */
export interface KioskSnapshot {
  version: number;
  serverTime: number;
  businessDay: string;
  hall: Hall;
  rules: HallRules;
  services: Service[];
  queue: ServiceQueue[];
  /** The hall takes appointments: the kiosk offers "我有预约" (check-in). */
  appointments?: boolean;
}

/** The kiosk's queue figures after a tick that changed them (the whole list: a kiosk needs no sync). */
export interface KioskQueueFrame {
  version: number;
  queue: ServiceQueue[];
}
