// Numbered schema migrations. Each runs once, inside a transaction, and records its number in
// schema_migrations. Never edit a shipped migration: add the next number. Every row carries
// hall_id so one server can host many halls. PostgreSQL's list (pgMigrations.ts) has the same names
// in the same order: append a new migration to both.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds a table that others reference (SQLite cannot alter a CHECK): it runs
   * with foreign-key enforcement off, and the references are checked before it commits.
   */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE halls (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_en TEXT NOT NULL,
        timezone TEXT NOT NULL,
        opens TEXT NOT NULL,
        closes TEXT NOT NULL,
        ticket_footer TEXT NOT NULL DEFAULT '',
        rules_json TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE services (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        code TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        category TEXT NOT NULL,
        typical_minutes INTEGER NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        sort_order INTEGER NOT NULL DEFAULT 0,
        UNIQUE (hall_id, code)
      );
      CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff','admin')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE windows (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        number INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        service_ids_json TEXT NOT NULL,
        elderly_dedicated INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'closed' CHECK (state IN ('closed','open','paused')),
        pause_reason TEXT,
        staff_id INTEGER REFERENCES staff(id),
        current_ticket_id INTEGER,
        normal_streak INTEGER NOT NULL DEFAULT 0,
        UNIQUE (hall_id, number)
      );
      CREATE UNIQUE INDEX windows_staff ON windows(staff_id) WHERE staff_id IS NOT NULL;
      CREATE TABLE devices (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        kind TEXT NOT NULL CHECK (kind IN ('kiosk','display')),
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        revoked INTEGER NOT NULL DEFAULT 0,
        last_seen_at INTEGER,
        printer_json TEXT,
        printer_fault_json TEXT
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE TABLE ticket_sequences (
        hall_id INTEGER NOT NULL,
        service_id INTEGER NOT NULL,
        business_day TEXT NOT NULL,
        last_sequence INTEGER NOT NULL,
        PRIMARY KEY (hall_id, service_id, business_day)
      ) WITHOUT ROWID;
      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        service_id INTEGER NOT NULL REFERENCES services(id),
        business_day TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        number TEXT NOT NULL,
        priority_class TEXT NOT NULL,
        proxy INTEGER NOT NULL DEFAULT 0,
        proxy_relation TEXT,
        source TEXT NOT NULL,
        source_device_id INTEGER,
        state TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        order_key REAL NOT NULL,
        called_at INTEGER,
        serving_at INTEGER,
        finished_at INTEGER,
        window_id INTEGER,
        staff_id INTEGER,
        target_window_id INTEGER,
        call_count INTEGER NOT NULL DEFAULT 0,
        marks_json TEXT,
        transferred_from_id INTEGER REFERENCES tickets(id),
        status_token TEXT NOT NULL,
        masked_id_number TEXT,
        request_id TEXT
      );
      CREATE UNIQUE INDEX tickets_request ON tickets(hall_id, request_id) WHERE request_id IS NOT NULL;
      CREATE INDEX tickets_active ON tickets(hall_id, business_day, state);
      CREATE INDEX tickets_queue ON tickets(hall_id, business_day, state, service_id, order_key);
      CREATE INDEX tickets_queue_age ON tickets(hall_id, business_day, state, service_id, issued_at);
      CREATE INDEX tickets_done ON tickets(hall_id, service_id, state, finished_at);
      CREATE INDEX tickets_status_token ON tickets(status_token);
      CREATE INDEX tickets_number ON tickets(hall_id, business_day, number);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL,
        ticket_id INTEGER,
        type TEXT NOT NULL,
        at INTEGER NOT NULL,
        window_id INTEGER,
        staff_id INTEGER,
        device_id INTEGER,
        payload_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX events_hall_at ON events(hall_id, at);
      CREATE INDEX events_ticket ON events(ticket_id);
      CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        text TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        staff_id INTEGER,
        action TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_hall_at ON audit_log(hall_id, at);
      CREATE TABLE home_visits (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        person_name TEXT NOT NULL,
        masked_id_number TEXT,
        phone TEXT NOT NULL,
        address TEXT NOT NULL,
        service_id INTEGER NOT NULL REFERENCES services(id),
        reason TEXT NOT NULL,
        requested_date TEXT NOT NULL,
        status TEXT NOT NULL,
        scheduled_date TEXT,
        officer_id INTEGER REFERENCES staff(id),
        completed_at INTEGER,
        document_delivered INTEGER NOT NULL DEFAULT 0,
        assisted_payment INTEGER NOT NULL DEFAULT 0,
        cancel_reason TEXT,
        notes TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX home_visits_hall ON home_visits(hall_id, status);
    `,
  },
  {
    version: 2,
    name: 'api keys for external systems',
    sql: `
      CREATE TABLE api_keys (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        name TEXT NOT NULL,
        scopes_json TEXT NOT NULL,
        prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        created_by INTEGER REFERENCES staff(id),
        revoked_at INTEGER,
        last_used_at INTEGER
      );
      CREATE INDEX api_keys_hall ON api_keys(hall_id);
    `,
  },
  {
    version: 3,
    name: 'personal data protection',
    // Personal fields become sealed (encrypted) by the server at start, which holds the key; this
    // step only adds what that needs. Old cancel reasons (free text) leave the logs: they stay in
    // the register, encrypted.
    sql: `
      CREATE TABLE field_keys (
        key_id TEXT PRIMARY KEY,
        check_value TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        retired_at INTEGER
      );
      ALTER TABLE home_visits ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE home_visits ADD COLUMN phone_index TEXT;
      ALTER TABLE home_visits ADD COLUMN id_index TEXT;
      ALTER TABLE home_visits ADD COLUMN closed_at INTEGER;
      ALTER TABLE home_visits ADD COLUMN personal_cleared_at INTEGER;
      UPDATE home_visits SET closed_at = completed_at WHERE status = 'done';
      UPDATE home_visits SET closed_at = COALESCE(
          (SELECT MAX(e.at) FROM events e
            WHERE e.type = 'home_visit' AND e.hall_id = home_visits.hall_id
              AND json_extract(e.payload_json, '$.homeVisitId') = home_visits.id),
          created_at)
        WHERE status = 'cancelled';
      CREATE INDEX home_visits_phone_index ON home_visits(phone_index) WHERE phone_index IS NOT NULL;
      CREATE INDEX home_visits_id_index ON home_visits(id_index) WHERE id_index IS NOT NULL;
      CREATE INDEX home_visits_closed ON home_visits(hall_id, closed_at) WHERE personal_cleared_at IS NULL;
      UPDATE audit_log SET detail_json = json_remove(detail_json, '$.reason') WHERE action = 'homeVisit.cancel';
      UPDATE events SET payload_json = json_remove(payload_json, '$.reason')
        WHERE type = 'home_visit' AND json_extract(payload_json, '$.step') = 'cancel';
      CREATE TABLE retention_policies (
        hall_id INTEGER PRIMARY KEY REFERENCES halls(id),
        ticket_days INTEGER NOT NULL,
        appointment_days INTEGER NOT NULL,
        home_visit_days INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE purge_runs (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        tickets_before TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX purge_runs_hall_day ON purge_runs(hall_id, day);
      CREATE TABLE access_log (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        staff_id INTEGER,
        action TEXT NOT NULL,
        record_kind TEXT NOT NULL,
        record_id INTEGER,
        record_count INTEGER NOT NULL DEFAULT 1,
        reason TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX access_log_hall_at ON access_log(hall_id, at);
      CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
        BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
      CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
        BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
    `,
  },
  {
    version: 4,
    name: 'spoken languages of each hall',
    sql: `
      ALTER TABLE halls ADD COLUMN voice_languages TEXT NOT NULL DEFAULT '["cmn"]';
    `,
  },
  {
    version: 5,
    name: 'per-day report rollups',
    // One row per hall, business day, group kind and key (see server/src/reports/figures/counters.ts):
    // counters, and wait/service durations as count, exact sum and a 0.1-minute histogram. A new
    // figure is a new column (ALTER TABLE … ADD COLUMN … DEFAULT 0) plus DELETE FROM
    // report_rollup_days, so stored days are rebuilt from the event log.
    sql: `
      CREATE TABLE report_rollups (
        hall_id INTEGER NOT NULL,
        business_day TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        tickets INTEGER NOT NULL DEFAULT 0,
        transfers_in INTEGER NOT NULL DEFAULT 0,
        served INTEGER NOT NULL DEFAULT 0,
        no_shows INTEGER NOT NULL DEFAULT 0,
        cancelled INTEGER NOT NULL DEFAULT 0,
        transferred INTEGER NOT NULL DEFAULT 0,
        with_proxy INTEGER NOT NULL DEFAULT 0,
        with_assisted_payment INTEGER NOT NULL DEFAULT 0,
        elderly_served INTEGER NOT NULL DEFAULT 0,
        elderly_with_proxy INTEGER NOT NULL DEFAULT 0,
        elderly_with_assisted_payment INTEGER NOT NULL DEFAULT 0,
        elderly_via_elderly_window INTEGER NOT NULL DEFAULT 0,
        elderly_via_ordinary_window INTEGER NOT NULL DEFAULT 0,
        elderly_window_unrecorded INTEGER NOT NULL DEFAULT 0,
        home_visits INTEGER NOT NULL DEFAULT 0,
        home_deliveries INTEGER NOT NULL DEFAULT 0,
        home_visits_with_assisted_payment INTEGER NOT NULL DEFAULT 0,
        wait_count INTEGER NOT NULL DEFAULT 0,
        wait_sum_ms INTEGER NOT NULL DEFAULT 0,
        wait_hist BLOB,
        service_count INTEGER NOT NULL DEFAULT 0,
        service_sum_ms INTEGER NOT NULL DEFAULT 0,
        service_hist BLOB,
        PRIMARY KEY (hall_id, business_day, kind, key)
      ) WITHOUT ROWID;
      CREATE TABLE report_rollup_days (
        hall_id INTEGER NOT NULL,
        business_day TEXT NOT NULL,
        built_at INTEGER NOT NULL,
        PRIMARY KEY (hall_id, business_day)
      ) WITHOUT ROWID;
      CREATE TABLE report_rollup_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        checked_event_id INTEGER NOT NULL
      );
      INSERT INTO report_rollup_state (id, checked_event_id) SELECT 1, COALESCE(MAX(id), 0) FROM events;
    `,
  },
  {
    version: 6,
    name: 'city accounts (role city) that report across halls',
    rebuildsTables: true,
    sql: `
      CREATE TABLE staff_new (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff','admin','city')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO staff_new (id, hall_id, username, name, role, password_hash, disabled)
        SELECT id, hall_id, username, name, role, password_hash, disabled FROM staff;
      DROP TABLE staff;
      ALTER TABLE staff_new RENAME TO staff;
    `,
  },
  {
    version: 7,
    name: 'ratings (好差评): evaluator devices bound to a window, badge numbers, ratings, 差评 cases, satisfaction rollups',
    rebuildsTables: true,
    sql: `
      CREATE TABLE devices_new (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        kind TEXT NOT NULL CHECK (kind IN ('kiosk','display','evaluator')),
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        revoked INTEGER NOT NULL DEFAULT 0,
        last_seen_at INTEGER,
        printer_json TEXT,
        printer_fault_json TEXT,
        window_id INTEGER REFERENCES windows(id)
      );
      INSERT INTO devices_new (id, hall_id, kind, name, key_hash, revoked, last_seen_at, printer_json, printer_fault_json)
        SELECT id, hall_id, kind, name, key_hash, revoked, last_seen_at, printer_json, printer_fault_json FROM devices;
      DROP TABLE devices;
      ALTER TABLE devices_new RENAME TO devices;
      CREATE INDEX devices_window ON devices(window_id) WHERE window_id IS NOT NULL;
      ALTER TABLE staff ADD COLUMN badge_number TEXT;
      CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
        business_day TEXT NOT NULL,
        service_id INTEGER NOT NULL,
        window_id INTEGER,
        staff_id INTEGER,
        priority_class TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('pad','phone')),
        level TEXT CHECK (level IS NULL OR level IN
          ('very_satisfied','satisfied','basically_satisfied','dissatisfied','very_dissatisfied')),
        reasons_json TEXT NOT NULL DEFAULT '[]',
        device_id INTEGER,
        at INTEGER NOT NULL
      );
      CREATE INDEX ratings_day ON ratings(hall_id, business_day);
      CREATE TABLE rating_cases (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        rating_id INTEGER NOT NULL UNIQUE REFERENCES ratings(id),
        opened_at INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','verified','rectified','closed')),
        steps_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX rating_cases_open ON rating_cases(hall_id, status, due_at);
      ALTER TABLE report_rollups ADD COLUMN rated_very_satisfied INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN rated_satisfied INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN rated_basically_satisfied INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN rated_dissatisfied INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN rated_very_dissatisfied INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN ratings_unanswered INTEGER NOT NULL DEFAULT 0;
      DELETE FROM report_rollup_days;
    `,
  },
  {
    version: 8,
    name: 'hall day: schedules and holidays, requeue holds, front-desk accounts',
    rebuildsTables: true,
    sql: `
      ALTER TABLE halls ADD COLUMN schedule_json TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE halls ADD COLUMN issue_extension_json TEXT;
      ALTER TABLE tickets ADD COLUMN requeue_hold_json TEXT;
      -- Reports count tickets issued at the front desk; stored days are rebuilt with the figure.
      ALTER TABLE report_rollups ADD COLUMN issued_at_desk INTEGER NOT NULL DEFAULT 0;
      DELETE FROM report_rollup_days;
      CREATE TABLE staff_new (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff','admin','city','desk')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        badge_number TEXT
      );
      INSERT INTO staff_new (id, hall_id, username, name, role, password_hash, disabled, badge_number)
        SELECT id, hall_id, username, name, role, password_hash, disabled, badge_number FROM staff;
      DROP TABLE staff;
      ALTER TABLE staff_new RENAME TO staff;
    `,
  },
  {
    version: 9,
    name: 'appointments: slots, days off, bookings (sealed) and appointment tickets',
    // A booking's name, phone and full ID number are sealed by the server (f1.… values) with keyed
    // hashes to match a card or find a person; `sealed` is always 1 (no plain version ever existed).
    // One open booking per code; an external system's reference books once.
    sql: `
      CREATE TABLE appointment_settings (
        hall_id INTEGER PRIMARY KEY REFERENCES halls(id),
        check_in_early_minutes INTEGER NOT NULL,
        check_in_late_minutes INTEGER NOT NULL
      );
      CREATE TABLE appointment_schedules (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        service_id INTEGER NOT NULL REFERENCES services(id),
        weekdays_json TEXT NOT NULL,
        starts TEXT NOT NULL,
        ends TEXT NOT NULL,
        slot_minutes INTEGER NOT NULL,
        capacity INTEGER NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX appointment_schedules_hall ON appointment_schedules(hall_id, service_id);
      CREATE TABLE appointment_days_off (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        day TEXT NOT NULL,
        service_id INTEGER REFERENCES services(id),
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE UNIQUE INDEX appointment_days_off_key ON appointment_days_off(hall_id, day, COALESCE(service_id, 0));
      CREATE TABLE appointments (
        id INTEGER PRIMARY KEY,
        hall_id INTEGER NOT NULL REFERENCES halls(id),
        service_id INTEGER NOT NULL REFERENCES services(id),
        code TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked','checked_in','missed','cancelled')),
        source TEXT NOT NULL CHECK (source IN ('console','api','csv')),
        slot_day TEXT NOT NULL,
        slot_start INTEGER NOT NULL,
        slot_end INTEGER NOT NULL,
        person_name TEXT NOT NULL,
        phone TEXT NOT NULL,
        id_number TEXT NOT NULL,
        masked_id_number TEXT NOT NULL,
        phone_index TEXT,
        id_index TEXT,
        sealed INTEGER NOT NULL DEFAULT 1,
        external_ref TEXT,
        api_key_id INTEGER REFERENCES api_keys(id),
        created_by INTEGER REFERENCES staff(id),
        created_at INTEGER NOT NULL,
        checked_in_at INTEGER,
        ticket_id INTEGER REFERENCES tickets(id),
        cancelled_at INTEGER,
        missed_at INTEGER,
        personal_cleared_at INTEGER
      );
      CREATE UNIQUE INDEX appointments_open_code ON appointments(hall_id, code) WHERE status = 'booked';
      CREATE UNIQUE INDEX appointments_external_ref ON appointments(hall_id, external_ref)
        WHERE external_ref IS NOT NULL;
      CREATE INDEX appointments_slot ON appointments(hall_id, slot_day, service_id, slot_start);
      CREATE INDEX appointments_open ON appointments(hall_id, status, slot_start);
      CREATE INDEX appointments_id_index ON appointments(id_index) WHERE id_index IS NOT NULL;
      CREATE INDEX appointments_phone_index ON appointments(phone_index) WHERE phone_index IS NOT NULL;
      ALTER TABLE tickets ADD COLUMN appointment_id INTEGER REFERENCES appointments(id);
      ALTER TABLE tickets ADD COLUMN slot_start INTEGER;
      ALTER TABLE tickets ADD COLUMN slot_end INTEGER;
    `,
  },
  {
    version: 10,
    name: 'appointment figures in the report rollups',
    // The stored days are rebuilt from the event log with the new figures.
    sql: `
      ALTER TABLE report_rollups ADD COLUMN appointments_booked INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN appointments_checked_in INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN appointments_missed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE report_rollups ADD COLUMN appointments_cancelled INTEGER NOT NULL DEFAULT 0;
      DELETE FROM report_rollup_days;
    `,
  },
  {
    version: 11,
    name: 'hall change log for several server processes',
    // Used by the PostgreSQL deployment (several processes per hall, core/db/README.md); kept in
    // SQLite too so both schemas stay the same and a hall moves between them unchanged.
    sql: `
      ALTER TABLE halls ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE hall_changes (
        hall_id INTEGER NOT NULL,
        generation INTEGER NOT NULL,
        at INTEGER NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (hall_id, generation)
      ) WITHOUT ROWID;
      CREATE INDEX hall_changes_at ON hall_changes(at);
    `,
  },
];
