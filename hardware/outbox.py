"""The local outbox: every touch is written here first (with an event id made on this PC), and
stays until the server has answered for it. SQLite in WAL mode; safe to kill at any moment."""

import datetime as dt
import sqlite3
import threading
import uuid

SCHEMA = """
CREATE TABLE IF NOT EXISTS touch (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    serial TEXT NOT NULL,
    direction TEXT NOT NULL,
    at TEXT NOT NULL,
    reader TEXT NOT NULL DEFAULT '',
    day TEXT NOT NULL,
    sent_at TEXT,
    result TEXT
);
CREATE INDEX IF NOT EXISTS touch_pending ON touch (sent_at, seq);
CREATE INDEX IF NOT EXISTS touch_serial_day ON touch (serial, day);
"""


class Outbox:
    def __init__(self, path):
        self.path = str(path)
        self.lock = threading.Lock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def add(self, serial, direction, at, reader=""):
        """Stores one touch; returns its event id."""
        event_id = uuid.uuid4().hex
        with self.lock:
            self.db.execute(
                "INSERT INTO touch (event_id, serial, direction, at, reader, day) VALUES (?, ?, ?, ?, ?, ?)",
                (event_id, serial, direction, at.isoformat(), reader, at.date().isoformat()),
            )
        return event_id

    def add_many(self, rows):
        """[(serial, direction, at)] in one transaction (imports, tests)."""
        with self.lock:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT INTO touch (event_id, serial, direction, at, day) VALUES (?, ?, ?, ?, ?)",
                [(uuid.uuid4().hex, s, d, a.isoformat(), a.date().isoformat()) for s, d, a in rows],
            )
            self.db.execute("COMMIT")

    def last_direction(self, serial, day):
        with self.lock:
            row = self.db.execute(
                "SELECT direction FROM touch WHERE serial = ? AND day = ? ORDER BY seq DESC LIMIT 1",
                (serial, day.isoformat()),
            ).fetchone()
        return row[0] if row else None

    def pending(self, limit):
        with self.lock:
            return self.db.execute(
                "SELECT event_id, serial, direction, at FROM touch WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()

    def mark_sent(self, results):
        """results: [(event_id, status)] the server answered; each is final (created, duplicate,
        unassigned or rejected), so it is not sent again."""
        now = dt.datetime.now(dt.UTC).isoformat()
        with self.lock:
            self.db.execute("BEGIN")
            self.db.executemany(
                "UPDATE touch SET sent_at = ?, result = ? WHERE event_id = ?", [(now, s, e) for e, s in results]
            )
            self.db.execute("COMMIT")

    def counts(self):
        with self.lock:
            pending, sent = self.db.execute(
                "SELECT SUM(sent_at IS NULL), SUM(sent_at IS NOT NULL) FROM touch"
            ).fetchone()
        return pending or 0, sent or 0

    def recent(self, n=10):
        with self.lock:
            return self.db.execute(
                "SELECT serial, direction, at, reader, COALESCE(result, '') FROM touch ORDER BY seq DESC LIMIT ?",
                (n,),
            ).fetchall()
