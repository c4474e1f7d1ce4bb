#!/usr/bin/env bash
# Production mode on this machine (CAREERUP_ENV=production, every start-up check on):
#   bash scripts/prod-local.sh start        `make prod-local`: release (migrations), then in the background
#                                            gunicorn (gunicorn.conf.py, 2 gthread workers, TLS with a
#                                            self-signed certificate), 2 huey consumers and an SMTP sink
#   bash scripts/prod-local.sh stop         `make prod-local-stop`: stops what start started (pid files)
#   bash scripts/prod-local.sh flask ARGS   a flask command in the same settings (e.g. staff create)
# PostgreSQL and Redis are this machine's: DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/
# careerup_local, created when missing) and REDIS_URL (default redis://127.0.0.1:6379/4). The site is
# https://127.0.0.1:${PROD_PORT:-8443}/ (certificate: instance/prod-local/cert.pem); mail lands in
# instance/prod-local/mail/; logs and pid files are in instance/prod-local/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=instance/prod-local
bin=.venv/bin
port="${PROD_PORT:-8443}"
smtp_port="${PROD_SMTP_PORT:-8025}"
mkdir -p "$dir"

settings() {
  [ -f "$dir/secret_key" ] || (umask 077 && $bin/python -c 'import secrets; print(secrets.token_hex(32))' > "$dir/secret_key")
  if [ ! -f "$dir/cert.pem" ]; then
    command -v openssl >/dev/null || { echo "prod-local needs openssl for its certificate (apt-get install openssl)" >&2; exit 1; }
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
  fi
  export CAREERUP_ENV=production CAREERUP_INSTANCE="$dir"
  export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/careerup_local}"
  export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/4}"
  export SECRET_KEY="$(cat "$dir/secret_key")"
  export BASE_URL="https://127.0.0.1:${port}"
  export MAIL_URL="smtp://127.0.0.1:${smtp_port}" MAIL_FROM="CareerUp <no-reply@careerup.local>"
  export PAYMENT_PROVIDER=offline PROXY_HOPS=0  # nothing in front: gunicorn itself speaks TLS
  export GUNICORN_BIND="127.0.0.1:${port}" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}"
  export GUNICORN_CERTFILE="$dir/cert.pem" GUNICORN_KEYFILE="$dir/key.pem"
}

create_database() {
  $bin/python - <<'PY'
import os, psycopg2
base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
conn = psycopg2.connect(f"{base}/postgres")
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if not cur.fetchone():
        cur.execute(f'CREATE DATABASE "{name}"')
PY
}

background() {  # name, command...: started detached, its pid kept for stop
  local name=$1
  shift
  nohup "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

stop() {
  for name in web worker1 worker2 smtp; do
    if [ -f "$dir/$name.pid" ]; then
      kill "$(cat "$dir/$name.pid")" 2>/dev/null || true
      rm -f "$dir/$name.pid"
    fi
  done
}

wait_up() {
  $bin/python - "$port" "$dir/cert.pem" <<'PY'
import ssl, sys, time, urllib.request
url, context = f"https://127.0.0.1:{sys.argv[1]}/up", ssl.create_default_context(cafile=sys.argv[2])
for _ in range(120):
    try:
        if urllib.request.urlopen(url, context=context, timeout=2).status == 200:
            sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit("prod-local: /up did not answer within 60 s (see instance/prod-local/web.log)")
PY
}

case "${1:-start}" in
  start)
    stop
    settings
    create_database
    $bin/flask --app app db upgrade                      # the Procfile's release:
    $bin/python -m factory.static >/dev/null             # hashed + compressed static files, once
    background smtp $bin/python scripts/smtp_sink.py "$smtp_port" "$dir/mail"
    background web $bin/gunicorn -c gunicorn.conf.py "app:create_app()"
    background worker1 $bin/huey_consumer worker.huey -w 2 -k thread
    background worker2 $bin/huey_consumer worker.huey -w 2 -k thread
    wait_up
    echo "CareerUp (production mode): ${BASE_URL}/  certificate $dir/cert.pem (self-signed)"
    echo "  database $DATABASE_URL, queue $REDIS_URL, mail in $dir/mail/, logs $dir/*.log"
    echo "  first reviewer: bash scripts/prod-local.sh flask staff create you@example.jp --role reviewer"
    echo "  stop: make prod-local-stop"
    ;;
  stop)
    stop
    echo "prod-local stopped"
    ;;
  flask)
    shift
    settings
    exec $bin/flask --app app "$@"
    ;;
  *)
    echo "usage: $0 start|stop|flask ARGS" >&2
    exit 2
    ;;
esac
