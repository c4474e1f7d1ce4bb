"""Flask CLI: `flask --app app db upgrade|downgrade|status`, `flask --app app demo-data`,
`flask --app app staff create|list|disable`, `flask --app app trades load-official FILE.csv` and
`flask --app app backup|restore PATH`."""

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


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path):
    """Back up the database to PATH (SQLite online backup, or pg_dump's custom format), safe while it runs."""
    from flask import current_app

    from factory.backup import BackupError, backup

    try:
        size = backup(current_app.config["DATABASE_URL"], path)
    except BackupError as error:
        raise click.ClickException(str(error))
    click.echo(f"backup written to {path} ({size} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database's contents.")
@with_appcontext
def restore_command(path, yes):
    """Replace the database's contents with a backup made by `flask backup` (stop web and workers first)."""
    from flask import current_app

    from factory.backup import BackupError, restore

    if not yes:
        click.confirm("This replaces every row of the database with the backup's. Continue?", abort=True)
    db.close()
    try:
        restore(current_app.config["DATABASE_URL"], path)
    except BackupError as error:
        raise click.ClickException(str(error))
    click.echo(f"database restored from {path}")


@click.group("keys")
def keys_group():
    """Key rotation (README "Keys")."""


@keys_group.command("reseal")
@with_appcontext
def reseal():
    """Re-seal every sealed field under the first SEAL_KEYS key (then older keys can be dropped)."""
    from models import ALL_MODELS
    from models.core.sealed import SealedField, stale_text

    count = 0
    for model in ALL_MODELS:
        for field in (f for f in model._meta.sorted_fields if isinstance(f, SealedField)):
            table, column = model._meta.table_name, field.column_name
            with db.atomic():
                rows = db.execute_sql(f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall()
                for row_id, stored in rows:
                    if (text := stale_text(stored)) is not None:  # the field seals it under the first key
                        model.update({field: text}).where(model._meta.primary_key == row_id).execute()
                        count += 1
    click.echo(f"re-sealed {count} value(s)")


@click.command("erase-person")
@click.argument("who")
@click.option("--by", "staff_email", required=True, help="E-mail of the staff member acting (for the audit log).")
@click.option("--note", default="", help="The request's reference, how the person was identified.")
@click.option("--yes", is_flag=True, help="Do not ask before erasing.")
@with_appcontext
def erase_person_command(who, staff_email, note, yes):
    """Erase the personal data of the person with e-mail or 技能者ID WHO (README "Erasure on request")."""
    from blueprints.shared.helpers import is_operations_staff
    from models import Account
    from models.history.erasure import ErasureError, erase_person, find_person

    staff = Account.get_or_none(Account.email == staff_email.strip().lower())
    if staff is None or not is_operations_staff(staff):
        raise click.ClickException(f"{staff_email} is not an operations staff account")
    account, worker = find_person(who)
    if account is None and worker is None:
        raise click.ClickException(f"nobody with the e-mail or 技能者ID {who}")
    name = worker.full_name if worker is not None else account.display_name
    if not yes:
        click.confirm(f"Erase the personal data of {name}? This cannot be undone.", abort=True)
    try:
        entry = erase_person(staff, account=account, worker=worker, note=note)
    except ErasureError as error:
        raise click.ClickException(f"not erased: {error.code}")
    click.echo(f"erased (audit entry #{entry.id})")
