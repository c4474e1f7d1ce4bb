"""The proxy application consent form (代行申請同意書) pre-filled to print and sign: for one worker's new
application, or for a standing consent to file a worker's or company's changes and work history."""

from documents.pdfs import render_pdf


def _proxy_rows(company, clerk_name):
    return [company.name, company.business_id, f"{company.postal_code} {company.address}", clerk_name, company.phone]


def _worker_rows(worker):
    return [
        worker.full_name,
        worker.kana_name,
        worker.birth_date.isoformat() if worker.birth_date else "",
        worker.worker_id or "",
        f"{worker.postal_code} {worker.address}",
    ]


def _company_rows(company):
    return [
        company.name,
        company.business_id or "",
        company.representative_name,
        f"{company.postal_code} {company.address}",
    ]


def _filing_form(filing, clerk_name, chain=()):
    """A new application's form: the proxy company, the companies in between (Q3-3) and the worker
    (or company) filled in."""
    worker = filing.worker_id is not None
    return {
        "principal": "worker" if worker else "company",
        "proxy": _proxy_rows(filing.company, clerk_name),
        "person": _worker_rows(filing.worker) if worker else _company_rows(filing.principal_company),
        "chain": list(chain),
        "actions": ["new"],
    }


def consent_pdf(filing, clerk_name, chain=()):
    """PDF bytes of one filing's consent form."""
    return render_pdf("pdf/proxy_consent.html", forms=[_filing_form(filing, clerk_name, chain)])


def consent_pdfs(filings, clerk_name):
    """PDF bytes: one consent form a page for each filing (a bulk list's drafts, printed at once)."""
    return render_pdf("pdf/proxy_consent.html", forms=[_filing_form(f, clerk_name) for f in filings])


def mandate_pdf(consent, clerk_name):
    """PDF bytes of a standing consent: its principal, the actions ticked, the chain as named."""
    worker = consent.principal == "worker"
    return render_pdf(
        "pdf/proxy_consent.html",
        principal=consent.principal,
        proxy=_proxy_rows(consent.proxy_company, clerk_name),
        person=_worker_rows(consent.worker) if worker else _company_rows(consent.principal_company),
        chain=consent.chain(),
        actions=consent.action_list(),
    )
