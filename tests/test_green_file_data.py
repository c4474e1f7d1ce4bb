"""The data behind the Green File: 建設業許可, 営業所, and each company's part of a site's 施工体制台帳,
entered once through htmx forms, persons picked from the company's own workers."""

from models.accounts.workers import Qualification
from models.sites.ledger import ConstructionPermit, ContractLedger, Office
from tests.sitetree import as_company, employee, three_tiers

HX = {"HX-Request": "true"}


def test_permits_and_offices_are_entered_once_and_listed(app):
    t = three_tiers()
    client = as_company(app, t["admins"]["first"], t["first"])
    r = client.post(
        "/company/green-file/permits",
        data={
            "trade": "内装仕上工事業",
            "authority": "governor",
            "prefecture": "東京都",
            "grade": "special",
            "number": "123456",
            "permitted_on": "2024-04-01",
        },
    )
    assert r.status_code == 303
    r = client.post(
        "/company/green-file/offices",
        data={
            "name": "本店",
            "address": "東京都新宿区1-1",
            "health_code": "01-イロハ",
            "employment_code": "1301-123456-7",
        },
    )
    assert r.status_code == 303
    page = client.get("/company/green-file").text
    assert "内装仕上工事業" in page and "第123456号" in page and "特定" in page and "東京都" in page
    assert "本店" in page and "01-イロハ" in page and "1301-123456-7" in page
    # a permit without its number is refused with the reason, nothing stored
    r = client.post(
        "/company/green-file/permits", data={"trade": "塗装工事業", "authority": "governor", "grade": "general"}
    )
    assert r.status_code == 422 and "許可番号を入力してください。" in r.text
    assert ConstructionPermit.select().count() == 1


def test_the_ledger_part_is_saved_with_a_worker_of_the_company_and_flags_an_unqualified_chief(app):
    t = three_tiers()
    chief = employee(t["first"], "主任", "一郎", experience_years=3)
    licence = Qualification.create(worker=chief, kind="license", name="1級建築施工管理技士")
    course = Qualification.create(worker=chief, kind="tokubetsu", name="足場の組立て等特別教育")
    office = Office.create(company=t["first"], name="本店")
    client = as_company(app, t["admins"]["first"], t["first"])
    url = f"/company/sites/{t['site'].id}/ledger"
    page = client.get(url).text
    assert "主任 一郎" in page and "発注者の監督員名" not in page  # the 元請's items are not a subcontractor's
    # choosing the person offers that person's 資格
    fragment = client.get(url + f"?chief={chief.id}", headers=HX).text
    assert "1級建築施工管理技士" in fragment and 'id="ledger-form"' in fragment
    form = {
        "contract_date": "2026-10-01",
        "office": str(office.id),
        "agent_name": "代理 太郎",
        "chief": str(chief.id),
        "chief_role": "chief",
        "chief_dedicated": "y",
        "chief_qualification": str(course.id),
        "safety_manager": "安全 花子",
    }
    r = client.post(url, data=form, headers=HX)
    assert r.status_code == 200 and "保存しました" in r.text
    assert 'data-testid="chief-flag"' in r.text  # a 特別教育 does not qualify, nor 3 years
    row = ContractLedger.get()
    assert (row.chief_id, row.office_id, row.chief_dedicated, row.agent_name) == (
        chief.id,
        office.id,
        True,
        "代理 太郎",
    )
    r = client.post(url, data=form | {"chief_qualification": str(licence.id)}, headers=HX)
    assert 'data-testid="chief-flag"' not in r.text
    assert ContractLedger.get().chief_qualification_id == licence.id


def test_persons_and_offices_of_another_company_are_refused(app):
    t = three_tiers()
    stranger = employee(t["second"], "他社", "次郎")
    other_office = Office.create(company=t["second"], name="他社営業所")
    client = as_company(app, t["admins"]["first"], t["first"])
    url = f"/company/sites/{t['site'].id}/ledger"
    r = client.post(url, data={"chief": str(stranger.id), "chief_role": "chief"}, headers=HX)
    assert r.status_code == 422 and "自社の所属技能者から選んでください" in r.text
    r = client.post(url, data={"office": str(other_office.id), "chief_role": "chief"}, headers=HX)
    assert r.status_code == 422 and "自社の営業所から選んでください" in r.text
    assert ContractLedger.select().count() == 0


def test_the_prime_enters_the_client_supervisor(app):
    t = three_tiers()
    client = as_company(app, t["admins"]["prime"], t["prime"])
    url = f"/company/sites/{t['site'].id}/ledger"
    assert "発注者の監督員名" in client.get(url).text
    r = client.post(url, data={"chief_role": "supervising", "client_supervisor": "発注 監督"})
    assert r.status_code == 303
    assert ContractLedger.get(ContractLedger.company == t["prime"]).client_supervisor == "発注 監督"
