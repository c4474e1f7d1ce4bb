"""One error type: rules raise DomainError subclasses; a view shows a message only for those, so a
genuine bug is a 500 page, never a misleading 「既に処理されています」."""

import importlib
import inspect
import pkgutil

import models
from models import Application, Invoice, Worker
from models.core.errors import DomainError
from tests import factories as f


def test_every_error_a_rule_raises_is_a_domain_error_with_a_code():
    found = {}
    for info in pkgutil.walk_packages(models.__path__, "models."):
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Exception) and cls.__module__ == module.__name__:
                found[f"{info.name.rpartition('.')[2]}.{name}"] = cls
    assert {"fees.FeeError", "changes.LinkError", "sites.SiteError", "applications.ApplicationError"} <= set(found)
    assert [name for name, cls in found.items() if not issubclass(cls, DomainError)] == []
    assert all(not issubclass(cls, ValueError) for cls in found.values())
    assert DomainError("pending").code == "pending"


def test_a_bug_inside_approval_is_a_500_page_not_already_processed(client, app, outbox, monkeypatch):
    application = f.submitted_worker_application()
    f.login(client, f.reviewer())

    def broken_claim(self, new_status):
        raise ValueError("a bug, not a rule")

    monkeypatch.setattr(Application, "_claim", broken_claim)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    r = client.post(f"/reviewer/applications/{application.id}/approve", follow_redirects=True)
    assert r.status_code == 500
    assert "システムエラーが発生しました" in r.text and "既に処理されています" not in r.text
    assert Application.get_by_id(application.id).status == "submitted"
    assert Invoice.select().count() == 0 and Worker.get_by_id(application.worker_id).worker_id is None
    assert outbox.messages() == []


def test_a_second_approval_still_says_already_processed(client):
    application = f.submitted_worker_application()
    f.login(client, f.reviewer())
    client.post(f"/reviewer/applications/{application.id}/approve")
    r = client.post(f"/reviewer/applications/{application.id}/approve", follow_redirects=True)
    assert r.status_code == 200 and "既に処理されています" in r.text
