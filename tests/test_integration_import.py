"""システム連携 (Q1-11): another system's export as an AES-encrypted zip, the password given separately,
the documented format (CSV or JSON), choosing who becomes a proxy draft."""

import io
import json
import zipfile

import pytest
import pyzipper

from models import ProxyFiling
from tests import factories as f

PASSWORD = "sent-by-phone-42"
HEADER = "family_name,given_name,family_kana,given_kana,birth_date,gender,postal_code,address,phone,main_trade,kentaikyo_number"
CSV = "\n".join(
    [
        HEADER,
        "山田,一郎,ヤマダ,イチロウ,1985-04-01,1,160-0023,東京都新宿区1-1,090-1234-5678,0101,012345678",
        "佐藤,花子,サトウ,ハナコ,1990/02/03,2,1600023,東京都新宿区2-2,03-1234-5678,0401,",
        "田中,守,タナカ,マモル,1980-13-01,1,160-0023,東京都新宿区3-3,03-1234-5678,0401,",
    ]
)


def aes_zip(name, content, password=PASSWORD):
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def clerk(app):
    company, admin = f.company(name="代行建設株式会社")
    client = app.test_client()
    f.login(client, admin)
    return client


def send(client, data, password=PASSWORD):
    return client.post(
        "/company/integration",
        data={"package": (io.BytesIO(data), "export.zip"), "password": password},
        content_type="multipart/form-data",
    )


def test_encrypted_csv_is_read_and_the_chosen_workers_become_drafts(clerk):
    response = send(clerk, aes_zip("workers.csv", ("\ufeff" + CSV).encode()))
    assert response.status_code == 302
    page = clerk.get(response.headers["Location"]).text
    assert "山田 一郎" in page and "佐藤 花子" in page
    assert "birth_date（生年月日）" in page and "生年月日は 1985/4/1、" in page and ">3<" in page
    response = clerk.post(response.headers["Location"], data={"row": ["2"]})
    assert response.status_code == 302
    filing = ProxyFiling.get()
    assert (filing.worker.given_name, filing.application.status) == ("花子", "draft")
    assert "佐藤 花子" in clerk.get("/company/proxy").text


def test_json_named_by_japanese_headings_is_read(clerk):
    workers = {
        "workers": [
            {
                "姓": "鈴木",
                "名": "健",
                "セイ": "スズキ",
                "メイ": "ケン",
                "生年月日": "1979-12-01",
                "性別": "1",
                "郵便番号": "160-0023",
                "住所": "東京都",
                "電話番号": "0312345678",
                "職種コード": "0401",
            }
        ]
    }
    response = send(clerk, aes_zip("export.json", json.dumps(workers, ensure_ascii=False).encode()))
    page = clerk.get(response.headers["Location"]).text
    assert "鈴木 健" in page and "読み込めなかった人" not in page


def test_wrong_password_plain_zip_and_missing_file_say_so(clerk):
    data = aes_zip("workers.csv", CSV.encode())
    response = send(clerk, data, password="wrong")
    assert response.status_code == 400 and "パスワードが違います" in response.text
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("workers.csv", CSV)
    response = send(clerk, plain.getvalue())
    assert response.status_code == 400 and "暗号化されていないzipは受け付けません" in response.text
    response = send(clerk, aes_zip("readme.txt", b"hi"))
    assert response.status_code == 400 and "CSVかJSONのファイルがありません" in response.text
    assert ProxyFiling.select().count() == 0


def test_specification_lists_every_column_with_codes(clerk):
    spec = clerk.get("/company/integration/spec.md").text
    assert "| gender | 性別 | ○ |" in spec and "1=男性" in spec and "AES" in spec
