"""Base models and the one scoped lookup every view uses for tenant data."""

from peewee import DateTimeField, Model
from werkzeug.exceptions import NotFound

from extensions import db
from models.core import clock
from models.core.numbers import MAX_ID, int_or_none


class BaseModel(Model):
    created_at = DateTimeField(default=clock.utcnow)

    class Meta:
        database = db
        legacy_table_names = False


def get_owned_or_404(query, pk):
    """Fetch `pk` from a query already scoped to the viewer; anything outside it is a 404."""
    model = query.model
    pk = pk if isinstance(pk, int) else int_or_none(pk)
    if pk is None or not 0 < pk <= MAX_ID:
        raise NotFound()
    try:
        return query.where(model._meta.primary_key == pk).get()
    except model.DoesNotExist:
        raise NotFound()
