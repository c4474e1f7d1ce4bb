"""The proxy application consent form (代行申請同意書) pre-filled for one worker, to print and sign."""

from documents.pdfs import render_pdf


def consent_pdf(filing, clerk_name, chain=()):
    """PDF bytes: the proxy company, the companies in between (Q3-3) and the worker filled in."""
    company, worker = filing.company, filing.worker
    proxy = [company.name, company.business_id, f"{company.postal_code} {company.address}", clerk_name, company.phone]
    person = [
        worker.full_name,
        worker.kana_name,
        worker.birth_date.isoformat() if worker.birth_date else "",
        worker.worker_id or "",
        f"{worker.postal_code} {worker.address}",
    ]
    return render_pdf("pdf/proxy_consent.html", principal="worker", proxy=proxy, person=person, chain=list(chain))
