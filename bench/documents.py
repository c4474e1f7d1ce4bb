"""Green File documents at scale: `python bench/documents.py` from the repo root.

On a fresh SQLite file (or BENCH_DATABASE_URL) builds, for 100 / 1,000 / 2,000 workers, a site whose
first tier holds the whole crew, with the ledger data entered for every company; renders the
施工体制台帳 and that company's 作業員名簿 through the job's own `build`, and a 200-company 施工体系図.
CPU time (process time) per worker is the figure: targets ledger_pdf_ms_per_worker <= 1 and
roster_pdf_ms_per_worker <= 0.5. xlsx_s is the CPU time of each .xlsx form. `overlaps` is the layout check of tests/layout.py (pdfplumber: two
words overlapping or a word leaving its cell) over every PDF of the 100-worker run and the tree."""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="careerup-bench-"))
os.environ.setdefault("CAREERUP_INSTANCE", str(TMP / "instance"))

from app import create_app  # noqa: E402
from bench.roster import company, workers  # noqa: E402
from config import TestConfig  # noqa: E402
from documents.site_documents import build  # noqa: E402
from extensions import db  # noqa: E402
from factory.cli import router  # noqa: E402
from models import Site, SiteContract  # noqa: E402
from models.sites.documents import SiteDocument  # noqa: E402
from models.sites.ledger import ConstructionPermit, ContractLedger, Office  # noqa: E402
from models.sites.sites import RosterEntry  # noqa: E402
from tests import layout  # noqa: E402

SIZES = (100, 1000, 2000)
TREE_COMPANIES = 200


class Config(TestConfig):
    DATABASE_URL = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.db'}"


def green_data(site, comp):
    ConstructionPermit.create(company=comp, trade="内装仕上工事業", number="123456", permitted_on=dt.date(2024, 4, 1))
    office = Office.create(company=comp, name="本店", address="東京都新宿区1-1", health_code="01-イロハ")
    ContractLedger.create(site=site, company=comp, office=office, agent_name="代理 一郎", safety_manager="安全 花子")


def site_with(n, label):
    prime = company(f"元請{label}株式会社")
    site = Site.open(prime, name=f"ベンチ現場{label}", works_content="内装仕上工事（クロス・床）一式")
    green_data(site, prime)
    first = company(f"一次{label}株式会社")
    contract = SiteContract.invite(site, prime, first, scope="内装仕上工事（クロス・床・天井ボード張り）")
    contract.accept()
    green_data(site, first)
    crew = workers(first, n, f"作業{label}")
    RosterEntry.insert_many(
        [
            {
                "site": site.id,
                "company": first.id,
                "worker": w.id,
                "position": "3",
                "trade": "0601",
                "marks": "foreman,safety",
                "special_education": "足場の組立て等",
                "created_at": dt.datetime(2026, 1, 1),
            }
            for w in crew
        ]  # fmt: skip
    ).execute()
    return site, prime, contract


def tree_site():
    prime = company("元請体系図株式会社")
    site = Site.open(prime, name="体系図200社現場")
    parents = [prime]
    for i in range(TREE_COMPANIES):
        comp = company(f"体系図下請{i:03d}株式会社")
        SiteContract.invite(site, parents[i // 4], comp, scope=f"工事{i}（内装・設備・塗装）").accept()
        parents.append(comp)
        green_data(site, comp)
    return site, prime


def timed(site, kind, prime, contract=None):
    doc = SiteDocument.create(site=site, kind=kind, contract=contract, requested_by=prime, fingerprint="bench")
    started = time.process_time()
    data = build(doc)
    return time.process_time() - started, data


def main():
    app = create_app(Config)
    pdfs = []
    with app.app_context(), app.test_request_context():
        if not Config.DATABASE_URL.startswith("sqlite"):
            db.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        router().run()
        for n in SIZES:
            site, prime, contract = site_with(n, n)
            for kind in ("ledger", "roster", "notice", "education", "ledger_xlsx", "roster_xlsx"):
                seconds, data = timed(site, kind, prime, contract if kind.startswith(("roster", "notice")) else None)
                if kind in ("ledger", "roster"):
                    print(f"{kind}_pdf_ms_per_worker[{n}]: {seconds * 1000 / n:.3f}  ({seconds:.2f} s CPU)")
                elif kind.endswith("_xlsx"):
                    print(f"xlsx_s[{kind.removesuffix('_xlsx')}, {n}]: {seconds:.2f}")
                    continue
                if n == SIZES[0]:
                    pdfs.append((kind, data))
        site, prime = tree_site()
        seconds, data = timed(site, "tree", prime)
        print(f"tree_pdf_s[{TREE_COMPANIES} companies]: {seconds:.2f}")
        pdfs.append(("tree", data))
    overlaps = sum(len(layout.problems(data)) for _kind, data in pdfs)
    print(f"overlaps: {overlaps}  (forms checked: {', '.join(k for k, _ in pdfs)})")
    print(f"cpu_s_total: {time.process_time():.1f}  load_average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
