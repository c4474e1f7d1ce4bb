"""What several notices share: who hears (a worker at their contact address, a company's admins, the
applicant or the worker of a paper application) and what every fee mail says about its slip."""

from models.accounts.notices import worker_contact
from models.accounts.roles import company_admins
from tasks.mail import send_mail
from tasks.urls import external_url


def to_worker(worker, template, **context):
    """Mail to a worker at their contact address; nothing when they have none."""
    email, lang = worker_contact(worker)
    if email:
        return send_mail(email, template, lang=lang, name=worker.full_name, **context)
    return None


def to_company_admins(company, template, **context):
    for admin in company_admins(company):
        send_mail(admin.email, template, lang=admin.lang, name=admin.display_name, **context)


def application_recipient(application):
    """(e-mail, language) of who hears about an application: the applicant, or for a counter/paper
    application (filed by staff) the worker's own contact address, if any."""
    if application.channel == "paper" and application.kind == "worker":
        return worker_contact(application.worker)
    return application.applicant.email, application.applicant.lang


def application_context(application):
    """Names, kind, the portal link and the ID issued, as every application mail says them."""
    return {
        "name": application.subject_name if application.channel == "paper" else application.applicant.display_name,
        "subject_name": application.subject_name,
        "kind": application.kind,
        "url": external_url("apply.portal"),
    }


def issued_ids(application):
    return {
        "business_id": application.company.business_id if application.kind == "company" else "",
        "worker_id": application.worker.worker_id if application.kind == "worker" else "",
    }


def invoice_context(invoice):
    """What every fee mail says about the slip, with the link to the payer's invoice page."""
    return {
        "amount": invoice.amount,
        "reference": invoice.reference,
        "due_on": invoice.due_on,
        "method": invoice.method,  # by card, no slip is mailed
        "url": external_url("apply.invoice_detail", invoice_id=invoice.id),
    }
