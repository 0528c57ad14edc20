"""Open data: every recognised record as JSON and CSV, for reuse by other
bodies. Only public fields: never editor notes, never unpublished records."""

from __future__ import annotations

import csv
import io
import json

from honour_roll.site.generated import Generated
from honour_roll.record.loader import Roll
from honour_roll.record.model import Honoree
from honour_roll.record.movement import Movement
from honour_roll.site.notice import TEXT as NOTICE
from honour_roll.site.sharing import canonical_url
from honour_roll.site.urls import DIRECTORY_URLS, OPEN_DATA_DIR, OPEN_DATA_SRC, Urls, absolute, en_honoree_src, photo_src

JSON_FILE = f"{OPEN_DATA_DIR}/guong-dien-hinh.json"
CSV_FILE = f"{OPEN_DATA_DIR}/guong-dien-hinh.csv"


def public_record(h: Honoree, site_url: str, urls: Urls = DIRECTORY_URLS) -> dict:
    r = h.recognition
    rep = h.replication
    return {
        "id": h.id,
        "url": canonical_url(site_url, h, urls),
        "kind": h.kind.id,
        "kind_label": h.kind.label,
        "name": h.name,
        "position": h.position,
        "unit": h.unit,
        "parent_body": h.parent_body,
        "locality": h.locality.id,
        "locality_label": h.locality.label,
        "pillars": [p.id for p in h.pillars],
        "pillar_labels": [p.label for p in h.pillars],
        "year": h.year,
        "recognition": {
            "decision": r.decision,
            "date": r.date.isoformat(),
            "issued_by": r.issued_by,
            "award": r.award.id,
            "award_label": r.award.label,
        }
        if r
        else None,
        "summary": h.summary,
        "story": h.story,
        "achievements": list(h.achievements),
        "initiatives": [
            {"title": i.title, "level": i.level.id, "level_label": i.level.label, "recognised_by": i.recognised_by, "year": i.year}
            for i in h.initiatives
        ],
        "criteria_met": [c.id for c in h.criteria_met],
        "replication": {
            "steps": list(rep.steps),
            "requirements": list(rep.requirements),
            "contact": {k: v for k, v in vars(rep.contact).items() if v} if rep.contact else None,
        }
        if rep
        else None,
        "photos": [{"url": absolute(site_url, photo_src(p)), "alt": p.alt, "credit": p.credit} for p in h.photos],
        "links": [{"title": link.title, "url": link.url} for link in h.links],
        "aliases": list(h.aliases),
        # The record's English text, written by people (its page under /en/), or null.
        "en": {
            "url": urls.absolute(site_url, en_honoree_src(h)),
            **{k: v for k, v in (("name", h.en.name), ("position", h.en.position), ("unit", h.en.unit), ("parent_body", h.en.parent_body)) if v},
            "summary": h.en.summary,
            "story": h.en.story,
            "achievements": list(h.en.achievements),
            "replication": {"steps": list(h.en.steps), "requirements": list(h.en.requirements)} if h.en.steps else None,
        }
        if h.en is not None
        else None,
    }


CSV_COLUMNS = (
    "id", "url", "kind", "kind_label", "name", "position", "unit", "parent_body", "locality", "locality_label",
    "pillars", "year", "decision", "decision_date", "issued_by", "award", "summary", "achievements",
    "initiatives", "criteria_met", "replication_steps", "replication_requirements", "contact_organisation",
    "contact_website", "links", "url_en", "name_en", "summary_en",
)


def csv_row(rec: dict) -> dict:
    r = rec["recognition"] or {}
    rep = rec["replication"] or {}
    contact = rep.get("contact") or {}
    join = " | ".join
    return {
        **{k: rec[k] for k in ("id", "url", "kind", "kind_label", "name", "position", "unit", "parent_body", "locality", "locality_label", "year", "summary")},
        "pillars": join(rec["pillar_labels"]),
        "decision": r.get("decision"),
        "decision_date": r.get("date"),
        "issued_by": r.get("issued_by"),
        "award": r.get("award_label"),
        "achievements": join(rec["achievements"]),
        "initiatives": join(f"{i['title']} ({i['level_label']}, {i['year']})" for i in rec["initiatives"]),
        "criteria_met": join(rec["criteria_met"]),
        "replication_steps": join(rep.get("steps", [])),
        "replication_requirements": join(rep.get("requirements", [])),
        "contact_organisation": contact.get("organisation"),
        "contact_website": contact.get("website"),
        "links": join(f"{link['title']} <{link['url']}>" for link in rec["links"]),
        **({"url_en": rec["en"]["url"], "name_en": rec["en"]["name"], "summary_en": rec["en"]["summary"]} if rec["en"] else {"url_en": None, "name_en": None, "summary_en": None}),
    }


def open_data_files(roll: Roll, site_url: str, urls: Urls = DIRECTORY_URLS, illustrative: bool = False) -> list[Generated]:
    """``illustrative``: sample records. The JSON then says so in its header
    (``illustrative_data``, ``notice``) and in every record; the CSV has a first
    column ``notice`` carrying the notice on every row, so that a row copied
    alone still says it, and no tool reading the CSV trips on a comment line."""
    records = [public_record(h, site_url, urls) for h in roll.published]
    licence = roll.movement.open_data
    header: dict = {"licence": licence.licence, "licence_url": licence.licence_url}
    if illustrative:
        header = {"illustrative_data": True, "notice": NOTICE, **header}
        records = [{"illustrative_data": True, **rec} for rec in records]
    body = json.dumps({**header, "count": len(records), "honorees": records}, ensure_ascii=False, indent=1)
    out = io.StringIO()
    # A BOM and CRLF: what Excel needs to open UTF-8 Vietnamese correctly.
    out.write("\ufeff")
    columns = ("notice", *CSV_COLUMNS) if illustrative else CSV_COLUMNS
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({"notice": NOTICE, **csv_row(rec)} if illustrative else csv_row(rec))
    return [Generated(JSON_FILE, content=body + "\n"), Generated(CSV_FILE, content=out.getvalue().encode("utf-8"))]


def field_descriptions(m: Movement) -> tuple[tuple[str, str], ...]:
    """What each field of the open data means, in the movement's words."""
    people = ", ".join(k.label.lower() for k in m.kinds if k.person) or "cá nhân"
    others = ", ".join(k.label.lower() for k in m.kinds if not k.person) or "tập thể"
    return (
        ("kind, kind_label", "Loại: " + ", ".join(f"{k.id} ({k.label.lower()})" for k in m.kinds)),
        ("name", f"Tên {others} hoặc họ tên {people}"),
        ("position, unit", f"Chức vụ và đơn vị công tác ({people})"),
        ("parent_body", f"Cơ quan chủ quản ({others})"),
        ("locality, locality_label", m.locality_description),
        ("pillars, pillar_labels", f"{m.pillar_label}: " + ", ".join(p.label.lower() for p in m.pillars)),
    )


FIELD_DESCRIPTIONS = (
    ("id", "Mã hồ sơ, cũng là phần cuối địa chỉ trang"),
    ("url", "Địa chỉ trang của gương điển hình"),
    # here: field_descriptions(movement), in this order

    ("year", "Năm được công nhận"),
    ("recognition", "Quyết định: số (decision), ngày (date), cơ quan ban hành (issued_by), hình thức khen thưởng (award)"),
    ("summary", "Tóm tắt"),
    ("story", "Câu chuyện, định dạng Markdown"),
    ("achievements", "Thành tích nổi bật"),
    ("initiatives", "Sáng kiến được công nhận: tên, cấp (cơ sở, tỉnh, toàn quốc), cơ quan công nhận, năm"),
    ("criteria_met", "Các tiêu chí của Hướng dẫn (mục 3.1–3.3) mà gương điển hình đáp ứng; 3.3.a được tính từ các sáng kiến"),
    ("replication", "Cách nhân rộng: các bước, điều kiện cần chuẩn bị, đầu mối liên hệ (cơ quan, tổ chức)"),
    ("photos", "Ảnh: địa chỉ, mô tả, nguồn"),
    ("links", "Liên kết tham khảo"),
    ("aliases", "Các mã cũ của hồ sơ (địa chỉ cũ vẫn dẫn về trang mới)"),
    ("en", "Bản tiếng Anh do người viết (không dịch máy), nếu có: địa chỉ trang tiếng Anh (url), tên, tóm tắt, câu chuyện, thành tích, các bước nhân rộng; trong CSV: cột url_en, name_en, summary_en"),
)


def open_data_page(roll: Roll, illustrative: bool = False) -> Generated:
    from honour_roll.site.pages import make_environment

    content = make_environment().get_template("open-data.md.j2").render(
        src=OPEN_DATA_SRC, count=len(roll.published), fields=FIELD_DESCRIPTIONS[:2] + field_descriptions(roll.movement) + FIELD_DESCRIPTIONS[2:], licence=roll.movement.open_data.licence, licence_url=roll.movement.open_data.licence_url, movement=roll.movement,
        illustrative=illustrative, notice=NOTICE,
    )
    return Generated(OPEN_DATA_SRC, content=content)
