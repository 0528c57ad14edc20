"""Turn read YAML into typed records, reporting every problem at once."""

from __future__ import annotations

import unicodedata
from pathlib import Path, PurePosixPath

from honour_roll.record.english import HonoreeEnglish
from honour_roll.record.fields import INVALID, SLUG, Context, fold
from honour_roll.record.model import Contact, Honoree, Initiative, Link, Photo, Recognition, Replication
from honour_roll.record.movement import Criterion, Kind, Locality, Movement
from honour_roll.record.placeholders import placeholder_findings
from honour_roll.record.privacy import privacy_findings
from honour_roll.record.problems import Problem
from honour_roll.record.record_spec import record_spec
from honour_roll.record.story import story_problems
from honour_roll.record.vocabulary import Status
from honour_roll.record.yaml_source import Source

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def validate_source(source: Source, record_id: str, data_dir: Path, movement: Movement) -> tuple[Honoree | None, list[Problem]]:
    """Check one record against its movement; return the honoree when it has no problems."""
    ctx = Context(source)
    spec = record_spec(movement)
    if not SLUG.match(record_id):
        ctx.problem(
            "",
            f"tên tệp '{record_id}' chỉ được gồm chữ thường không dấu, số và dấu gạch nối "
            "(ví dụ nguyen-van-an.yml), vì tên tệp là địa chỉ trang",
        )
    values = spec.check(source.data, "", ctx)
    if values is INVALID:
        return None, ctx.problems
    kind = values.get("kind")
    # Required fields, and fields out of place for the record's kind, as record_spec.py states them.
    spec.check_presence(source.data, values, "", ctx)

    if kind is not None:
        raw_criteria = source.data.get("criteria")
        for i, raw in enumerate(raw_criteria if isinstance(raw_criteria, list) else [], start=1):
            criterion = movement.criterion(str(raw).strip())
            if criterion is not None:
                _check_criterion(criterion, kind, f"criteria[{i}]", ctx)

    locality, year = values.get("locality"), values.get("year")
    if locality is not None and year is not None and not locality.existed_in(year):
        hint = " hoặc ".join(f"'{loc.id}' ({loc.label})" for loc in _named_instead(locality, year, movement))
        note = f" ({locality.note})" if locality.note else ""
        ctx.problem(
            "locality",
            f"{locality.label} chỉ dùng cho hồ sơ {locality.years_text}{note}; "
            f"hồ sơ năm {year} hãy ghi tên đơn vị hành chính của năm đó" + (f", ví dụ {hint}" if hint else ""),
        )
    recognition = values.get("recognition")
    if recognition and year is not None and "date" in recognition and recognition["date"].year != year:
        ctx.problem(
            "recognition.date",
            f"ngày quyết định {recognition['date'].isoformat()} không thuộc năm được công nhận (year: {year})",
        )
    for i, ini in enumerate(values.get("initiatives", ()), start=1):
        if year is not None and ini.get("year") is not None and ini["year"] > year:
            ctx.problem(f"initiatives[{i}].year", f"sáng kiến năm {ini['year']} muộn hơn năm được công nhận ({year})")

    if "story" in values:
        for message in story_problems(values["story"]):
            ctx.problem("story", message)
    if "en" in values:
        _check_english(values, ctx)
    if values.get("status") is Status.RECOGNISED:  # the skeleton's placeholder text is never published
        for path, message in placeholder_findings(source.data):
            ctx.problem(path, message)
    # Decree 13/2023/NĐ-CP: no personal data in any field. A kind written
    # wrongly ("cá nhân") must not switch the guard off.
    guard_kind = kind or _kind_meant(source.data.get("kind"), movement)
    if guard_kind is not None:
        for finding in privacy_findings(source.data, guard_kind):
            ctx.problem(finding.path, finding.message)

    photos = _check_photos(values.get("photos", ()), kind, data_dir, ctx)

    if ctx.problems:
        return None, ctx.problems
    return _build(record_id, source, values, photos, movement), []


def _check_english(values: dict, ctx: Context) -> None:
    """The English text translates the Vietnamese: the same fields, the same lists."""
    en = values["en"]
    for key in ("position", "unit", "parent_body"):
        if key in en and key not in values:
            ctx.problem(f"en.{key}", f"hồ sơ không có trường {key} bằng tiếng Việt; bản tiếng Anh chỉ dịch các trường đã có, hãy xóa")
    if "story" in en:
        for message in story_problems(en["story"]):
            ctx.problem("en.story", message)
    _same_count(en.get("achievements"), values.get("achievements", ()), "en.achievements", "thành tích", ctx)
    _same_count(en.get("photos"), values.get("photos", ()), "en.photos", "ảnh", ctx)
    rep, en_rep = values.get("replication"), en.get("replication")
    if en_rep is not None and rep is None:
        ctx.problem("en.replication", "hồ sơ không có phần replication bằng tiếng Việt; hãy xóa phần này hoặc bổ sung bản tiếng Việt")
    elif en_rep is not None:
        _same_count(en_rep.get("steps"), rep.get("steps", ()), "en.replication.steps", "bước", ctx)
        _same_count(en_rep.get("requirements"), rep.get("requirements", ()), "en.replication.requirements", "điều kiện", ctx)


def _same_count(english, vietnamese, path: str, what: str, ctx: Context) -> None:
    if english is not None and len(english) != len(vietnamese):
        ctx.problem(path, f"có {len(english)} {what} nhưng bản tiếng Việt có {len(vietnamese)}; mỗi {what} cần đúng một bản tiếng Anh, cùng thứ tự")


def _named_instead(locality: Locality, year: int, movement: Movement) -> list[Locality]:
    """What a unit was called in a year it did not exist: what it became, or what it was formed from."""
    if year > locality.last_year:
        seen, current = set(), locality
        while current.became and current.id not in seen:  # follow merger after merger
            seen.add(current.id)
            current = movement.locality(current.became)
            if current.existed_in(year):
                return [current]
        return []
    return [loc for loc in movement.localities if loc.became == locality.id and loc.existed_in(year)]


def _kind_meant(raw, movement: Movement) -> Kind | None:
    """The kind an editor meant by a value that is not an id ("Cá nhân")."""
    text = fold(str(raw or "")).replace("-", " ").strip()
    for k in movement.kinds:
        if text in (k.id, fold(k.label)):
            return k
    return None


def _check_criterion(criterion: Criterion, kind: Kind, path: str, ctx: Context) -> None:
    if criterion.kind != kind:
        ctx.problem(
            path,
            f"tiêu chí {criterion.id} thuộc mục {criterion.kind.section} ({criterion.kind.label.lower()}); "
            f"{kind.label.lower()} chỉ dùng các tiêu chí mục {kind.section}",
        )
    elif criterion.computed:
        ctx.problem(path, f"tiêu chí {criterion.id} được tính tự động từ các sáng kiến (initiatives); hãy xóa khỏi criteria")


def _carries_location(path: Path) -> bool:
    """Whether a photo's metadata holds where it was taken (EXIF GPS): the site publishes the
    original file, so that place would be published with it."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            return bool(image.getexif().get_ifd(0x8825))  # the GPS IFD
    except Exception:  # unreadable: reported by _readable_image
        return False


def _readable_image(path: Path) -> bool:
    from PIL import Image  # here, not at the top: the editors' commands that never see a photo start faster

    try:
        with Image.open(path) as image:
            if image.format not in ("JPEG", "PNG", "WEBP") or not image.width or not image.height:
                return False
            image.verify()
        return True
    except Exception:  # Pillow's errors for a damaged file are of many kinds (OSError, SyntaxError, bombs...)
        return False


def _check_photos(photos, kind, data_dir: Path, ctx: Context) -> tuple[Photo, ...]:
    out = []
    root = data_dir.resolve()
    for i, photo in enumerate(photos, start=1):
        path = f"photos[{i}]"
        if "file" not in photo:
            continue
        rel = photo["file"].replace("\\", "/")
        target = (root / rel).resolve()
        if rel.startswith("/") or root not in target.parents:
            ctx.problem(f"{path}.file", f"đường dẫn '{rel}' ra ngoài thư mục data/; hãy đặt ảnh trong data/photos/")
            continue
        if not target.is_file():
            ctx.problem(f"{path}.file", f"không tìm thấy tệp ảnh '{rel}' trong thư mục data/")
            continue
        if target.suffix.lower() not in PHOTO_SUFFIXES:
            ctx.problem(f"{path}.file", f"tệp '{rel}' không phải ảnh JPG, PNG hoặc WebP")
            continue
        if not _readable_image(target):  # the build resizes it (honour_roll/site/pictures.py)
            ctx.problem(f"{path}.file", f"tệp '{rel}' không đọc được như ảnh JPG, PNG hoặc WebP (tệp hỏng hoặc sai định dạng); hãy lưu lại ảnh")
            continue
        if _carries_location(target):
            ctx.problem(
                f"{path}.file",
                f"ảnh '{rel}' còn mang vị trí GPS nơi chụp, sẽ bị đăng cùng ảnh; hãy lưu lại ảnh không kèm vị trí "
                "(tắt vị trí khi xuất ảnh, hoặc xóa thông tin vị trí trong phần mềm ảnh)",
            )
            continue
        if kind is not None and kind.person and photo.get("consent") is not True:
            ctx.problem(
                f"{path}.consent",
                "ảnh của cá nhân cần ghi nhận sự đồng ý của người trong ảnh (consent: true) trước khi đăng",
            )
            continue
        if "alt" in photo and "credit" in photo:
            out.append(Photo(PurePosixPath(target.relative_to(root).as_posix()), photo["alt"], photo["credit"], photo.get("consent", False)))
    return tuple(out)


def _build(record_id: str, source: Source, v: dict, photos: tuple[Photo, ...], movement: Movement) -> Honoree:
    rec = v.get("recognition")
    rep = v.get("replication")
    contact = rep.get("contact") if rep else None
    return Honoree(
        id=record_id,
        source=source.path,
        status=v["status"],
        kind=v["kind"],
        name=v["name"],
        locality=v["locality"],
        pillars=tuple(v["pillars"]),
        year=v["year"],
        summary=v["summary"],
        story=v["story"],
        recognition=Recognition(**rec) if rec else None,
        position=v.get("position"),
        unit=v.get("unit"),
        parent_body=v.get("parent_body"),
        achievements=tuple(v.get("achievements", ())),
        initiatives=tuple(Initiative(**i) for i in v.get("initiatives", ())),
        criteria=tuple(v.get("criteria", ())),
        replication=Replication(
            steps=tuple(rep["steps"]),
            requirements=tuple(rep.get("requirements", ())),
            contact=Contact(**contact) if contact else None,
        )
        if rep
        else None,
        photos=photos,
        links=tuple(Link(**link) for link in v.get("links", ())),
        aliases=tuple(v.get("aliases", ())),
        en=_english(v["en"]) if "en" in v else None,
        editor_notes=v.get("editor_notes"),
        lines=dict(source.lines),
        movement=movement,
    )


def _english(en: dict) -> HonoreeEnglish:
    rep = en.get("replication") or {}
    return HonoreeEnglish(
        name=en["name"], summary=en["summary"], story=en["story"], position=en.get("position"), unit=en.get("unit"),
        parent_body=en.get("parent_body"), achievements=tuple(en.get("achievements", ())), steps=tuple(rep.get("steps", ())),
        requirements=tuple(rep.get("requirements", ())),
        photos=tuple((p["alt"], p.get("credit")) for p in en.get("photos", ())),
    )


def name_key(name: str) -> str:
    """Names compared as people read them: case, spacing and Unicode form ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def publication_warnings(honorees) -> list[Problem]:
    """Rules that do not stop editors from saving a record but must hold
    before it is published: a recognised honoree meets the movement's initiative
    rule where it applies (criterion 3.3.a: individuals)."""
    out = []
    for h in honorees:
        rule = h.initiative_rule
        if h.is_published and rule is not None and not rule.met:
            out.append(
                Problem(
                    h.source,
                    h.lines.get("initiatives", h.lines.get("kind", 1)),
                    "initiatives",
                    f"{h.kind.label.lower()} đã được công nhận nhưng chưa đạt tiêu chí {h.movement.rule_criterion.id} của Hướng dẫn. {rule.reason}",
                )
            )
    return out
