from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from blueprints.public import bp
from tasks.urls import safe_next


@bp.get("/")
def landing():
    return render_template("public/landing.html")


@bp.get("/lang/<code>")
def set_language(code):
    """The language switch on every page; unknown codes fall back to Japanese."""
    session["lang"] = code if code in current_app.config["LANGUAGES"] else "ja"
    if current_user.is_authenticated:
        current_user.remember_language(session["lang"])
    return redirect(safe_next(request.args.get("next")) or url_for("public.landing"))
