"""What every page showing a job shares: the polled fragment answers 286 once the job has finished, so
htmx swaps in its end (result, or failure and retry button) and stops polling."""

from blueprints.shared.helpers import page_or_fragment


def job_page(page, fragment, finished, **context):
    return page_or_fragment(page, fragment, stop_polling=finished, **context)
