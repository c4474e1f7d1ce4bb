"""DOMAIN decision: a worker or company that already holds a real CCUS ID records it as an external
reference, never as CareerUp's own ID: shown, searchable (the roster search) and exported (records API)."""

from models import Company, Worker
from models.sites.api_tokens import ApiClient
from tests import factories as f
from tests.sitetree import as_company, employee, three_tiers

REAL = "12345678901234"  # a real CCUS 技能者ID need not carry CareerUp's check digit


def test_domain_a_worker_records_a_real_ccus_id_beside_careerups_own(client):
    data = f.site_with_worker()
    f.login(client, data["account"])
    page = client.get("/worker/").text
    assert 'data-testid="ccus-ref"' in page
    r = client.post("/worker/ccus-ref", data={"ccus_ref": "１２３４-５６７８-９０１２ ３４"}, follow_redirects=True)
    assert "CCUSのIDを記録しました。" in r.text and REAL in r.text
    worker = Worker.get_by_id(data["worker"].id)
    assert worker.ccus_ref == REAL and worker.worker_id != REAL
    r = client.post("/worker/ccus-ref", data={"ccus_ref": "12345"}, follow_redirects=True)
    assert "14桁の数字で入力してください" in r.text and Worker.get_by_id(worker.id).ccus_ref == REAL
    f.worked_day(data, f.days_ago(1))
    token = ApiClient.register(data["prime"], "連携", [data["site"].id], ["read-records"])[1]
    records = client.get("/api/v1/records", headers={"Authorization": f"Bearer {token}"}).get_json()["records"]
    assert records[0]["worker_ccus_id"] == REAL and records[0]["worker_id"] == worker.worker_id


def test_domain_a_company_records_its_real_ccus_id_and_a_roster_search_finds_a_worker_by_one(app):
    t = three_tiers()
    client = as_company(app, t["admins"]["first"], t["first"])
    r = client.post("/company/ccus-ref", data={"ccus_ref": "98765432109876"}, follow_redirects=True)
    assert 'data-testid="ccus-ref-shown"' in r.text and "98765432109876" in r.text
    assert Company.get_by_id(t["first"].id).ccus_ref == "98765432109876"
    worker = employee(t["first"], "外部", ccus_ref=REAL)
    c1 = t["contracts"]["first"]
    found = client.get(f"/company/contracts/{c1.id}/roster/search?q={REAL}", headers={"HX-Request": "true"})
    assert f'value="{worker.id}"' in found.text
    clerk = f.account()
    from models import Membership

    Membership.create(account=clerk, company=t["first"], role="site_manager")
    assert as_company(app, clerk, t["first"]).post("/company/ccus-ref", data={"ccus_ref": ""}).status_code == 403
