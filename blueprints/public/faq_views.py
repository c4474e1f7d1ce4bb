"""よくあるお問い合わせ: the seed's Q&A by tab (in English on the English page), with a keyword search
that filters as you type."""

from flask import request
from flask_babel import get_locale

from blueprints.public import bp
from blueprints.shared.helpers import page_or_fragment
from models.support import faq as faq_data


@bp.get("/faq")
def faq():
    query = request.args.get("q", "").strip()[:100]
    category = request.args.get("category", "")
    if category not in faq_data.category_ids():
        category = ""
    locale = str(get_locale())
    results = faq_data.search(query, category, locale)
    return page_or_fragment(
        "public/faq.html",
        "public/partials/_faq_results.html",
        q=query,
        category=category,
        categories=faq_data.categories(locale),
        translated=faq_data.translated(locale),
        results=results,
        count=sum(len(found) for _c, found in results),
    )
