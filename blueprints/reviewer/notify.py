"""Mails that follow a reviewer's decision, in the applicant's language."""

from models.fieldsets import field_labels
from tasks.mail import send_mail
from tasks.urls import external_url


def _common(application):
    applicant = application.applicant
    return {
        "name": applicant.display_name,
        "subject_name": application.subject_name,
        "kind": application.kind,
        "url": external_url("apply.portal"),
    }


def mail_returned(application, deficiencies):
    """「技能者情報申請内容不備のお知らせ」 (事業者情報… for a company) with each field and its message."""
    applicant = application.applicant
    labels = field_labels(application.kind, applicant.lang)
    send_mail(
        applicant.email,
        "deficiency",
        lang=applicant.lang,
        round=application.round,
        items=[(labels.get(field, field), message) for field, message in deficiencies],
        **_common(application),
    )


def mail_approved(application, invoice):
    """The ID notice, and the fee notice when there is a fee to pay (none for a 一人親方's company)."""
    applicant = application.applicant
    common = {
        **_common(application),
        "amount": invoice.amount,
        "business_id": application.company.business_id if application.kind == "company" else "",
        "worker_id": application.worker.worker_id if application.kind == "worker" else "",
    }
    send_mail(applicant.email, f"approved_{application.kind}", lang=applicant.lang, **common)
    if invoice.amount > 0:
        slip_name, slip_address = application.fee_notice_address()
        send_mail(
            applicant.email,
            "fee_notice",
            lang=applicant.lang,
            reference=invoice.reference,
            due_on=invoice.due_on,
            slip_name=slip_name,
            slip_address=slip_address,
            **{**common, "url": external_url("apply.invoice_detail", invoice_id=invoice.id)},
        )
