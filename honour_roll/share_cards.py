"""Share images: one 1200×630 card per honoree (and one for the site), drawn
at build time with the bundled Be Vietnam Pro font, so every Vietnamese letter
and stacked tone mark is right and nothing is fetched from the network.

Cards are cached on disk by the hash of everything that shapes them, so an
unchanged card is never redrawn.
"""

from __future__ import annotations

import concurrent.futures
import functools
import itertools
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .build_cache import cached_file, key_of
from .model import Honoree

FONTS = Path(__file__).parent / "fonts"
BOLD = FONTS / "BeVietnamPro-Bold.ttf"
REGULAR = FONTS / "BeVietnamPro-Regular.ttf"
WIDTH, HEIGHT = 1200, 630
RENDERER_VERSION = "1"  # bump when the drawing changes, to refresh cached cards

RED = (140, 28, 19)
DARK_RED = (94, 18, 12)
GOLD = (242, 193, 78)
WHITE = (255, 255, 255)
CREAM = (255, 244, 214)


@dataclass(frozen=True)
class Card:
    """What a card says; every line is plain text."""

    eyebrow: str
    title: str
    lines: tuple[str, ...]
    footer: str

    @property
    def text(self) -> str:
        return "\n".join((self.eyebrow, self.title, *self.lines, self.footer))

    def cache_key(self) -> str:
        return key_of("card", RENDERER_VERSION, _fonts_digest(), self.text)


@functools.lru_cache(maxsize=1)
def _fonts_digest() -> str:
    return hashlib.sha256(BOLD.read_bytes() + REGULAR.read_bytes()).hexdigest()


EYEBROW = "GƯƠNG ĐIỂN HÌNH TIÊN TIẾN · CHUYỂN ĐỔI SỐ 2021–2025"


def honoree_card(h: Honoree, site_name: str) -> Card:
    pillars = ", ".join(p.label for p in h.pillars)
    who = h.kind.label if not h.position else f"{h.position}, {h.unit}"
    return Card(
        eyebrow=EYEBROW,
        title=h.name,
        lines=(who, f"{h.kind.label} · {pillars}", f"{h.locality.label} · Năm {h.year}"),
        footer=site_name,
    )


def site_card(site_name: str, count: int) -> Card:
    return Card(
        eyebrow=EYEBROW,
        title="Gương điển hình tiên tiến trong chuyển đổi số",
        lines=("Chính quyền số · Kinh tế số · Xã hội số", f"{count} tập thể, doanh nghiệp và cá nhân tiêu biểu"),
        footer=site_name,
    )


@functools.lru_cache(maxsize=None)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(draw, text: str, width: int, sizes: tuple[int, ...], max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size in sizes:
        font = _font(BOLD, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    lines[-1] = lines[-1].rstrip(" ,.") + "…"
    return font, lines


def _ellipsis(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_card(card: Card) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=DARK_RED)
    draw.rectangle((0, 0, 18, HEIGHT), fill=GOLD)
    # A medal: the movement's mark, drawn rather than loaded.
    cx, cy = WIDTH - 150, 150
    draw.polygon([(cx - 40, cy + 40), (cx - 70, cy + 150), (cx - 20, cy + 125), (cx, cy + 170), (cx + 10, cy + 60)], fill=DARK_RED)
    draw.polygon([(cx + 40, cy + 40), (cx + 70, cy + 150), (cx + 20, cy + 125), (cx, cy + 170), (cx - 10, cy + 60)], fill=(179, 38, 30))
    draw.ellipse((cx - 85, cy - 85, cx + 85, cy + 85), fill=GOLD)
    draw.ellipse((cx - 62, cy - 62, cx + 62, cy + 62), fill=(255, 213, 79))
    text_width = WIDTH - 80 - 300
    small = _font(BOLD, 26)
    regular = _font(REGULAR, 34)
    draw.text((70, 60), _ellipsis(draw, card.eyebrow, small, WIDTH - 140), font=small, fill=GOLD)
    title_font, title_lines = _fit(draw, card.title, text_width, (76, 66, 58, 50, 44), 3)
    y = 120
    for line in title_lines:
        draw.text((70, y), line, font=title_font, fill=WHITE)
        y += int(title_font.size * 1.32)
    y += 18
    for line in card.lines:
        draw.text((70, y), _ellipsis(draw, line, regular, WIDTH - 140), font=regular, fill=CREAM)
        y += 50
    draw.text((70, HEIGHT - 64), _ellipsis(draw, card.footer, small, WIDTH - 140), font=small, fill=WHITE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def card_file(card: Card, cache_dir: Path) -> Path:
    """The card's PNG in the cache, drawn only when no earlier build drew it.

    The site takes the file from the cache rather than its bytes: 10,000
    cards held in memory would be 700 MB.
    """
    return cached_file(cache_dir, card.cache_key(), ".png", lambda: draw_card(card))


def card_png(card: Card, cache_dir: Path) -> bytes:
    return card_file(card, cache_dir).read_bytes()


def draw_missing(cards: list[Card], cache_dir: Path) -> list[Path]:
    """The cached file of every card; the missing ones are drawn on every
    core (a first build of 10,000 honorees draws 10,000 cards)."""
    missing = {}
    for card in cards:
        if not (cache_dir / f"{card.cache_key()}.png").is_file():
            missing.setdefault(card.cache_key(), card)
    if len(missing) > 16 and (os.cpu_count() or 1) > 1:
        with concurrent.futures.ProcessPoolExecutor() as pool:
            list(pool.map(card_file, missing.values(), itertools.repeat(cache_dir), chunksize=32))
    return [card_file(card, cache_dir) for card in cards]
