"""Mail delivery: SMTP when MAIL_URL is set, else a file per message in instance/outbox/."""

import smtplib
import time
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlparse


def build_message(sender, to, subject, body, key=None):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = formatdate(localtime=True)
    # One Message-ID per outbox row: a mail sent again after a crash is recognisably the same mail.
    msg["Message-ID"] = f"<{key}@careerup.local>" if key else make_msgid(domain="careerup.local")
    msg.set_content(body)
    return msg


def deliver(config, to, subject, body, key=None):
    """Sends one mail; `key` (an outbox row's) names the file, so a repeated delivery replaces it."""
    msg = build_message(config["MAIL_FROM"], to, subject, body, key)
    if config.get("MAIL_URL"):
        url = urlparse(config["MAIL_URL"])
        smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
        with smtp_class(url.hostname, url.port or (465 if url.scheme == "smtps" else 25), timeout=30) as smtp:
            if url.scheme == "smtp+starttls":
                smtp.starttls()
            if url.username:
                smtp.login(unquote(url.username), unquote(url.password or ""))
            smtp.send_message(msg)
        return None
    outbox = Path(config["OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    name = key or f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
    path, partial = outbox / f"{name}.eml", outbox / f".{name}.{uuid.uuid4().hex[:8]}.part"
    partial.write_bytes(bytes(msg))
    partial.replace(path)  # whole or not at all, even when the process dies mid-write
    return path
