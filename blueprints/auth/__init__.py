from flask import Blueprint

bp = Blueprint("auth", __name__)

from blueprints.auth import (
    password_views,
    views,
)
