"""huey consumer entry point: `huey_consumer worker.huey -w 2 -k thread`."""
from app import create_app
from extensions import huey  # noqa: F401
import tasks  # noqa: F401  (registers the tasks)

app = create_app()
app.app_context().push()
