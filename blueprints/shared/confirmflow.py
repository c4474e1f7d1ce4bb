"""入力 → 確認 → 送信: a form posted through a confirmation page. The confirmation page carries the
typed values in hidden fields (templates/_confirm.html); 戻る shows the form again with all kept."""

from flask import request

STEP = "step"


def step(form):
    """'edit' (show the form again: errors, or 戻る), 'confirm' (show what will be sent) or 'send'."""
    chosen = request.form.get(STEP, "confirm")
    if chosen == "back" or not form.validate_on_submit():
        return "edit"
    return "send" if chosen == "send" else "confirm"
