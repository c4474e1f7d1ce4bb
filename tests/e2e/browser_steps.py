"""Steps the browser tests share."""

import re
from urllib.parse import urlparse


def mail_path(mail, prefix):
    """The path of the link in a mail (its host is BASE_URL, not the live server)."""
    match = re.search(r"https?://\S+", mail.get_content())
    assert match, mail.get_content()
    path = urlparse(match.group(0)).path
    assert path.startswith(prefix), path
    return path


def log_in(page, email, password):
    page.goto("/login")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
