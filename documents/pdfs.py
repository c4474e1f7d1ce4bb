"""PDF rendering with xhtml2pdf and the IPAex Gothic font shipped in static/fonts, so Japanese
prints on a PaaS without Debian fonts. Templates live in templates/pdf/ and use the `pdf/base.html`
font set-up."""

import io
from pathlib import Path

from flask import render_template
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

STATIC = Path(__file__).resolve().parent.parent / "static"
FONT = STATIC / "fonts" / "ipaexg.ttf"


class PdfError(RuntimeError):
    pass


def html_to_pdf(html):
    """Bytes of a PDF rendered from `html`; the font is read from static/ only."""
    out = io.BytesIO()
    policy = ResourceAccessPolicy.server(base_dir=STATIC)
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    if result.err:
        raise PdfError(f"PDF rendering failed ({result.err} errors)")
    return out.getvalue()


def render_pdf(template, **context):
    """Renders templates/pdf/<template> to PDF bytes."""
    return html_to_pdf(render_template(template, font_path=str(FONT), **context))
