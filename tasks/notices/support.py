"""Notices of the public help desk (お問い合わせ)."""

from models.support.faq import contacts
from models.support.inquiries import Inquiry
from tasks.mail import send_mail
from tasks.urls import external_url


def inquiry_copy(inquiry_id, lang="ja"):
    """The sender's copy of a public inquiry: its reference, category and where to read answers —
    never the text typed in, so the form cannot relay a stranger's words (issue 7 item 7)."""
    inquiry = Inquiry.get_by_id(inquiry_id)
    return send_mail(
        inquiry.email,
        "inquiry_copy",
        lang=lang,
        reference=inquiry.reference,
        category=inquiry.category,
        contact=contacts()["inquiry"],
        url=external_url("public.faq"),
    )
