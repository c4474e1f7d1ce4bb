"""What every page showing a job shares: the polled fragment answers 286 once the job has finished, so
htmx swaps in its end (result, or failure and retry button) and stops polling."""

from flask_htmx.responses import HTMXResponseStopPolling

from blueprints.shared.helpers import page_or_fragment
from extensions import htmx


def job_page(page, fragment, finished, **context):
    body = page_or_fragment(page, fragment, **context)
    return HTMXResponseStopPolling(body) if htmx and finished else body
