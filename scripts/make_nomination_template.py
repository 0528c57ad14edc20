#!/usr/bin/env python3
"""Regenerate the nomination template units fill in:
data/templates/mau-de-cu.xlsx (list + instructions) and mau-de-cu.csv.

Run after changing the columns in honour_roll/editors/nomination.py, the movement
(data/movement.yml) or the example texts (data/templates/vi-du-de-cu.yml);
commit both files. The output is byte-identical from run to run, so an
unchanged template shows no diff.

Usage: python scripts/make_nomination_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from honour_roll.record.movement import MovementInvalid  # noqa: E402
from honour_roll.editors.nomination import ExamplesInvalid  # noqa: E402
from honour_roll.editors.nomination_template import write_templates  # noqa: E402

if __name__ == "__main__":
    try:
        written = write_templates(ROOT)
    except MovementInvalid as e:
        sys.exit(e.report())
    except ExamplesInvalid as e:
        sys.exit(str(e))
    for path in written:
        print(f"Đã tạo {path.relative_to(ROOT)}")
