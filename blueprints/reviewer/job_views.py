"""Staff's list of every long job (imports, site documents, exports, periodic runs): state, progress,
error, and a retry button on a failed one."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from blueprints.reviewer import bp
from models.accounts.companies import Company
from models.core import jobs
from models.core.base import get_owned_or_404
from models.core.pagination import Page
from tasks.jobs import retry


def kind_label(kind):
    labels = {
        "bulk_import": _("一括申請の読み込み"),
        "site_document": _("帳票の作成"),
        "company_export": _("データの書き出し"),
        "daily_notices": _("毎日の通知（カード有効期限・未利用）"),
        "nightly_level_evaluation": _("レベル判定（夜間）"),
        "monthly_site_usage_invoices": _("現場利用料の請求"),
        "admin_fees_daily": _("管理者ID利用料の請求・督促"),
        "promote_unassigned_touches": _("未登録タッチの反映"),
        "retry_unsent_mail": _("未送信メールの再送"),
        "prune_sent_mail": _("送信済みメールの整理"),
    }
    return labels.get(kind, kind)


def state_label(state):
    return {"queued": _("待機中"), "running": _("実行中"), "done": _("完了"), "failed": _("失敗")}[state]


@bp.get("/jobs")
def job_list():
    state = request.args.get("state", "")
    periodic = request.args.get("periodic") == "1"
    page = Page(jobs.listing(state, periodic), request.args.get("page"))
    ids = {job.company for job in page.items if job.company}
    companies = {c.id: c for c in Company.select().where(Company.id.in_(ids))} if ids else {}
    return render_template(
        "reviewer/jobs.html",
        jobs=page,
        state=state,
        periodic=periodic,
        companies=companies,
        kind_label=kind_label,
        state_label=state_label,
        states=jobs.STATES,
    )


@bp.post("/jobs/<int:job_id>/retry")
def job_retry(job_id):
    job = get_owned_or_404(jobs.Job.select(), job_id)
    if retry(job.id):
        flash(_("ジョブ %(id)d をもう一度実行します。", id=job.id), "success")
    return redirect(url_for("reviewer.job_list", state=request.args.get("state", "")))
