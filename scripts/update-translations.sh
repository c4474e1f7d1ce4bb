#!/usr/bin/env bash
# Refresh the English catalog from the source: extract -> update .po -> compile .mo.
#   bash scripts/update-translations.sh
# Then translate every empty msgstr in translations/en/LC_MESSAGES/messages.po and run it again
# (or `make translations`) to recompile. Commit both the .po and the .mo: hosts without a build
# step serve the committed .mo. tests/test_i18n.py fails while a msgid lacks a translation or the
# .mo is stale.
#
# What is scanned (factory/, blueprints/, models/, templates/**.html|txt) and which keywords count
# (_, gettext, ngettext, lazy_gettext, _l, ...) is set in babel.cfg, shared with the test.
set -euo pipefail
cd "$(dirname "$0")/.."

pybabel="${PYBABEL:-.venv/bin/pybabel}"
[ -x "$pybabel" ] || pybabel=pybabel
pot=translations/messages.pot   # git-ignored

# Locations without line numbers: line shifts elsewhere in a file do not churn the .po.
"$pybabel" -q extract -c TRANSLATORS: -F babel.cfg --add-location=file --sort-by-file \
    --project=CareerUp --copyright-holder=CareerUp -o "$pot" .

before="$(mktemp)"
trap 'rm -f "$before"' EXIT

# English is complete; the worker languages (config.py WORKER_LANGUAGES) cover the worker's pages.
for lang in en vi id; do
    po="translations/$lang/LC_MESSAGES/messages.po"
    [ -f "$po" ] || "$pybabel" -q init -i "$pot" -d translations -l "$lang"
    cp "$po" "$before"
    # Keep existing translations; no fuzzy guesses (a near-miss Japanese msgid is a different message);
    # drop messages no longer in the source.
    "$pybabel" -q update -i "$pot" -d translations -l "$lang" --no-fuzzy-matching --ignore-obsolete
    # If only the POT-Creation-Date header moved, keep the old file so nothing shows up in git.
    if diff -q <(grep -v '^"POT-Creation-Date:' "$before") <(grep -v '^"POT-Creation-Date:' "$po") >/dev/null; then
        cp "$before" "$po"
    fi
    # --statistics reports "N of M messages translated"; untranslated ones fall back to Japanese.
    "$pybabel" compile -d translations -l "$lang" --statistics
done

