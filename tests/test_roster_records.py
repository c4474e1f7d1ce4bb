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
