"""The drafts a proxy filing creates: a worker, their draft application, the employer named in it, the
main trade, the first event and the filing itself. Rows from the bulk list, the integration import and the
single proxy form are written the same way, with one multi-row statement per table in one transaction."""

import datetime as dt

from peewee import chunked

from extensions import db
from models.accounts.employers import NamedEmployer
from models.accounts.workers import Worker, WorkerTrade
from models.registration.applications import Application, ApplicationEvent
from models.registration.fields.rules import RULES, empty_value
from models.registration.proxy import ProxyError, ProxyFiling, row_key


def _worker_row(values):
    row = {k: v for k, v in values.items() if k in Worker._meta.fields}
    row["experience_years"] = values.get("experience_years") or 0
    return row


def insert_rows(model, rows, returning=()):
    """One multi-row INSERT of `rows` ({field name: value}; every other column its default), built
    directly rather than through peewee's per-value query tree, which costs more than the database does.
    Returns the `returning` columns of each inserted row."""
    fields = [f for f in model._meta.sorted_fields if not f.primary_key]
    defaults = {f.name: f.default() if callable(f.default) else f.default for f in fields}
    param = db.obj.param
    params = [f.db_value(row.get(f.name, defaults[f.name])) for row in rows for f in fields]
    one = "(" + ", ".join([param] * len(fields)) + ")"
    sql = 'INSERT INTO "%s" (%s) VALUES %s' % (
        model._meta.table_name,
        ", ".join(f'"{f.column_name}"' for f in fields),
        ", ".join([one] * len(rows)),
    )
    if returning:
        sql += " RETURNING " + ", ".join(f'"{model._meta.fields[name].column_name}"' for name in returning)
    cursor = db.execute_sql(sql, params)
    return cursor.fetchall() if returning else []


def write_rows(company, account, accepted, bulk_import_id=None):
    """The accepted rows as draft worker applications filed by `company`: one transaction, a handful of
    multi-row statements (chunked below the database's parameter limit). Returns {row key: application id}."""
    by_key = {key: (number, values) for number, values, key in accepted}
    worker_ids, app_ids = {}, {}
    with db.atomic():
        for chunk in chunked(accepted, 400):
            returned = insert_rows(
                Worker,
                [_worker_row(values) for _n, values, _k in chunk],
                ("id", "family_name", "given_name", "middle_name", "birth_date"),
            )
            for wid, family, given, middle, birth in returned:
                birth = birth if isinstance(birth, dt.date) else dt.date.fromisoformat(str(birth)[:10])
                worker_ids[row_key(family, given, middle, birth)] = wid
        for chunk in chunked(list(worker_ids), 400):
            rows = [{"kind": "worker", "applicant": account.id, "worker": worker_ids[k]} for k in chunk]
            app_ids.update({wid: aid for aid, wid in insert_rows(Application, rows, ("id", "worker"))})
            _write_details(company, account, chunk, worker_ids, app_ids, by_key, bulk_import_id)
    return {k: app_ids[worker_ids[k]] for k in worker_ids}


def _write_details(company, account, keys, worker_ids, app_ids, by_key, bulk_import_id):
    """The rows that go with each new draft: named employer, trade, the application's first event, the filing."""
    workers = [worker_ids[k] for k in keys]
    insert_rows(NamedEmployer, [{"worker": w, "company": company.id, "kind": "main"} for w in workers])
    insert_rows(
        WorkerTrade,
        [
            {"worker": worker_ids[k], "trade": by_key[k][1]["main_trade"], "experience_years": _years(by_key[k])}
            for k in keys
        ],
    )
    insert_rows(
        ApplicationEvent,
        [
            {"application": app_ids[w], "round": 1, "action": "created", "actor": account.id, "note": "bulk"}
            for w in workers
        ],
    )
    insert_rows(
        ProxyFiling,
        [
            {
                "company": company.id,
                "application": app_ids[worker_ids[k]],
                "worker": worker_ids[k],
                "row_key": k,
                "bulk_import": bulk_import_id,
                "source_row": by_key[k][0],
                "filed_by": account.id,
            }
            for k in keys
        ],
    )


def _years(entry):
    return entry[1].get("experience_years") or 0


def file_one(company, account, values):
    """One worker's new application filed by `company` through the proxy form, written like a list row.
    Raises ProxyError('email') without the worker's own e-mail address (Q1-7: where they take over their
    login), ProxyError('already_filed') when the company already filed this person (name + birth date)."""
    row = {**{name: empty_value("worker", name) for name in RULES["worker"]}, **values}
    if not (row.get("email") or "").strip():
        raise ProxyError("email")
    key = row_key(row["family_name"], row["given_name"], row["middle_name"], row["birth_date"])
    if key in ProxyFiling.taken_keys(company):
        raise ProxyError("already_filed")
    write_rows(company, account, [(None, row, key)])
    return ProxyFiling.get((ProxyFiling.company == company) & (ProxyFiling.row_key == key))
