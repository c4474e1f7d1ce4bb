from flask import g, render_template

from blueprints.worker import bp
from models.cards import Card
from models.levels import progress


@bp.get("/level")
def level():
    """What level the worker's records and qualifications support, and what the next level needs."""
    return render_template("worker/level.html", rows=progress(g.worker), card=Card.current_for(g.worker))
