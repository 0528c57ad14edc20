"""honour-roll: the editors' command-line tool.

    honour-roll new        a new record to fill in (draft)
    honour-roll validate   the build's own checks, without building
    honour-roll import     a nomination spreadsheet into records (nominated)
    honour-roll export     the records as CSV or XLSX for reporting
    honour-roll report     counts, quota and what is left to do
    honour-roll template   the nomination spreadsheet of the project's movement
    honour-roll init DIR   a new deployment: a movement of your own

Every message about a record comes from the same loader and validator the
build uses (honour_roll.record.loader), so the tool and the site never disagree.
Kinds, localities, pillars, years and criteria are the project's movement
(data/movement.yml), read once per command.
Exit status: 0 clean, 1 problems found, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys
from pathlib import Path
from functools import partial
from typing import Callable

from honour_roll.editors import argparse_vietnamese
from honour_roll.record.guidance import load_guidance
from honour_roll.record.loader import Roll, display_path, load_roll, movement_of, record_files
from honour_roll.record.movement import Movement, MovementInvalid
from honour_roll.editors.nomination import ExamplesInvalid, Sheet, read_examples
from honour_roll.record.problems import Problem, RecordsInvalid
from honour_roll.editors.progress import CountingList, Progress
from honour_roll.editors.record_writer import check_text, slugify, write_atomically
from honour_roll.site.site_config import honour_roll_settings, read_config
from honour_roll.record.validation import publication_warnings
from honour_roll.record.vocabulary import Status

OK, PROBLEMS, USAGE = 0, 1, 2


class UsageError(Exception):
    """Wrong arguments: exit status 2, like argparse's own errors."""


# --- the project --------------------------------------------------------------------------------

def find_project(start: Path) -> Path:
    """The folder of the nearest mkdocs.yml at or above ``start`` (else ``start``)."""
    return _nearest_project(start) or start.resolve()


def _nearest_project(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def data_dir_of(root: Path) -> Path:
    # mkdocs.yml as MkDocs reads it (INHERIT followed), by the core's one reader.
    config = root / "mkdocs.yml"
    name = honour_roll_settings(read_config(config)).get("data_dir", "data") if config.is_file() else "data"
    return root / str(name)


class Project:
    """The project the command works on: -C, else the nearest mkdocs.yml above
    the current folder, else above the first file named on the command line."""

    def __init__(self, args: argparse.Namespace):
        if args.project:
            self.root = Path(args.project).resolve()
            if not self.root.is_dir():
                raise UsageError(f"không có thư mục dự án {args.project} / no folder {args.project}")
        else:
            named = [Path(p) for p in (getattr(args, "paths", None) or [])]
            found = _nearest_project(Path.cwd()) or next(filter(None, (_nearest_project(p.parent) for p in named)), None)
            self.root = found or Path.cwd().resolve()
        self.data_dir = Path(args.data).resolve() if args.data else data_dir_of(self.root)
        self.command = args.command
        self._movement: Movement | None = None

    def movement(self) -> Movement:
        """The project's movement, read once; MovementInvalid when its file has problems."""
        if self._movement is None:
            self._movement = movement_of(self.data_dir, self.root)
        return self._movement

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def require_records(self, folder_may_be_new: bool = False) -> None:
        """Stop with directions when the records folder is not where the command
        looks: most often the tool was started outside the project folder."""
        records = self.data_dir / "honorees"
        if records.is_dir() or (folder_may_be_new and (self.root / "mkdocs.yml").is_file()):
            return
        if not (self.root / "mkdocs.yml").is_file():
            raise UsageError(
                f"không tìm thấy thư mục hồ sơ: {self.root} không phải thư mục dự án (ở đây và các thư mục cha "
                "không có tệp mkdocs.yml).\n"
                "Hãy chạy lệnh trong thư mục dự án, nơi có mkdocs.yml và thư mục data/honorees, ví dụ:\n"
                f"  cd <thư-mục-dự-án> && honour-roll {self.command}\n"
                "hoặc chỉ rõ thư mục dự án bằng -C (--project):\n"
                f"  honour-roll {self.command} -C <thư-mục-dự-án>"
            )
        raise UsageError(
            f"dự án {self.root} chưa có thư mục hồ sơ {self.shown(records)}; hãy tạo thư mục này, "
            "hoặc chỉ đúng thư mục dữ liệu bằng --data <thư-mục>"
        )


_OS_REASONS = {
    errno.ENOENT: "không có thư mục hoặc tệp này",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không có quyền",
    errno.ENOSPC: "hết chỗ trống trên đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "đã có",
}


def os_reason(e: OSError) -> str:
    """The operating system's reason, in Vietnamese (its own text is English)."""
    return _OS_REASONS.get(e.errno, f"lỗi hệ thống số {e.errno}" if e.errno else "lỗi hệ thống")


def _out(text: str = "") -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# --- validate -----------------------------------------------------------------------------------

def check(project: Project, named: list[Path] | None, progress: Progress | None = None) -> tuple[int, list[Problem], list[Problem]]:
    """(records checked, errors, warnings) exactly as the build finds them.

    Named files are checked together with the whole roll (a duplicate name
    with another record is the build's error too), and only their own
    problems are reported."""
    try:
        movement = project.movement()
    except MovementInvalid as e:  # every record depends on it: its problems alone
        return 0, list(e.problems), []
    guidance_file = project.data_dir / movement.guidance.file
    try:  # the build reads it too: a criterion placed beyond the guidance's items stops it
        load_guidance(guidance_file, movement, project.shown(guidance_file))
    except RecordsInvalid as e:
        return 0, list(e.problems), []
    folder = project.data_dir / "honorees"
    everything = record_files(project.data_dir)
    if named is None and not folder.is_dir():
        try:
            load_roll(project.data_dir, project.root)  # the loader's own message for a missing folder
        except RecordsInvalid as e:
            return 0, list(e.problems), []
    files = everything if named is None else sorted(set(everything) | set(named))
    listed = CountingList(files, progress) if progress else files
    roll: Roll | None = None
    try:
        roll = load_roll(project.data_dir, project.root, paths=listed, movement=movement)
        errors, warnings = [], publication_warnings(roll.honorees)
    except RecordsInvalid as e:
        errors, warnings = list(e.problems), []
    finally:
        if progress:
            progress.close()
    if named is None:
        return len(files), errors, warnings
    shown = {project.shown(p) for p in named}

    def concerns(p: Problem) -> bool:  # its own problem, or another record's naming it (a duplicate)
        return p.source in shown or any(s in p.message for s in shown)

    errors = [p for p in errors if concerns(p)]
    warnings = [p for p in warnings if concerns(p)]
    if roll is None and not errors:
        # Other records are broken, these are not: their warnings still count.
        try:
            warnings = publication_warnings(load_roll(project.data_dir, project.root, paths=named, movement=movement).honorees)
        except RecordsInvalid as e:  # pragma: no cover - same checks as above
            errors = [p for p in e.problems if p.source in shown]
    return len(named), errors, warnings


def _expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in (".yml", ".yaml") and not f.name.startswith("."))
            if not found:
                raise UsageError(f"thư mục {raw} không có tệp hồ sơ .yml nào / no .yml record in {raw}")
            out += found
        elif p.is_file():
            if p.suffix.lower() not in (".yml", ".yaml"):
                raise UsageError(f"{raw}: hồ sơ phải là tệp .yml / a record is a .yml file")
            out.append(p)
        else:
            raise UsageError(f"không tìm thấy {raw} / {raw} not found")
    return [p.resolve() for p in out]


def cmd_validate(args: argparse.Namespace) -> int:
    project = Project(args)
    project.require_records()
    named = _expand(args.paths) if args.paths else None
    try:
        project.movement()
    except MovementInvalid as e:  # every record is checked against it: its problems first, alone
        if args.format == "json":
            problems = [{**p.as_dict(), "severity": "error"} for p in e.problems]
            print(json.dumps({"checked": 0, "problems": problems}, ensure_ascii=False, indent=2))
        else:
            _out(e.report())
        return PROBLEMS
    progress = Progress("Đang kiểm tra hồ sơ", sys.stderr)
    count, errors, warnings = check(project, named, progress)
    if args.format == "json":
        problems = [{**p.as_dict(), "severity": "error"} for p in errors]
        problems += [{**p.as_dict(), "severity": "warning"} for p in warnings]
        print(json.dumps({"checked": count, "problems": problems}, ensure_ascii=False, indent=2))
        return PROBLEMS if problems else OK
    if errors:
        _out(RecordsInvalid(errors).report())
    for w in warnings:
        _out(str(w))
    if warnings:
        _out(
            f"Có {len(warnings)} cảnh báo: hồ sơ đã được công nhận nhưng chưa đủ điều kiện đăng; "
            "bản dựng --strict sẽ dừng cho đến khi sửa xong."
        )
    if not errors and not warnings:
        _out(f"Đã kiểm tra {count} hồ sơ: không có lỗi.")
    return PROBLEMS if errors or warnings else OK


# --- new ----------------------------------------------------------------------------------------

def _ask(label: str, choices_text: str = "") -> str:
    hint = f" ({choices_text})" if choices_text else ""
    return input(f"{label}{hint}: ").strip()


# Each answer of `new` is read by one of these: (value, None) or (None, what is wrong).
Parsed = tuple[object, str | None]


def _kind(sheet: Sheet, text: str) -> Parsed:
    found = sheet.resolve("kind", text)
    if found is None:
        return None, f"loại '{text}' không hợp lệ; hãy ghi một trong: {sheet.choices('kind')}"
    return sheet.movement.kind(found), None


def _name(text: str) -> Parsed:
    if not slugify(text):
        return None, f"không tạo được tên tệp từ tên '{text}'; hãy ghi tên bằng chữ (hoặc dùng --id ten-khong-dau)"
    return text, None


def _locality(sheet: Sheet, text: str) -> Parsed:
    found = sheet.resolve("locality", text)
    if found is None:
        return None, f"địa bàn '{text}' không hợp lệ; hãy ghi một trong: {sheet.choices('locality')}"
    return sheet.movement.locality(found), None


def _pillars(sheet: Sheet, text: str) -> Parsed:
    word = sheet.movement.pillar_label.lower()
    by_id = {p.id: p for p in sheet.movement.pillars}
    pillars: list = []
    for part in [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]:
        found = sheet.resolve("pillars", part)
        if found is None:
            return None, f"{word} '{part}' không hợp lệ; hãy ghi một hoặc nhiều trong: {sheet.choices('pillars')}"
        if by_id[found] not in pillars:
            pillars.append(by_id[found])
    if not pillars:
        return None, f"cần ít nhất một {word}; hãy ghi một hoặc nhiều trong: {sheet.choices('pillars')}"
    return pillars, None


def _example_year(movement: Movement) -> int:
    """A year to show as an example: the movement's last but one."""
    return max(movement.period.first_year, movement.period.last_year - 1)


def _year(movement: Movement, text: str) -> Parsed:
    try:
        year = int(text)
    except ValueError:
        return None, f"năm '{text}' không hợp lệ; hãy ghi 4 chữ số, ví dụ {_example_year(movement)}"
    if year not in movement.years:
        return None, f"năm {year} nằm ngoài giai đoạn {movement.period.text}"
    return year, None


def _text(text: str) -> Parsed:
    return text, None


def cmd_new(args: argparse.Namespace) -> int:
    project = Project(args)
    project.require_records(folder_may_be_new=True)
    try:
        movement = project.movement()
        examples = read_examples(project.data_dir)
    except MovementInvalid as e:
        _out(e.report())
        return PROBLEMS
    except ExamplesInvalid as e:
        _out(str(e))
        return PROBLEMS
    if args.year is not None:
        try:
            int(args.year)
        except ValueError:  # worded as argparse's own errors, with a year of this movement as the example
            with argparse_vietnamese.vietnamese():
                args.parser.error(f"tham số --year: năm '{args.year}' không hợp lệ; hãy ghi 4 chữ số, ví dụ {_example_year(movement)}")
    sheet = Sheet(movement)
    pillar_word = movement.pillar_label.lower()
    interactive = sys.stdin.isatty()
    missing: list[str] = []

    def answer(flag: str, given: str | None, label: str, parse, empty: str | None, choices_text: str = ""):
        """A value from its option, else asked on the terminal until it is right.

        ``empty`` says why an empty answer is refused; None means it may be left empty."""
        if given:
            value, problem = parse(given)
            if problem:
                raise UsageError(problem)
            return value
        if not interactive:
            if empty is not None:
                missing.append(flag)
            return None
        while True:  # one wrong answer is asked again, never the whole form
            text = _ask(label, choices_text)
            if not text and empty is None:
                return None
            value, problem = parse(text) if text else (None, empty)
            if not problem:
                return value
            _out(f"{problem[0].upper()}{problem[1:]}. Xin ghi lại.")

    kind = answer("--kind", args.kind, "Loại / kind", partial(_kind, sheet), "loại không được để trống", sheet.choices("kind"))
    groups = ", ".join(k.label.lower() for k in movement.kinds if not k.person)
    asked = " hoặc ".join(filter(None, [f"tên {groups}" if groups else "", "họ và tên" if any(k.person for k in movement.kinds) else ""]))
    name = answer("--name", args.name, f"{asked[:1].upper()}{asked[1:]} / name", _text if args.id else _name,
                  "tên không được để trống")
    position = unit = parent_body = None
    if kind is not None and kind.person:
        who = kind.label.lower()
        position = answer("--position", args.position, "Chức vụ / position", _text, f"chức vụ của {who} không được để trống")
        unit = answer("--unit", args.unit, "Đơn vị công tác / unit", _text, f"đơn vị công tác của {who} không được để trống")
    elif kind is not None:
        parent_body = answer("--parent-body", args.parent_body, "Cơ quan chủ quản / parent body (có thể để trống)", _text, None)
    locality = answer("--locality", args.locality, "Địa bàn / locality", partial(_locality, sheet), "địa bàn không được để trống",
                      sheet.choices("locality"))
    pillars = answer("--pillar", ";".join(args.pillar or []), f"{movement.pillar_label} / pillars", partial(_pillars, sheet),
                     f"{pillar_word} không được để trống", sheet.choices("pillars"))
    year = answer("--year", args.year, f"Năm công nhận / year ({movement.period.text})",
                  partial(_year, movement), f"năm công nhận không được để trống; hãy ghi 4 chữ số, ví dụ {_example_year(movement)}")
    if missing:
        raise UsageError(
            "thiếu " + ", ".join(missing) + " (không có bàn phím để hỏi) / missing " + ", ".join(missing) + " (stdin is not a terminal)"
        )

    from honour_roll.editors.skeleton import skeleton_text

    record_id = args.id or slugify(name or "")
    if not record_id:
        raise UsageError("không tạo được tên tệp từ tên này; hãy dùng --id ten-khong-dau")
    target = project.data_dir / "honorees" / f"{record_id}.yml"
    text = skeleton_text(movement, kind, name, locality, pillars, year, Status(args.status), position, unit, parent_body, examples)
    problems = check_text(text, record_id, project.shown(target), project.data_dir, movement)
    if problems:
        for p in problems:
            _out(str(p))
        return PROBLEMS
    try:
        write_atomically(target, text, overwrite=False)
    except FileExistsError:
        _out(f"{project.shown(target)}: đã có tệp này; lệnh new không bao giờ ghi đè. Hãy mở tệp để sửa, hoặc dùng --id khác.")
        return PROBLEMS
    _out(f"Đã tạo {project.shown(target)} (trạng thái: {Status(args.status).label}).")
    _out("Mở tệp để điền tóm tắt, câu chuyện và các mục khác, rồi chạy: honour-roll validate " + project.shown(target))
    return OK


# --- import -------------------------------------------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    from honour_roll.editors.importer import SheetUnreadable, plan_import, write_planned

    project = Project(args)
    project.require_records(folder_may_be_new=True)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"không tìm thấy {args.file} / {args.file} not found")
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".csv"):
        raise UsageError(f"{path.name}: chỉ nhập được tệp .xlsx hoặc .csv / only .xlsx or .csv")
    progress = Progress("Đang đọc dòng", sys.stderr)
    try:
        result = plan_import(path, project.data_dir, project.root, force=args.force, sheet=args.sheet, progress=progress)
    except SheetUnreadable as e:
        progress.close()
        _out(str(e))
        return PROBLEMS
    except MovementInvalid as e:
        progress.close()
        _out(e.report())
        return PROBLEMS
    except ExamplesInvalid as e:
        progress.close()
        _out(str(e))
        return PROBLEMS
    progress.close()
    for note in result.notes:
        _out(note)
    for problem in result.problems:
        _out(problem)
    if result.no_rows:
        _out(result.no_rows)
        return PROBLEMS  # nothing was imported: a script running import then build must not carry on
    if result.problems and not args.skip_invalid:
        _out(
            f"Không tạo hồ sơ nào: {len(result.failed_rows)} trong {result.rows} dòng đề cử có lỗi. "
            "Hãy sửa bảng rồi chạy lại (hoặc thêm --skip-invalid để chỉ nhập các dòng không có lỗi)."
        )
        return PROBLEMS
    if args.dry_run:
        _out(f"Chạy thử: {len(result.planned)} dòng hợp lệ sẽ thành hồ sơ; chưa ghi tệp nào.")
        return PROBLEMS if result.problems else OK
    write_planned(result, Progress("Đang ghi hồ sơ", sys.stderr))
    for planned in result.written:
        _out(f"{project.shown(planned.path)}{' (ghi đè)' if planned.overwrite else ''}")
    _out(f"Đã tạo {len(result.written)} hồ sơ với trạng thái '{Status.NOMINATED.id}' ({Status.NOMINATED.label}).")
    if result.problems:
        _out(f"Bỏ qua {len(result.failed_rows)} dòng có lỗi (dòng {', '.join(map(str, result.failed_rows))}); sửa bảng rồi nhập lại các dòng đó.")
        return PROBLEMS
    return OK


# --- export and report --------------------------------------------------------------------------

def _load(project: Project) -> Roll | None:
    files = record_files(project.data_dir)
    progress = Progress("Đang đọc hồ sơ", sys.stderr)
    try:
        if files:
            roll = load_roll(project.data_dir, project.root, paths=CountingList(files, progress))
        else:
            roll = load_roll(project.data_dir, project.root)  # its own message when the folder is missing
    except RecordsInvalid as e:
        _out(e.report())
        return None
    for w in publication_warnings(roll.honorees):
        _err(f"Cảnh báo: {w}")
    return roll


def _write_output(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(target)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as e:
        raise UsageError(f"không ghi được tệp {target}: {os_reason(e)}; hãy kiểm tra thư mục và quyền ghi / cannot write {target}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from honour_roll.editors.exporter import NOT_RECOGNISED, export_rows, to_csv, to_xlsx

    project = Project(args)
    project.require_records()
    fmt = args.format or (Path(args.output).suffix.lstrip(".").lower() if args.output and args.output != "-" else "csv")
    if fmt not in ("csv", "xlsx"):
        raise UsageError(f"định dạng '{fmt}' không hỗ trợ; dùng --format csv hoặc xlsx")
    if fmt == "xlsx" and args.output == "-":
        raise UsageError("tệp XLSX không in ra màn hình được; hãy dùng -o ten-tep.xlsx")
    roll = _load(project)
    if roll is None:
        return PROBLEMS
    rows = export_rows(roll.honorees, include_all=args.all)
    data = to_csv(rows, roll.movement) if fmt == "csv" else to_xlsx(rows, roll.movement)
    target = args.output or f"guong-dien-hinh.{fmt}"
    _write_output(target, data)
    others = sum(1 for h in rows if not h.is_published)
    note = f" và {others} hồ sơ chưa được công nhận (đánh dấu '{NOT_RECOGNISED}')" if others else ""
    if target != "-":
        _out(f"Đã xuất {len(rows) - others} hồ sơ đã được công nhận{note} vào {target}.")
    return OK


def cmd_report(args: argparse.Namespace) -> int:
    from honour_roll.editors.report import build_report, render_markdown, render_text, title

    project = Project(args)
    project.require_records()
    roll = _load(project)
    if roll is None:
        return PROBLEMS
    sections = build_report(roll)
    text = render_markdown(sections, title(roll)) if args.format == "markdown" else render_text(sections, title(roll))
    if args.output and args.output != "-":
        _write_output(args.output, text.encode("utf-8"))
        _out(f"Đã ghi báo cáo vào {args.output}.")
    else:
        sys.stdout.write(text)
    return OK


# --- template -----------------------------------------------------------------------------------

def cmd_template(args: argparse.Namespace) -> int:
    from honour_roll.editors.nomination_template import write_templates

    project = Project(args)
    if not (project.root / "mkdocs.yml").is_file():
        project.require_records()  # its directions for a folder that is not a project
    try:
        written = write_templates(project.root, project.data_dir)
    except MovementInvalid as e:
        _out(e.report())
        return PROBLEMS
    except ExamplesInvalid as e:
        _out(str(e))
        return PROBLEMS
    for path in written:
        _out(f"Đã tạo {project.shown(path)}")
    return OK


# --- init ---------------------------------------------------------------------------------------

# The project's own files a deployment needs beside its data: the hook module (it only calls the
# installed honour_roll package), the theme overrides and the site's assets (styles, scripts,
# self-hosted fonts). Copied, so that a deployment is a folder of its own that an adopter can
# move, put under version control and restyle.
_COPIED = ("hooks/mkdocs_hooks.py", "overrides", "docs/assets")
_INIT_TEMPLATES = Path(__file__).parent.parent / "templates" / "init"
_PROJECT_SOURCE = Path(__file__).resolve().parent.parent.parent


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar that keeps Vietnamese readable."""
    return json.dumps(value, ensure_ascii=False)


def cmd_init(args: argparse.Namespace) -> int:
    import shutil

    import jinja2

    from honour_roll.record.movement import load_movement
    from honour_roll.editors.nomination_template import write_templates
    from honour_roll.record.schema import SCHEMA_PATH, schema_text

    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{args.dir} đã có tệp; lệnh init chỉ ghi vào thư mục mới hoặc trống, không bao giờ ghi đè / "
                         f"{args.dir} is not empty")
    if not args.first_year <= args.last_year:
        raise UsageError(f"năm cuối {args.last_year} trước năm đầu {args.first_year} / last year before first year")
    missing = [name for name in _COPIED if not (_PROJECT_SOURCE / name).exists()]
    if missing:
        _out(f"không tìm thấy {', '.join(missing)} của dự án honour-roll ở {_PROJECT_SOURCE}; "
             "hãy cài honour-roll từ mã nguồn (pip install -e <thư-mục-honour-roll>)")
        return PROBLEMS
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_INIT_TEMPLATES), keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["yaml"] = _yaml_text
    values = {
        "title": _yaml_text(args.title), "short_name": _yaml_text(args.short_name), "scope": _yaml_text(args.scope),
        "place": _yaml_text(args.place or args.scope), "first_year": args.first_year, "last_year": args.last_year,
        "guidance_file": "guidance/huong-dan.txt",
        "attribution": _yaml_text(f"Gương điển hình {args.short_name} — [THAY: tên cơ quan]"),
        "example_year": max(args.first_year, args.last_year - 1),
    }  # fmt: skip
    data = target / "data"
    (data / "guidance").mkdir(parents=True)
    (data / "honorees").mkdir()
    (data / "movement.yml").write_text(env.get_template("movement.yml.j2").render(values), encoding="utf-8")
    try:
        movement = load_movement(data / "movement.yml", "data/movement.yml")
    except MovementInvalid as e:  # an option's value the movement file refuses, e.g. '<' in the title
        _out(e.report())
        shutil.rmtree(data)  # the folder is left as it was: new or empty
        return PROBLEMS
    plain = {**values, "title": movement.title, "short_name": movement.short_name, "scope": movement.scope}
    (data / "guidance" / "huong-dan.txt").write_text(env.get_template("huong-dan.txt.j2").render(plain), encoding="utf-8")
    (data / "honorees" / "vi-du.yml").write_text(env.get_template("vi-du.yml.j2").render(plain), encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        env.get_template("mkdocs.yml.j2").render(plain, kinds=movement.kinds, pillars=movement.pillars), encoding="utf-8"
    )
    schema = target / SCHEMA_PATH  # the editors' YAML tooling and the open-data page link to it
    schema.parent.mkdir(parents=True)
    schema.write_text(schema_text(movement), encoding="utf-8")
    (data / "templates").mkdir()
    (data / "templates" / "vi-du-de-cu.yml").write_text(env.get_template("vi-du-de-cu.yml.j2").render(plain), encoding="utf-8")
    write_templates(target, data)  # the nomination sheet units fill in, for this movement
    for name in _COPIED:
        source, copy = _PROJECT_SOURCE / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, copy)
    _out(f"Đã tạo dự án mới ở {args.dir}: mkdocs.yml, data/movement.yml, data/guidance/huong-dan.txt, "
         "data/honorees/vi-du.yml (hồ sơ mẫu), data/templates/ (bảng đề cử), docs/du-lieu-mo/honoree.schema.json, "
         "hooks/, overrides/, docs/assets/.")
    _out("Thay các chỗ ghi [THAY: ...] trong data/movement.yml và data/guidance/huong-dan.txt, rồi chạy:")
    _out(f"  honour-roll validate -C {args.dir}")
    _out(f"  cd {args.dir} && mkdocs build --strict")
    return OK


# --- the parser ---------------------------------------------------------------------------------

# A new deployment's default period: the five years after the bundled movement's.
INIT_FIRST_YEAR, INIT_LAST_YEAR = 2026, 2030


def _year_argument(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"năm '{text}' không hợp lệ; hãy ghi 4 chữ số, ví dụ {INIT_FIRST_YEAR}") from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-C", "--project", metavar="THƯ_MỤC",
        help="thư mục dự án (có mkdocs.yml); mặc định: tìm từ thư mục hiện tại / project folder (with mkdocs.yml); default: found from the current folder",
    )
    common.add_argument(
        "--data", metavar="THƯ_MỤC",
        help="thư mục dữ liệu (chứa honorees/); mặc định theo mkdocs.yml / data folder (holding honorees/); default from mkdocs.yml",
    )

    parser = argparse.ArgumentParser(
        prog="honour-roll",
        description="Công cụ biên tập bảng vàng gương điển hình / Editors' tool for the honour roll. "
        "Mã thoát: 0 không lỗi, 1 có lỗi, 2 sai cách dùng / exit status: 0 clean, 1 problems, 2 usage error.",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", required=True)

    p = sub.add_parser(
        "new", parents=[common],
        help="tạo hồ sơ mới (bản nháp) / create a new record (draft)",
        description="Tạo tệp hồ sơ mới hợp lệ để điền tiếp; hỏi các thông tin còn thiếu khi chạy trong cửa sổ lệnh; "
        "không bao giờ ghi đè / Writes a valid record skeleton; asks for missing values on a terminal; never overwrites.",
    )
    p.add_argument("--kind", metavar="LOẠI", help="loại, tên hoặc mã như trong tệp phong trào (data/movement.yml) / kind, label or id from the movement file")
    p.add_argument("--name", metavar="TÊN", help="tên, hoặc họ và tên của người / name")
    p.add_argument("--position", metavar="CHỨC_VỤ", help="chức vụ (loại là người) / position (kinds of people)")
    p.add_argument("--unit", metavar="ĐƠN_VỊ", help="đơn vị công tác (loại là người) / unit (kinds of people)")
    p.add_argument("--parent-body", metavar="CƠ_QUAN", help="cơ quan chủ quản (các loại khác) / parent body (other kinds)")
    p.add_argument("--locality", metavar="ĐỊA_BÀN", help="địa bàn, tên hoặc mã như trong tệp phong trào / locality, label or id")
    p.add_argument("--pillar", metavar="TRỤ_CỘT", action="append",
                   help="trụ cột (lĩnh vực) của phong trào, lặp lại được; tên hoặc mã / pillar (repeatable), label or id")
    p.add_argument("--year", metavar="NĂM", help="năm công nhận, trong giai đoạn của phong trào / year, within the movement's period")
    p.add_argument("--status", choices=[Status.DRAFT.id, Status.NOMINATED.id], default=Status.DRAFT.id,
                   help="trạng thái, mặc định draft / status, default draft")
    p.add_argument("--id", metavar="TÊN_TỆP", help="tên tệp (không dấu), mặc định tạo từ tên / file stem, default from the name")
    p.set_defaults(run=cmd_new, parser=p)

    p = sub.add_parser(
        "validate", parents=[common],
        help="kiểm tra hồ sơ như khi tạo trang / check records exactly as the build does",
        description="Kiểm tra hồ sơ bằng đúng bộ kiểm tra của bản dựng, báo mọi lỗi cùng lúc / "
        "Checks records with the build's own validator and reports every problem at once.",
    )
    p.add_argument("paths", nargs="*", metavar="TỆP", help="tệp hoặc thư mục; mặc định mọi hồ sơ / files or folders; default all records")
    p.add_argument("--format", choices=["text", "json"], default="text", help="định dạng kết quả / output format")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser(
        "import", parents=[common],
        help="nhập bảng đề cử .xlsx/.csv thành hồ sơ / import a nomination spreadsheet",
        description="Mỗi dòng của bảng đề cử (mẫu data/templates/mau-de-cu.xlsx) thành một hồ sơ trạng thái nominated. "
        "Có lỗi thì không ghi tệp nào / Each row becomes a 'nominated' record; on any problem nothing is written.",
    )
    p.add_argument("file", metavar="TỆP", help="tệp .xlsx hoặc .csv / an .xlsx or .csv file")
    p.add_argument("--force", action="store_true", help="ghi đè hồ sơ đã có của cùng đối tượng / overwrite existing records of the same honoree")
    p.add_argument("--sheet", metavar="TRANG_TÍNH", help="tên trang tính, mặc định 'Danh sách' / sheet name")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi tệp / check only, write nothing")
    p.add_argument("--skip-invalid", action="store_true", help="vẫn nhập các dòng không lỗi / write the rows without problems")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser(
        "export", parents=[common],
        help="xuất danh sách ra CSV/XLSX / export the records as CSV or XLSX",
        description="Xuất hồ sơ đã được công nhận (như trên trang web) ra bảng tính; không bao giờ xuất ghi chú nội bộ / "
        "Exports recognised records; editor_notes are never exported.",
    )
    p.add_argument("--format", choices=["csv", "xlsx"], help="định dạng, mặc định theo đuôi tệp hoặc csv / format")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp kết quả ('-' là màn hình), mặc định guong-dien-hinh.csv / output file ('-' for stdout)")
    p.add_argument("--all", action="store_true", help="gồm cả hồ sơ nháp, đề cử (đánh dấu rõ) / include drafts and nominations, marked")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser(
        "report", parents=[common],
        help="báo cáo số liệu, chỉ tiêu và việc còn thiếu / counts, quota and gaps",
        description="Số gương điển hình theo trụ cột × loại × năm, tiến độ chỉ tiêu, hồ sơ chưa đạt tiêu chí sáng kiến, thiếu ảnh "
        "hoặc cách nhân rộng / Counts, quota progress, the initiative rule, missing photos or replication.",
    )
    p.add_argument("--format", choices=["text", "markdown"], default="text", help="bảng chữ hoặc Markdown / text table or Markdown")
    p.add_argument("-o", "--output", metavar="TỆP", help="ghi ra tệp thay vì màn hình / write to a file")
    p.set_defaults(run=cmd_report)

    p = sub.add_parser(
        "template", parents=[common],
        help="tạo lại bảng đề cử theo tệp phong trào / regenerate the nomination spreadsheet",
        description="Ghi data/templates/mau-de-cu.xlsx và .csv từ tệp phong trào và các ví dụ trong data/templates/vi-du-de-cu.yml; "
        "chạy lại cho cùng nội dung không đổi một byte nào / Writes the nomination template from the movement; byte-identical when unchanged.",
    )
    p.set_defaults(run=cmd_template)

    p = sub.add_parser(
        "init",
        help="tạo dự án bảng vàng mới cho một phong trào / start a honour roll for a movement of your own",
        description="Ghi vào THƯ_MỤC (mới hoặc trống) một dự án dựng được ngay bằng mkdocs build --strict: mkdocs.yml, "
        "tệp phong trào data/movement.yml với các chỗ [THAY: ...] cần điền, Hướng dẫn mẫu, một hồ sơ mẫu / Writes a new "
        "deployment that builds at once: mkdocs.yml, a movement file with [THAY: ...] placeholders, a guidance, an example record.",
    )
    p.add_argument("dir", metavar="THƯ_MỤC", help="thư mục của dự án mới / the new project's folder")
    p.add_argument("--title", default="[THAY: Tên phong trào thi đua]", help="tên phong trào / the movement's title")
    p.add_argument("--short-name", default="[THAY: tên ngắn]", help="tên ngắn của phong trào / its short name")
    p.add_argument("--scope", default="[THAY: tỉnh, bộ, ngành...]", help="địa bàn phong trào, ví dụ 'tỉnh ...' / where it runs")
    p.add_argument("--place", help="tên địa bàn không kèm cấp; mặc định như --scope / the place without its level")
    p.add_argument("--first-year", type=_year_argument, default=INIT_FIRST_YEAR, metavar="NĂM",
                   help=f"năm đầu, mặc định {INIT_FIRST_YEAR} / first year")
    p.add_argument("--last-year", type=_year_argument, default=INIT_LAST_YEAR, metavar="NĂM",
                   help=f"năm cuối, mặc định {INIT_LAST_YEAR} / last year")
    p.set_defaults(run=cmd_init, project=None, data=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    with argparse_vietnamese.vietnamese():  # argparse's own words ("usage:", "options"...) too
        parser = build_parser()
        args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as e:
        parser.exit(USAGE, f"honour-roll {args.command}: lỗi: {e}\n")  # worded as argparse's own errors
    except (KeyboardInterrupt, EOFError):  # Ctrl+C, or Ctrl+D at a question of `new`
        _err("\nĐã dừng; chưa ghi tệp nào.")
        return 130
    except OSError as e:  # a folder that is a file, no permission, a full disk: said, not a traceback
        where = f" {e.filename}" if e.filename else ""
        _err(f"honour-roll {args.command}: lỗi: không đọc hoặc ghi được{where}: {os_reason(e)}; "
             "hãy kiểm tra đường dẫn, quyền ghi và chỗ trống trên đĩa")
        return PROBLEMS
    return OK  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
