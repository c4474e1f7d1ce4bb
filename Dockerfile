# CareerUp for platforms that build images: runtime requirements only (no test tools, browser or PC/SC),
# a non-root user, tzdata from PyPI (the slim image has no system zoneinfo), the IPAex font shipped in
# static/fonts/. One image, three commands (README "Deploy"):
#   web      (default)  gunicorn -c gunicorn.conf.py "app:create_app()"   listens on $PORT (8000)
#   worker              huey_consumer worker.huey -w 2 -k thread
#   release             flask --app app db upgrade
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CAREERUP_INSTANCE=/app/instance \
    PORT=8000

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Hashed, compressed static files built into the image (instance/static), so no start builds them.
RUN useradd --create-home --uid 10001 careerup \
    && python -m factory.static \
    && chown -R careerup:careerup /app/instance

USER careerup
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"]
