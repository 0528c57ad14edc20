"""Strip the TrueType hinting from the fonts the share cards are drawn with.

    .venv/bin/python scripts/dehint_card_fonts.py honour_roll/fonts/BeVietnamPro-*.ttf

FreeType runs a font's hinting program for every glyph it renders: with it, a line of a card took
1.0 ms to render, without it 0.36 ms, and a first build draws every honoree's card (1,000 cards,
five lines each). Hinting snaps outlines to the pixel grid, which matters for small text on
screens; a card's smallest text is 24 px on a 1,200-pixel image that is shown scaled anyway. Run
once on the font files as published (https://github.com/bettergui/BeVietnamPro); the SIL Open Font
License allows modified copies under the same license (the font has no reserved name). Needs
fontTools (pip install fonttools), which the build itself does not.
"""

from __future__ import annotations

import sys

from fontTools.ttLib import TTFont

# Tables that only the hinting program reads.
HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")


def dehint(path: str) -> None:
    font = TTFont(path)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    font["maxp"].maxSizeOfInstructions = 0
    font.save(path)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        dehint(path)
        print(f"{path}: hinting removed")
