"""A one-person operator's (一人親方) pair of applications filed in a few linear steps: they are both the
worker and the company's representative and registration officer, so the company's details are
the worker's own (asked once), and the social insurance starts from the usual answers of a
business without employees."""

import re

from extensions import db
from models.core.errors import DomainError
from models.registration.attachments import Attachment
from models.registration.consents import submit_agreed
from models.registration.worker_applications import missing_for, start_one_person_application, submit_worker_application

# The likely answers, pre-selected: the operator has 国民健康保険 (or a 国保組合) and 国民年金 as a
# person; the business without employees is exempt from the employer's insurances.
WORKER_LIKELY = {"health_insurance": "enrolled", "pension": "enrolled", "employment_insurance": "exempt"}
COMPANY_LIKELY = {"health_insurance": "exempt", "pension": "exempt", "employment_insurance": "exempt"}


class PairError(DomainError):
    """code: not_one_person — the application is not the worker half of a one-person operator's pair"""


def split_name(display_name):
    """(姓, 名) from the name typed at sign-up: split at the first space; one word is the 姓."""
    parts = re.split(r"[\s\u3000]+", (display_name or "").strip(), maxsplit=1)
    return (parts[0], parts[1] if len(parts) > 1 else "")


def start(account, values, trade_name="", trade_name_kana=""):
    """Both drafts from the first step (本人情報 + 住所); the company mirrors the worker."""
    with db.atomic():
        application = start_one_person_application(account, trade_name, values)
        company = application.partner.company
        company.employee_count = 0  # 一人親方: no employees
        mirror_worker(company, application.worker, trade_name, trade_name_kana)
    return application


def _joined(*parts):
    return " ".join(p for p in parts if p)


def mirror_worker(company, worker, trade_name=None, trade_name_kana=None):
    """The company's 基本情報 and 登録責任者 from the worker's name, address, phone and e-mail."""
    representative = _joined(worker.family_name, worker.given_name)
    company.set_names(trade_name, representative)
    company.officer_name = representative
    if not company.trade_name_given:  # the representative's name is the 商号, so is its reading
        company.name_kana = _joined(worker.family_kana, worker.given_kana)
    elif trade_name_kana is not None:
        company.name_kana = trade_name_kana
    company.postal_code = company.officer_postal_code = worker.postal_code
    company.address = company.officer_address = worker.address
    company.phone = company.officer_phone = worker.phone
    company.email = company.officer_email = worker.email
    company.save()


def store_company_file(company, purpose, data, filename, replaces=()):
    """Stores a company file of the draft, replacing the earlier one of that purpose (and of `replaces`)."""
    with db.atomic():
        Attachment.delete().where(
            (Attachment.company == company) & Attachment.purpose.in_((purpose, *replaces))
        ).execute()
        return Attachment.store(data, filename, purpose, company=company)


def submit_pair(application, account, agreed, payment_method=None):
    """Submits both halves with the applicant's agreement to the texts (IncompleteError, ConsentError)."""
    if application.partner_id is None or application.status != "draft":
        raise PairError("not_one_person")
    return submit_agreed(
        account,
        [application, application.partner],
        agreed,
        missing_for(application),
        lambda: submit_worker_application(application, account, payment_method),
    )
