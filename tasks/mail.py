"""Mail as a huey task, rendered from templates/mail/<name>.txt (first line is the subject)."""

from flask import current_app, render_template
from flask_babel import force_locale

from extensions import huey
from tasks import mailer


def render_mail(template, lang, **context):
    with force_locale(lang):
        text = render_template(f"mail/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


@huey.task(retries=3, retry_delay=60)
def send_mail(to, template, lang="ja", **context):
    subject, body = render_mail(template, lang, **context)
    mailer.deliver(current_app.config, to, subject, body)
