def test_landing_is_japanese_by_default(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="ja">' in r.text
    assert "新規登録" in r.text
