from flask import Blueprint

bp = Blueprint("public", __name__)

from blueprints.public import (
    downloads_views,
    faq_views,
    home_views,
    inquiry_views,
    verify_views,
)
