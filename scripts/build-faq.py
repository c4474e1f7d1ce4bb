#!/usr/bin/env python3
"""Builds data/faq.json from the seed support page (the original system's Q&A), so the app never
reads ../shared at run time.

    .venv/bin/python scripts/build-faq.py [SEED] [--check]

SEED defaults to ../shared/seeds/ccus-support-page.txt. --check exits 1 when data/faq.json is not
what the seed gives (tests/test_public_pages.py runs it when the seed is present)."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "ccus-support-page.txt"
OUT = ROOT / "data" / "faq.json"

# English titles for the seed's tabs (the questions themselves are published in Japanese only).
TAB_EN = {
    "よくある問い合わせ": "Frequently asked",
    "利用方法": "How to use",
    "技能者・事業者の登録全般": "Registration in general",
    "事業者情報の登録": "Company registration",
    "技能者情報の登録": "Worker registration",
    "費用": "Fees",
    "システムに蓄積される就業履歴": "Work history in the system",
    "システムの目的・対象": "Purpose and scope",
    "システム活用の効果": "Benefits",
}
QUESTION = re.compile(r"^Q(\d+)-(\d+)\s+(.+)$")
FORM_START = "[お問い合わせフォーム]"
# "参考サイト" was a link on the original page; the link itself is not in the seed.
LOST_LINK = re.compile(r"\s*参考サイト$")
PHONE = re.compile(r"電話にてのお問い合わせは\s*([\d-]+)\s*[（(]([^)）]+)[)）]")
POSTAL_SLIP_PHONE = re.compile(r"^Tel\.?\s*([\d-]+)")


def parse(text):
    lines = text.splitlines()
    tab_line = next(line for line in lines if line.startswith("| よくある問い合わせ"))
    tabs = [t.strip() for t in tab_line.strip("| ").split("|")]
    categories = [
        {"id": i, "title": t, "title_en": TAB_EN.get(t, t), "questions": []} for i, t in enumerate(tabs, start=1)
    ]
    start = lines.index(tab_line) + 1
    current = None
    for line in lines[start:]:
        if line.startswith(FORM_START):
            break
        match = QUESTION.match(line.strip())
        if match:
            current = {"id": f"Q{match[1]}-{match[2]}", "question": match[3].strip(), "answer": []}
            categories[int(match[1]) - 1]["questions"].append(current)
        elif current is not None and line.strip():
            kept = LOST_LINK.sub("", line.strip())
            if kept:
                current["answer"].append(kept)
    for category in categories:
        for q in category["questions"]:
            q["answer"] = "\n".join(q["answer"]) or None  # None: the seed has the question only
    return {"source": "seeds/ccus-support-page.txt", "categories": categories, "contacts": contacts(lines)}


def contacts(lines):
    """The phone lines the page lists: the inquiry line and the post-office slip desk."""
    found = {}
    for i, line in enumerate(lines):
        if m := PHONE.search(line):
            found["inquiry"] = {"phone": m[1], "hours": m[2]}
        if (m := POSTAL_SLIP_PHONE.match(line.strip())) and "払込票" in lines[i - 1]:
            found["postal_slip"] = {"desk": lines[i - 1].strip(), "phone": m[1]}
    return found


def render(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if not a.startswith("--")]
    seed = Path(paths[0]) if paths else DEFAULT_SEED
    output = render(parse(seed.read_text(encoding="utf-8")))
    if check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != output:
            print(f"{OUT} is out of date: run scripts/build-faq.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(output, encoding="utf-8")
    count = sum(len(c["questions"]) for c in parse(seed.read_text(encoding="utf-8"))["categories"])
    print(f"wrote {OUT.relative_to(ROOT)}: {count} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
