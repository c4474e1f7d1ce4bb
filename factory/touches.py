"""A reader touch sent through the real batch ingestion, for the demo data and the tests."""

from models.core.clock import JST
from models.history.ingest import ingest
from models.sites.api_tokens import Caller


def record_touch(reader, event_id, site_id, card_serial, direction, moment, received_at=None):
    """One reader touch through the batch ingestion, as if it arrived at `received_at` (default:
    the moment it was made). Returns the per-item result dict (status created / duplicate /
    unassigned / rejected)."""
    caller = Caller.for_reader(reader)
    item = {"event_id": event_id, "site_id": site_id, "card": card_serial, "direction": direction}
    item["at"] = moment.isoformat()
    now = received_at or (moment if moment.tzinfo else moment.replace(tzinfo=JST))
    return ingest(caller, [item], now=now)[0]
