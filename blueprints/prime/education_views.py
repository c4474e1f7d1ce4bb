"""新規入場時等教育: the 元請 records a session and who attended; the page lists who has not had it."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from blueprints.prime import bp
from blueprints.prime.site_forms import EducationForm
from blueprints.shared.params import number_list
from models.core.base import get_owned_or_404
from models.sites.rosters import EducationSession, record_session, without_entry_education
from models.sites.sites import RosterEntry, Site


def _page(site, form, error=None, status=200):
    return render_template(
        "prime/education_list.html",
        site=site,
        form=form,
        sessions=list(EducationSession.of_site(site)),
        missing=list(without_entry_education(site)),
        chosen=set(number_list("entry")),
        error=error,
    ), status


@bp.get("/sites/<int:site_pk>/education")
def education_list(site_pk):
    return _page(get_owned_or_404(Site.of_prime(g.membership), site_pk), EducationForm())


@bp.post("/sites/<int:site_pk>/education")
def education_record(site_pk):
    site = get_owned_or_404(Site.of_prime(g.membership), site_pk)
    form = EducationForm()
    ids = number_list("entry")
    entries = list(RosterEntry.select().where((RosterEntry.site == site) & RosterEntry.id.in_(ids or [0])))
    if not form.validate_on_submit() or not entries:
        error = None if entries else _("受講した技能者を選んでください。")
        return _page(site, form, error, 400)
    record_session(site, form.held_on.data, form.instructor.data, form.content.data or "", entries)
    flash(ngettext("%(num)d名の受講を記録しました。", "%(num)d名の受講を記録しました。", len(entries)), "success")
    return redirect(url_for("prime.education_list", site_pk=site.id))
