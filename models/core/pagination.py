"""The one pagination rule for long lists: page n shows rows (n-1)*size+1 … n*size, so every row is on
exactly one page; a page number out of range (text, 0, or 99999999999999999999) lands on a real page."""

import math

from models.core.numbers import NumberError, parse_int

PER_PAGE = 50
MAX_PAGE = 1_000_000  # far beyond any list; keeps the offset a number every database takes


def page_number(value):
    """The page asked for in a query string, as a number from 1 to MAX_PAGE (1 when unreadable)."""
    if value is None:
        return 1
    try:
        number = parse_int(value, maximum=MAX_PAGE)
    except NumberError as refused:
        number = MAX_PAGE if refused.code == "out_of_range" else 1  # a huge number lands on the last page
    return min(max(number, 1), MAX_PAGE)


class Page:
    """One page of `query`: `items`, `number`, `total`, `pages`, `has_prev`, `has_next`."""

    def __init__(self, query, number=1, per_page=PER_PAGE):
        self.per_page = per_page
        self.total = query.count()
        self.pages = max(math.ceil(self.total / per_page), 1)
        self.number = min(page_number(number), self.pages)
        self.items = list(query.offset((self.number - 1) * per_page).limit(per_page))
        self.has_prev = self.number > 1
        self.has_next = self.number < self.pages

    @property
    def first_index(self):
        """The 1-based position of the first row shown (0 on an empty list)."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_index(self):
        return (self.number - 1) * self.per_page + len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)
