"""PDFs carry the shipped IPAex font: pdftotext reads the Japanese back."""

import shutil
import subprocess

import pytest

from documents.pdfs import FONT, html_to_pdf


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext missing: apt-get install -y poppler-utils")
def test_japanese_pdf_uses_the_shipped_font(tmp_path):
    html = (
        "<html><head><style>@font-face{font-family:IPAexGothic;src:url('%s');}"
        "body{font-family:IPAexGothic}</style></head><body>作業員名簿 山田太郎 型枠工</body></html>" % FONT
    )
    path = tmp_path / "x.pdf"
    path.write_bytes(html_to_pdf(html))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "作業員名簿" in text and "山田太郎" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "IPAexGothic" in fonts and " yes " in fonts  # embedded
