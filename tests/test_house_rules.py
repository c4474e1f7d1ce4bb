"""House rules that a reader of the source can check: htmx requests are recognised one way and answered
through one helper; mail is sent only as a notice function of tasks/notices/, and every notice is called
inside its change's transaction; every CSV has one writer and every download one way to be named."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BY_HAND = re.compile(r"""headers(\.get\(|\[)\s*["']HX-""", re.I)


def test_views_recognise_htmx_requests_through_flask_htmx():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("blueprints", "tasks", "factory", "documents")
        for path in (ROOT / package).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BY_HAND.search(line)
    ]
    assert offenders == [], "answer with blueprints.shared.helpers.page_or_fragment instead of reading headers"


def test_views_branch_on_htmx_only_through_page_or_fragment():
    """One rule picks page or fragment (a boosted link or a history restore gets the page) and sets
    Vary: HX-Request; a view or template that tests `htmx` itself would skip both."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("blueprints", "tasks", "factory", "documents", "models")
        for path in (ROOT / package).rglob("*.py")
        if path.relative_to(ROOT).as_posix() != "blueprints/shared/helpers.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bimport\b.*\bhtmx\b", line)
    ] + [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"{%-?\s*(el)?if\b[^%]*\bhtmx\b", line)
    ]
    assert offenders == [], "answer with blueprints.shared.helpers.page_or_fragment(page, fragment, ...)"


def _senders(path):
    """tasks/notices/ and the outbox in tasks/mail.py: the only modules that write mail."""
    name = path.relative_to(ROOT).as_posix()
    return name.startswith("tasks/notices/") or name == "tasks/mail.py"


def test_every_mail_is_a_notice_function_in_tasks_notices():
    """Pages and rules ask tasks/notices/ for a notice; only it (and the outbox in tasks/mail.py) sends."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("blueprints", "models", "factory", "documents", "tasks")
        for path in (ROOT / package).rglob("*.py")
        if not _senders(path)
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bsend_mail\(", line)
    ]
    assert offenders == [], "write the mail as one function in tasks/notices/<domain>.py and call it"


def _is_atomic(node):
    return isinstance(node, ast.With) and any(
        isinstance(item.context_expr, ast.Call)
        and isinstance(item.context_expr.func, ast.Attribute)
        and item.context_expr.func.attr == "atomic"
        for item in node.items
    )


class _Module:
    """One module's tree, with each node's parent and its top-level functions by name."""

    def __init__(self, path):
        self.tree = ast.parse(path.read_text())
        self.parent = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, ast.FunctionDef)}

    def enclosing(self, node):
        """(inside a `with ….atomic()`, the function around it) looking outwards from `node`."""
        while node in self.parent:
            node = self.parent[node]
            if _is_atomic(node):
                return True, None
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return False, node
        return False, None

    def calls_of(self, name, within=None):
        return [
            n
            for n in ast.walk(within or self.tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
        ]

    def called_only_inside_atomic(self, function):
        """A helper whose every call (there is one at least) is lexically inside a transaction."""
        calls = [] if function is None else self.calls_of(function.name)
        return bool(calls) and all(self.enclosing(call)[0] for call in calls)

    def passed_into_atomic(self, reference):
        """`notices.x` handed to a helper of this module that calls it only inside a transaction."""
        call = self.parent.get(reference)
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name) or reference not in call.args:
            return False
        helper = self.functions.get(call.func.id)
        if helper is None or call.args.index(reference) >= len(helper.args.args):
            return False
        parameter = helper.args.args[call.args.index(reference)].arg
        uses = self.calls_of(parameter, within=helper)
        return bool(uses) and all(self.enclosing(use)[0] for use in uses)


def notices_outside_transactions(root=ROOT):
    """Every use of a notice in blueprints/ and tasks/ that is not inside the `with db.atomic():` of a
    change: a call lexically outside one (unless its function is called only inside one), or a
    reference handed to a helper that does not call it inside one. Returns (offenders, uses)."""
    offenders, uses = [], 0
    for package in ("blueprints", "tasks"):
        for path in sorted((root / package).rglob("*.py")):
            if path.relative_to(root).as_posix().startswith("tasks/notices/"):
                continue
            module = _Module(path)
            for node in ast.walk(module.tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tasks.notices"):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} (use `from tasks import notices`)")
                if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
                    continue
                if node.value.id != "notices" or isinstance(module.parent.get(node), ast.Attribute):
                    continue
                uses += 1
                call = module.parent.get(node)
                if isinstance(call, ast.Call) and call.func is node:
                    inside, function = module.enclosing(call)
                    fine = inside or module.called_only_inside_atomic(function)
                else:
                    fine = module.passed_into_atomic(node)
                if not fine:
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} notices.{node.attr}")
    return offenders, uses


def test_every_notice_is_written_inside_the_transaction_of_its_change():
    """A notice written after its change committed is lost by a crash in between (and a retry answers
    "already done"). tasks/mail.send_mail refuses a mail outside a transaction when it runs; this
    check also covers a call no test happens to run."""
    offenders, uses = notices_outside_transactions()
    assert uses >= 25  # the check sees the calls (20 in blueprints, 6 in tasks when it was written)
    assert offenders == [], "call the notice inside the `with db.atomic():` of the change that causes it"


def _lines(packages, skip=()):
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if path.relative_to(ROOT).as_posix() not in skip:
                for number, line in enumerate(path.read_text().splitlines(), 1):
                    yield f"{path.relative_to(ROOT)}:{number}", line


APP = ("blueprints", "models", "factory", "documents", "tasks")


def test_every_csv_is_written_by_the_one_writer():
    """BOM and formula cells neutralised (OWASP CSV injection) in one place: models/core/csv_out.py."""
    offenders = [
        where
        for where, line in _lines(APP, skip=("models/core/csv_out.py",))
        if re.search(r"\bcsv\.(writer|DictWriter)\(", line)
    ]
    assert offenders == [], "write the rows with models.core.csv_out.to_csv (or blueprints.shared.downloads.send_csv)"


def test_every_download_is_named_by_send_file():
    """Flask's send_file writes Content-Disposition (RFC 5987 for non-ASCII names); nobody writes it by hand."""
    offenders = [where for where, line in _lines(APP) if "content-disposition" in line.lower()]
    assert offenders == [], "send the file with blueprints.shared.downloads.send_download"
