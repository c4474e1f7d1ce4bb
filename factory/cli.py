"""Flask CLI: `flask --app app db upgrade|downgrade|status` and `flask --app app demo-data`."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def router():
    from peewee_migrate import Router

    return Router(db.obj, migrate_dir=MIGRATIONS)


@click.group("db")
def db_group():
    """Database migrations."""


@db_group.command("upgrade")
@with_appcontext
def upgrade():
    """Apply every migration not applied yet."""
    done = router().run()
    click.echo(f"applied {len(done)} migration(s)")


@db_group.command("downgrade")
@click.option("--steps", default=1, show_default=True)
@with_appcontext
def downgrade(steps):
    """Roll back the last migrations."""
    r = router()
    for _ in range(steps):
        if not r.done:
            break
        r.rollback()
    click.echo("rolled back")


@db_group.command("status")
@with_appcontext
def status():
    r = router()
    click.echo(f"done: {', '.join(r.done) or '-'}")
    click.echo(f"todo: {', '.join(r.diff) or '-'}")


@click.command("demo-data")
@with_appcontext
def demo_data():
    """Load demo accounts, companies, a site and a card reader (safe to run twice)."""
    from factory import demo

    for line in demo.load():
        click.echo(line)
