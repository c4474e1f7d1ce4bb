"""One package per role; shared view helpers live in blueprints/helpers.py."""
