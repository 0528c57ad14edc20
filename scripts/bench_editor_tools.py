#!/usr/bin/env python3
"""Figures for the editors' tool on a large roll: import of N spreadsheet
rows, then validate, export and report over the resulting records.

Prints timings; asserts nothing (speed targets live here, not in tests).

Usage: python scripts/bench_editor_tools.py [--rows 5000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from honour_roll.editors.cli import main  # noqa: E402
from honour_roll.editors.nomination import SHEET, columns  # noqa: E402
from honour_roll.record.loader import movement_of  # noqa: E402

COLUMNS = columns(movement_of(ROOT / "data", ROOT))  # the bundled movement's sheet

STORY = (
    "Năm 2022, tỷ lệ hồ sơ trực tuyến của đơn vị mới đạt 18%.\n"
    "Đơn vị lập tổ công nghệ số, tập huấn 2 buổi cho mỗi ấp và mở kênh Zalo OA.\n"
    "Đến năm 2024, hơn 9.000 người dân dùng dịch vụ công trực tuyến, tỷ lệ đạt 64%."
)
LOCALITIES = ["Vũng Tàu", "Bà Rịa", "Phú Mỹ", "Châu Đức", "Xuyên Mộc", "Côn Đảo"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Ngọc", "Hoàng", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hường", "Khôi", "Lan", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Yến"]


def make_sheet(path: Path, rows: int) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append([c.header for c in COLUMNS])
    index = {c.key: i for i, c in enumerate(COLUMNS)}
    for n in range(rows):
        row = [None] * len(COLUMNS)
        individual = n % 2 == 0
        name = f"{SURNAMES[n % 10]} {MIDDLE[n // 10 % 8]} {GIVEN[n // 80 % 15]} {n}" if individual else f"Tổ công nghệ số số {n}"
        values = {
            "stt": n + 1, "kind": "Cá nhân" if individual else "Tập thể", "name": name, "locality": LOCALITIES[n % 6],
            "pillars": "Chính quyền số; Xã hội số", "year": 2021 + n % 5, "summary": f"Mô hình số {n}: 9.000 người dân dùng dịch vụ công.",
            "story": STORY, "replication.steps": "Lập danh sách.\nTập huấn.",
        }
        if individual:
            values.update({"position": "Chuyên viên", "unit": "UBND xã", "initiatives": "Mô hình A; tỉnh; Hội đồng sáng kiến tỉnh; 2021"})
        for key, value in values.items():
            row[index[key]] = value
        ws.append(row)
    wb.save(path)


def timed(label: str, argv: list[str]) -> float:
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    elapsed = time.perf_counter() - start
    last = out.getvalue().strip().splitlines()[-1] if out.getvalue().strip() else ""
    print(f"{label:<42} {elapsed:7.2f} s   exit {code}   {last[:90]}")
    return elapsed


def run(rows: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="hr-bench-"))
    try:
        project = work / "p"
        (project / "data" / "honorees").mkdir(parents=True)
        (project / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
        shutil.copy(ROOT / "data" / "movement.yml", project / "data" / "movement.yml")  # the bundled movement
        sheet = work / "de-cu.xlsx"
        start = time.perf_counter()
        make_sheet(sheet, rows)
        print(f"{'make a ' + str(rows) + '-row sheet (openpyxl)':<42} {time.perf_counter() - start:7.2f} s   {sheet.stat().st_size // 1024} KiB")
        p = str(project)
        timed(f"import --dry-run ({rows} rows)", ["import", "-C", p, str(sheet), "--dry-run"])
        timed(f"import ({rows} rows -> records)", ["import", "-C", p, str(sheet)])
        timed(f"validate ({rows} records)", ["validate", "-C", p])
        timed("validate --format json", ["validate", "-C", p, "--format", "json"])
        timed("export --all (csv)", ["export", "-C", p, "--all", "-o", str(work / "x.csv")])
        timed("export --all (xlsx)", ["export", "-C", p, "--all", "-o", str(work / "x.xlsx")])
        timed("report", ["report", "-C", p, "-o", str(work / "r.txt")])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    run(parser.parse_args().rows)
