"""The front of a 建設キャリアアップカード drawn with Pillow and the shipped IPAex font: 技能者ID,
name (and 旧姓・通称 when chosen), 初期登録年, expiry, birth date, face photo, in the level's colour.
The face is a physical card, so its text is Japanese whatever the reader's language."""

import io
import warnings

from PIL import Image, ImageDraw, ImageFont, ImageOps

from config import keyring
from documents.pdfs import FONT
from models.cards.cards import qr_payload
from models.registration.attachments import MAX_PIXELS, Attachment

DPI = 300
CARD_MM = (85.6, 54.0)  # ISO/IEC 7810 ID-1, the size of the real card
SIZE = tuple(round(mm / 25.4 * DPI) for mm in CARD_MM)  # (1011, 638)

# level → (top colour, bottom colour, band colour) of the face
PALETTE = {
    1: ((255, 255, 255), (236, 239, 242), (11, 95, 165)),
    2: ((214, 232, 251), (141, 184, 232), (11, 70, 140)),
    3: ((238, 240, 242), (170, 176, 184), (80, 88, 98)),
    4: ((248, 233, 170), (212, 175, 55), (120, 88, 10)),
}
LEVEL_NAMES = {1: "ホワイト", 2: "ブルー", 3: "シルバー", 4: "ゴールド"}
INK = (27, 36, 48)
MUTED = (70, 78, 90)


def font(size):
    return ImageFont.truetype(str(FONT), size)


def fitted_font(draw, text, max_width, size, smallest=22):
    """The largest font from `size` down at which `text` fits `max_width` (long foreign names)."""
    while size > smallest and draw.textlength(text, font=font(size)) > max_width:
        size -= 2
    return font(size)


def japanese_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def grouped_id(value):
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def _background(level):
    top, bottom, _band = PALETTE[level]
    width, height = SIZE
    img = Image.new("RGB", SIZE, top)
    draw = ImageDraw.Draw(img)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return img


def _face_photo(worker, box):
    row = (
        Attachment.select()
        .where((Attachment.worker == worker) & (Attachment.purpose == "face_photo"))
        .order_by(Attachment.id.desc())
        .first()
    )
    if row is None:
        return None
    # Uploads are stored at FACE_STORED (models/registration/attachments.py); a larger file from before that is
    # decoded at a reduced scale (JPEG draft) or, past the upload limit, not drawn at all.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            photo = Image.open(io.BytesIO(bytes(row.data)))
        except (Image.DecompressionBombError, OSError):
            return None
    with photo:
        if photo.width * photo.height > MAX_PIXELS:
            return None
        photo.draft("RGB", box)
        return ImageOps.fit(ImageOps.exif_transpose(photo).convert("RGB"), box)


QR_MODULE_PX = 5  # one QR module in pixels at 300 dpi (0.42 mm): phone cameras read it easily
QR_MARGIN = 36


def card_qr(worker_id):
    """The card's QR code: the 技能者ID and a check value made with the operator's key, for reads
    without NFC (the phone reads page verifies it)."""
    import segno
    from flask import current_app

    return segno.make(qr_payload(worker_id, keyring(current_app.config, "CARD_QR_KEYS")), error="m", micro=False)


def draw_card_qr(img, worker_id):
    """Draws the QR in the card's lower right corner on a white quiet zone; returns its box."""
    if not worker_id:
        return None
    matrix = card_qr(worker_id).matrix
    size = len(matrix) * QR_MODULE_PX
    quiet = 4 * QR_MODULE_PX
    right, bottom = SIZE[0] - QR_MARGIN, SIZE[1] - QR_MARGIN
    left, top = right - size, bottom - size
    draw = ImageDraw.Draw(img)
    draw.rectangle([left - quiet, top - quiet, right + quiet - 1, bottom + quiet - 1], fill=(255, 255, 255))
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                x, y = left + col * QR_MODULE_PX, top + row * QR_MODULE_PX
                draw.rectangle([x, y, x + QR_MODULE_PX - 1, y + QR_MODULE_PX - 1], fill=(0, 0, 0))
    return left, top, size


def render_card_png(card):
    """PNG bytes of the card's front at 300 dpi, the exact card shape."""
    worker = card.worker
    width, height = SIZE
    img = _background(card.level)
    draw = ImageDraw.Draw(img)
    band = PALETTE[card.level][2]
    draw.rectangle([0, 0, width, 96], fill=band)
    draw.text((36, 22), "建設キャリアアップカード", font=font(44), fill=(255, 255, 255))
    level_text = f"レベル{card.level} {LEVEL_NAMES[card.level]}"
    draw.text((width - 36, 30), level_text, font=font(32), fill=(255, 255, 255), anchor="ra")

    photo_box, photo_at = (240, 308), (36, 130)  # the face photo's 294:378 shape
    photo = _face_photo(worker, photo_box)
    if photo is not None:
        img.paste(photo, photo_at)
    else:
        x, y = photo_at
        draw.rectangle([x, y, x + photo_box[0], y + photo_box[1]], fill=(230, 233, 237), outline=MUTED)
        draw.text((x + photo_box[0] / 2, y + photo_box[1] / 2), "写真", font=font(30), fill=MUTED, anchor="mm")

    x, right = 312, width - 36
    draw.text((x, 124), "技能者ID", font=font(24), fill=MUTED)
    draw.text(
        (x, 152),
        grouped_id(worker.worker_id or ""),
        font=fitted_font(draw, "0000 0000 0000 00", right - x, 48),
        fill=INK,
    )
    draw.text((x, 226), "氏名", font=font(24), fill=MUTED)
    draw.text((x, 254), worker.full_name, font=fitted_font(draw, worker.full_name, right - x, 54), fill=INK)
    y = 330
    if card.print_alias:
        alias = f"（旧姓・通称）{card.print_alias}"
        draw.text((x, y), alias, font=fitted_font(draw, alias, right - x, 32), fill=INK)
        y += 48
    for label, value in (
        ("生年月日", japanese_date(worker.birth_date)),
        ("初期登録年", f"{card.first_registration_year}年"),
        ("有効期限", japanese_date(card.valid_until)),
    ):
        draw.text((x, y + 4), label, font=font(26), fill=MUTED)
        draw.text((x + 170, y), value, font=font(32), fill=INK)
        y += 54
    draw.text((36, height - 52), "CareerUp", font=font(26), fill=MUTED)
    draw_card_qr(img, worker.worker_id)
    draw.rounded_rectangle([1, 1, width - 2, height - 2], radius=36, outline=(150, 156, 164), width=3)

    out = io.BytesIO()
    img.save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()
