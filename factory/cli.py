"""Flask CLI: `flask --app app db upgrade|downgrade|status`, `flask --app app demo-data`,
`flask --app app staff create|list|disable` and `flask --app app trades load-official FILE.csv`."""

from pathlib import Path

import click
from flask import current_app
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
    """Load demo accounts, companies, a site and a card reader (safe to run twice; never in production)."""
    from factory import demo

    if current_app.config["ENV_NAME"] == "production":
        click.echo(
            "demo-data refused: CAREERUP_ENV=production, and the demo logins' password is published. "
            "Make the first staff account with `flask --app app staff create EMAIL --role reviewer`.",
            err=True,
        )
        raise SystemExit(1)

    for line in demo.load():
        click.echo(line)


@click.group("trades")
def trades_group():
    """職種 (trade) code tables."""


@trades_group.command("load-official")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def load_official(path):
    """Load or update the official CCUS trade table from a CSV (columns code,name_ja,name_en)."""
    from models.core.trades import TradeFileError
    from models.core.trades import load_official as load

    try:
        added, updated, removed = load(Path(path).read_bytes())
    except TradeFileError as error:
        for number, message in error.problems:
            click.echo(f"{number}行目 / row {number}: {message}", err=True)
        raise SystemExit(1)
    click.echo(f"official trades: {added} added, {updated} updated, {removed} removed")


STAFF_MESSAGES = {
    "staff_role_unknown": "unknown role (reviewer or operator)",
    "staff_email_invalid": "not an e-mail address",
    "staff_unknown": "no staff account with this address",
    "password_length": "the password must be 10 to 128 characters",
}


@click.group("staff")
def staff_group():
    """Staff of the registration body: reviewer (審査担当) and operator (operations pages)."""


def _refused(error, email):
    click.echo(f"{email}: {STAFF_MESSAGES[error.code]}", err=True)
    raise SystemExit(1)


@staff_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["reviewer", "operator"]), required=True)
@click.option("--name", default=None, help="Display name (default: the part of EMAIL before @).")
@click.option("--password-prompt", is_flag=True, help="Type the password here instead of mailing a link.")
@with_appcontext
def staff_create(email, role, name, password_prompt):
    """Give EMAIL a staff role; a new account is mailed a link to set its password."""
    from models.accounts import staff
    from models.core.errors import DomainError
    from tasks import notices

    password = click.prompt("Password", hide_input=True, confirmation_prompt=True) if password_prompt else None
    try:
        with db.atomic():
            account, created = staff.grant(email, role, name=name, password=password)
            mailed = created and password is None
            if mailed:
                notices.password_reset(account.id, account.lang)
    except DomainError as error:
        _refused(error, email)
    state = "created" if created else "updated"
    click.echo(f"{account.email}: {state}, roles {', '.join(staff.roles_of(account))}")
    if mailed:
        click.echo(
            f"  a link to set the password was mailed (valid {current_app.config['RESET_TOKEN_MAX_AGE'] // 60} min)"
        )


@staff_group.command("list")
@with_appcontext
def staff_list():
    """Every staff account: address, roles, name, last use."""
    from models.accounts import staff

    for account in staff.members():
        used = account.last_used_at.strftime("%Y-%m-%d %H:%M UTC") if account.last_used_at else "never"
        click.echo(f"{account.email}\t{','.join(staff.roles_of(account))}\t{account.display_name}\tlast used {used}")


@staff_group.command("disable")
@click.argument("email")
@with_appcontext
def staff_disable(email):
    """Take every staff role from EMAIL and end its sessions (the account and its history stay)."""
    from models.accounts import staff
    from models.core.errors import DomainError

    try:
        with db.atomic():
            account = staff.disable(email)
    except DomainError as error:
        _refused(error, email)
    click.echo(f"{account.email}: staff roles removed, sessions ended")
