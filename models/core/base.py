"""Base models and the one scoped lookup every view uses for tenant data."""

from peewee import DateTimeField, Model
from werkzeug.exceptions import NotFound

from extensions import db
from models.core import clock


class BaseModel(Model):
    created_at = DateTimeField(default=clock.utcnow)

    class Meta:
        database = db
        legacy_table_names = False


# Ids are 32-bit on PostgreSQL (serial); a bigger number in a URL is simply no row, never a query error.
MAX_ID = 2**31 - 1


def get_owned_or_404(query, pk):
    """Fetch `pk` from a query already scoped to the viewer; anything outside it is a 404."""
    model = query.model
    try:
        pk = int(pk)
        if not 0 < pk <= MAX_ID:
            raise NotFound()
        return query.where(model._meta.primary_key == pk).get()
    except (model.DoesNotExist, ValueError, TypeError):
        raise NotFound()
