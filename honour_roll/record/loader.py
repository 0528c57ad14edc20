"""Load every record of a data folder: all of them valid, or every problem at once."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from honour_roll.record.model import Honoree
from honour_roll.record.movement import MOVEMENT_FILE, Movement, load_movement
from honour_roll.record.rebuild_memo import Memo
from honour_roll.record.problems import Problem, RecordsInvalid
from honour_roll.record.validation import name_key, validate_source
from honour_roll.record.yaml_source import read_source

RECORD_SUFFIXES = (".yml", ".yaml")
# Names the site gives its own pages in the honorees' folder: never a record's id or old id.
RESERVED_IDS = frozenset({"index"})


@dataclass(frozen=True)
class Roll:
    """Every record of one movement, and the published ones (recognised) in display order."""

    honorees: tuple[Honoree, ...]
    movement: Movement

    @cached_property
    def published(self) -> tuple[Honoree, ...]:
        return tuple(sorted((h for h in self.honorees if h.is_published), key=lambda h: h.sort_key))

    @cached_property
    def by_id(self) -> dict[str, Honoree]:
        return {h.id: h for h in self.published}


def record_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "honorees"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in RECORD_SUFFIXES and not p.name.startswith("."))


def display_path(path: Path, project_root: Path) -> str:
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def movement_of(data_dir: Path, project_root: Path) -> Movement:
    """The movement of a data folder, from its movement file; MovementInvalid (a
    RecordsInvalid) with every problem of that file."""
    path = data_dir / MOVEMENT_FILE
    return load_movement(path, display_path(path, project_root))


def load_roll(
    data_dir: Path, project_root: Path, paths: list[Path] | None = None, memo: Memo | None = None, movement: Movement | None = None,
    spread: Callable[[Callable, list, Movement], Iterable] | None = None,
) -> Roll:
    """Read and validate records against their movement (by default the data
    folder's movement file); raise RecordsInvalid listing every problem.

    With a ``memo`` (the preview), a record whose bytes, path and photo files
    are as in an earlier rebuild is not read and validated again. ``spread``:
    a ``map(job, items)`` that may run in other processes, results in order,
    objects of the movement given back as they are (the site's worker pool): a
    first build of 10,000 records reads them on every core.
    """
    movement = movement or movement_of(data_dir, project_root)
    problems: list[Problem] = []
    honorees: list[Honoree] = []
    files = record_files(data_dir) if paths is None else paths
    folder = data_dir / "honorees"
    if paths is None and not folder.is_dir():
        raise RecordsInvalid([Problem(display_path(folder, project_root), 0, "", "không tìm thấy thư mục hồ sơ")])
    lines: dict[str, dict[str, int]] = {}
    # Resolving every record's path costs a millisecond per 3 records: resolve the folder once.
    shown_folder = display_path(folder, project_root)
    items = [
        (f"{shown_folder}/{path.name}" if path.parent == folder and not path.is_symlink() else display_path(path, project_root), path.read_bytes(), path.stem)
        for path in files
    ]
    if memo is None:
        job = functools.partial(_read_item, data_dir=data_dir, movement=movement)
        results = list(spread(job, items, movement) if spread is not None else map(job, items))
    else:
        # What every record's validation reads besides the record: one handle per round.
        context = memo.constant((str(data_dir), _photo_state(data_dir), movement)) if items else None
        results = [
            memo.get(("record", shown, raw, stem, context), functools.partial(_read_record, shown, raw, stem, data_dir, movement))
            for shown, raw, stem in items
        ]
    for (shown, _raw, _stem), (read, found, honoree) in zip(items, results):
        problems += found
        if read is not None:
            lines[shown] = read
        if honoree is not None:
            honorees.append(honoree)
    problems += _cross_record_problems(honorees, lines)
    if problems:
        raise RecordsInvalid(problems)
    return Roll(tuple(sorted(honorees, key=lambda h: h.id)), movement)


def _read_item(item: tuple[str, bytes, str], data_dir: Path, movement: Movement):
    return _read_record(*item, data_dir, movement)


def _read_record(
    shown: str, raw: bytes, stem: str, data_dir: Path, movement: Movement
) -> tuple[dict[str, int] | None, tuple[Problem, ...], Honoree | None]:
    """(field lines if the YAML was read cleanly, problems, the honoree if valid)."""
    source, found = read_source(shown, raw)
    if source is None or found:
        return None, tuple(found), None
    honoree, found = validate_source(source, stem, data_dir, movement)
    return source.lines, tuple(found), honoree


def _photo_state(data_dir: Path) -> tuple:
    """Name, size and time of every file in data/ but the records: what a record's
    validation reads besides the record (its photos must exist)."""
    state = []
    records = str(data_dir / "honorees")
    for folder, _dirs, names in os.walk(data_dir):
        for name in names:
            if folder == records and name.lower().endswith(RECORD_SUFFIXES) or name == MOVEMENT_FILE:
                continue  # the records themselves are keyed by their bytes
            st = os.stat(os.path.join(folder, name))
            state.append((os.path.join(folder, name), st.st_size, st.st_mtime_ns))
    return tuple(sorted(state))


def _cross_record_problems(honorees: list[Honoree], lines: dict[str, dict[str, int]]) -> list[Problem]:
    """Rules across records: one record per honoree, one owner per URL, one photo per published name."""
    problems = []
    for h in sorted(honorees, key=lambda h: h.source):
        if h.id in RESERVED_IDS:
            problems.append(Problem(h.source, 1, "", f"tên tệp '{h.id}.yml' trùng với địa chỉ trang chung của các gương điển hình; hãy đặt tên khác"))
    # Photos are published under their path below photos/ (photos/x.png and x.png are both anh/x.png).
    published_as: dict[str, tuple[str, str]] = {}
    for h in sorted(honorees, key=lambda h: h.source):
        for i, photo in enumerate(h.photos, start=1):
            name = photo.file.relative_to("photos").as_posix() if photo.file.parts[0] == "photos" else photo.file.as_posix()
            first = published_as.setdefault(name, (photo.file.as_posix(), h.source))
            if first[0] != photo.file.as_posix():
                problems.append(Problem(h.source, lines[h.source].get(f"photos[{i}].file", 1), f"photos[{i}].file",
                                        f"ảnh '{photo.file}' sẽ được đăng cùng tên với ảnh '{first[0]}' của hồ sơ {first[1]}; hãy đổi tên một trong hai tệp"))
    by_name: dict[str, Honoree] = {}
    for h in sorted(honorees, key=lambda h: h.source):
        first = by_name.setdefault(name_key(h.name), h)
        if first is not h:
            problems.append(
                Problem(
                    h.source,
                    lines[h.source].get("name", 1),
                    "name",
                    f"trùng tên với hồ sơ {first.source}; mỗi gương điển hình chỉ có một hồ sơ "
                    "(nếu là hai đối tượng khác nhau, hãy ghi rõ tên đơn vị để phân biệt)",
                )
            )
    owners = {h.id: h for h in honorees}
    for h in sorted(honorees, key=lambda h: h.source):
        for i, alias in enumerate(h.aliases, start=1):
            if alias == h.id or alias in RESERVED_IDS:
                # The server would send the page to itself, or the whole section to one honoree.
                problems.append(Problem(h.source, lines[h.source].get(f"aliases[{i}]", 1), f"aliases[{i}]",
                                        f"'{alias}' không dùng được làm mã cũ: đó là mã hiện tại của hồ sơ hoặc địa chỉ của trang chung; hãy xóa"))
                continue
            owner = owners.setdefault(alias, h)
            if owner is not h:
                problems.append(
                    Problem(
                        h.source,
                        lines[h.source].get(f"aliases[{i}]", 1),
                        f"aliases[{i}]",
                        f"mã cũ '{alias}' đang là mã của hồ sơ {owner.source}; hai hồ sơ không thể dùng chung một địa chỉ",
                    )
                )
    return problems
