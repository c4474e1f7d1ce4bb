"""Demo data for the embedded default: a reviewer, a prime contractor with a site and a reader,
and a one-person operator with a card and a week of work history."""

import datetime as dt
import secrets

from extensions import db
from factory.touches import record_touch
from models import Account, Application, Company, Membership, Site, SiteContract, Worker
from models.core import clock
from models.core.clock import utcnow
from models.registration.applications import apply_one_person_operator
from models.registration.settlement import settle
from models.sites.readers import CardReader, hash_token
from models.sites.rosters import add_many

PASSWORD = "demo-password-1"
READER_TOKEN = "cr_demo_reader_token_0001"
# Published in the README: a production database holding any of them is refused at start-up.
LOGINS = (
    "reviewer@demo.careerup.jp",
    "prime@demo.careerup.jp",
    "oyakata@demo.careerup.jp",
    "worker@demo.careerup.jp",
)


def present():
    """The demo logins (and the demo reader token) in this database: two indexed lookups, nothing when the
    schema is not there yet (a first release's migration)."""
    if not db.table_exists(Account._meta.table_name):
        return []
    found = [a.email for a in Account.select(Account.email).where(Account.email.in_(LOGINS))]
    if CardReader.select().where(CardReader.token_hash == hash_token(READER_TOKEN)).exists():
        found.append(f"card reader token {READER_TOKEN}")
    return found


def _account(email, name, reviewer=False):
    account = Account.by_email(email)
    if account is None:
        account = Account(email=email, display_name=name, is_reviewer=reviewer, email_confirmed_at=utcnow())
        account.set_password(PASSWORD)
        account.save()
    return account


def load():
    with db.atomic():
        reviewer = _account(LOGINS[0], "審査 花子", reviewer=True)
        prime_admin = _account(LOGINS[1], "元請 一郎")
        oyakata = _account(LOGINS[2], "山田 太郎")
        if not Membership.select().where(Membership.account == prime_admin).exists():
            prime = Company.create(
                entity_type="corporation",
                name="デモ建設株式会社",
                trade_name_given="デモ建設株式会社",
                representative_name="元請 一郎",
                postal_code="160-0023",
                address="東京都新宿区西新宿2-8-1",
                phone="03-1234-5678",
                capital=50_000_000,
            )
            Membership.create(account=prime_admin, company=prime)
            application = Application.create(kind="company", applicant=prime_admin, company=prime)
            application.submit(prime_admin)
            settle(application.approve(reviewer, clock.today()), reviewer, clock.today())
            site = Site.open(prime, name="A邸住宅新築工事", address="東京都世田谷区")
            CardReader.create(
                site=site, name="正門リーダー", token_hash=hash_token(READER_TOKEN), token_hint=READER_TOKEN[-4:]
            )
        prime = Membership.get(Membership.account == prime_admin).company
        site = Site.of_prime(prime).first()
        if Worker.get_or_none(Worker.account == oyakata) is None:
            company, worker = apply_one_person_operator(
                oyakata,
                {
                    "trade_name": "",
                    "representative_name": "山田 太郎",
                    "postal_code": "332-0012",
                    "address": "埼玉県川口市本町1-1",
                    "phone": "090-1111-2222",
                },
                {
                    "family_name": "山田",
                    "given_name": "太郎",
                    "family_kana": "ヤマダ",
                    "given_kana": "タロウ",
                    "birth_date": dt.date(1985, 4, 1),
                    "gender": "1",
                    "nationality": "日本",
                    "postal_code": "332-0012",
                    "address": "埼玉県川口市本町1-1",
                    "phone": "090-1111-2222",
                    "main_trade": "0201",
                },
            )
            for application in Application.of_applicant(oyakata):
                settle(application.approve(reviewer, clock.today()), reviewer, clock.today())
            contract = SiteContract.invite(site, prime, Company.get_by_id(company.id))  # approved and paid now
            contract.accept()
            add_many(contract, [Worker.get_by_id(worker.id)], contract.company, position="1", trade="0201")
            reader = CardReader.get(CardReader.site == site)
            card = Worker.get_by_id(worker.id).cards.get()
            card.enrol_serial(secrets.token_hex(8).upper(), source="generated")  # demo: no physical card exists
            today = clock.today()
            for back in range(1, 6):
                day = today - dt.timedelta(days=back)
                for direction, hour in (("in", 8), ("out", 17)):
                    moment = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=clock.JST)
                    record_touch(reader, f"demo-{day}-{direction}", site.site_id, card.idm, direction, moment)
        _pending_foreign_worker(_account(LOGINS[3], "NGUYEN VAN AN"), prime)
    card = Worker.get(Worker.account == oyakata).cards.get()
    return [
        "Demo logins (password for all: %s)" % PASSWORD,
        "  reviewer (審査担当):         reviewer@demo.careerup.jp",
        "  prime contractor (元請):     prime@demo.careerup.jp",
        "  one-person operator (一人親方): oyakata@demo.careerup.jp",
        "  foreign worker, application waiting in the review queue: worker@demo.careerup.jp",
        f"Demo card reader for site {site.site_id}: token {READER_TOKEN}, card serial {card.idm} (generated for the demo, not a real card)",
        "Sign up a new one-person operator at /signup; confirmation mail lands in instance/outbox/.",
    ]


def _image(size, text):
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (226, 232, 240))
    ImageDraw.Draw(img).text((12, 12), text, fill=(30, 40, 60))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _pending_foreign_worker(account, employer):
    """A submitted worker application with a middle name, no furigana and its documents."""
    if Worker.get_or_none(Worker.account == account) is not None:
        return
    from models.accounts.workers import Affiliation
    from models.registration.attachments import Attachment

    worker = Worker.create(
        account=account,
        family_name="NGUYEN",
        given_name="VAN",
        middle_name="AN",
        no_kana_on_document=True,
        birth_date=dt.date(1996, 7, 14),
        gender="1",
        nationality="ベトナム",
        postal_code="160-0023",
        address="東京都新宿区西新宿2-8-1",
        phone="080-3333-4444",
        main_trade="0301",
        id_document="residence_card",
        kentaikyo_number="012345678",
        residence_status="specified_skilled_1",
        residence_card_number="AB12345678CD",
        residence_until=clock.today() + dt.timedelta(days=400),
        acceptance_plan_number="国土建第1234号",
    )
    Affiliation.create(worker=worker, company=employer, is_main=True)
    Attachment.store(_image((300, 386), "face"), "face.png", "face_photo", worker=worker)
    Attachment.store(_image((640, 400), "Residence card (demo)"), "residence_card.png", "id_document", worker=worker)
    Attachment.store(
        _image((640, 400), "Residence card, back (demo)"), "residence_back.png", "id_document_back", worker=worker
    )
    application = Application.create(kind="worker", applicant=account, worker=worker)
    application.log("created", account)
    application.submit(account)
