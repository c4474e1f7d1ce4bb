"""Issue 21 part 2 on rosters and records: 作業内容 in each record (Q7-4) and the link needed before a
worker goes on a roster (Q2-6)."""

from models.sites.records import WorkRecord
from tests import factories as f


def test_q7_4_the_rosters_work_content_is_kept_in_each_record_and_shown_in_the_history(app, client):
    data = f.site_with_worker()
    entry = data["site"].roster.get()
    entry.work_content = "型枠組立"
    entry.save()
    day = f.days_ago(1)
    f.worked_day(data, day)
    entry.work_content = "解体"  # a later change does not rewrite the day already kept
    entry.save()
    assert WorkRecord.get(WorkRecord.worker == data["worker"]).work_content == "型枠組立"
    f.login(client, data["account"])
    page = client.get("/worker/history").get_data(as_text=True)
    assert "作業内容" in page and "型枠組立" in page
    records = client.get("/api/v1/records", headers={"Authorization": "Bearer " + _records_token(data)}).get_json()[
        "records"
    ]
    assert [r["work_content"] for r in records] == ["型枠組立"]


def _records_token(data):
    from models.sites.api_tokens import ApiClient

    return ApiClient.register(data["prime"], "連携", [data["site"].id], ["read-records"])[1]


def test_q2_6_a_worker_whose_employer_shows_no_business_id_cannot_go_on_a_roster(app):
    import pytest

    from models import Company
    from models.sites.rosters import add_many
    from models.sites.sites import RosterEntry, SiteError
    from tests.sitetree import as_company, employee, three_tiers

    t = three_tiers()
    no_id = Company.create(
        entity_type="corporation", name="未登録工務店", representative_name="代表", address="x", phone="0"
    )
    worker = employee(no_id, "未関連")
    c1 = t["contracts"]["first"]
    client = as_company(app, t["admins"]["first"], t["first"])
    r = client.get(f"/company/contracts/{c1.id}/roster/search?q={worker.worker_id}", headers={"HX-Request": "true"})
    assert "事業者IDが関連付けられていない" in r.text
    r = client.post(
        f"/company/contracts/{c1.id}/roster",
        data={"worker": str(worker.id), "position": "3", "trade": "0101"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 400 and "変更申請（関連付け）を行ってください" in r.text
    with pytest.raises(SiteError) as refused:
        add_many(c1, [worker], t["first"], lent=True, position="3", trade="0101")  # no registered lender either
    assert refused.value.code == "not_linked" and RosterEntry.select().count() == 0
