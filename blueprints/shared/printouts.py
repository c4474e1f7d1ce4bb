"""Printable documents more than one blueprint serves (payer and staff): payment slips, receipts and
the card face as PNG and as a real-size PDF."""

import base64

from flask import current_app

from blueprints.shared.downloads import send_download
from documents.cardimage import CARD_MM, render_card_png
from documents.pdfs import render_pdf
from models.billing import tax
from models.billing.payments import provider
from models.registration.settlement import slip_recipient


def payment_provider():
    return provider(current_app.config)


def _file(data, mimetype, filename):
    return send_download(data, filename, mimetype, attachment=False)


def slip_pdf(invoice):
    """払込票: amount, due date, reference number, payer and the address it is posted to, and how
    to pay by the chosen method."""
    name, address = slip_recipient(invoice)
    pdf = render_pdf(
        "pdf/payment_slip.html",
        invoice=invoice,
        payer_name=name,
        payer_address=address,
        biller_number=payment_provider().biller_number,
    )
    return _file(pdf, "application/pdf", f"slip-{invoice.reference}.pdf")


def receipt_pdf(invoice):
    name, _address = slip_recipient(invoice)
    paid_for = [(str(invoice.purpose_label()), invoice.amount)]
    lines, totals = tax.receipt_lines(paid_for, invoice.paid_on)
    issuer = tax.issuer(current_app.config)
    pdf = render_pdf("pdf/receipt.html", invoice=invoice, payer_name=name, lines=lines, totals=totals, issuer=issuer)
    return _file(pdf, "application/pdf", f"receipt-{invoice.receipt_number}.pdf")


def card_png(card):
    return _file(render_card_png(card), "image/png", f"card-{card.worker.worker_id}.png")


def card_pdf(card):
    """A4 with the card's front at its real size (85.6 × 54 mm) to print and cut out."""
    image = "data:image/png;base64," + base64.b64encode(render_card_png(card)).decode("ascii")
    pdf = render_pdf("pdf/card.html", card=card, image=image, width_mm=CARD_MM[0], height_mm=CARD_MM[1])
    return _file(pdf, "application/pdf", f"card-{card.worker.worker_id}.pdf")
