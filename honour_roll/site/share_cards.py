"""Share images: one 1200×630 card per honoree (and one for the site), drawn
at build time with the bundled Be Vietnam Pro font, so every Vietnamese letter
and stacked tone mark is right and nothing is fetched from the network.

Cards are cached on disk by the hash of everything that shapes them, so an
unchanged card is never redrawn.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from honour_roll.site.build_cache import cached_file, key_of
from honour_roll.record.model import Honoree
from honour_roll.record.movement import Movement
from honour_roll.record.vietnamese import and_list
from honour_roll.site.notice import CARD as NOTICE, CARD_EN as NOTICE_EN

FONTS = Path(__file__).parent.parent / "fonts"
BOLD = FONTS / "BeVietnamPro-Bold.ttf"
REGULAR = FONTS / "BeVietnamPro-Regular.ttf"
WIDTH, HEIGHT = 1200, 630
RENDERER_VERSION = "5"  # bump when the drawing or the encoding changes, to refresh cached cards
# JPEG: 1.4 ms to encode a card against 11.3 ms for a PNG at zlib level 1 (a first build of
# 10,000 honorees draws 10,000 cards), 84 KB against 71 KB; Facebook and Zalo take JPEG.
SUFFIX = ".jpg"
JPEG_QUALITY = 85

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
    lines: tuple[str, ...]  # the first may wrap to two lines (a position and unit); the others are short
    footer: str
    notice: str = ""  # the sample-data notice, in a band across the top

    @property
    def text(self) -> str:
        return "\n".join((self.notice, self.eyebrow, self.title, *self.lines, self.footer))

    def cache_key(self) -> str:
        return key_of("card", RENDERER_VERSION, _fonts_digest(), self.text)


@functools.lru_cache(maxsize=1)
def _fonts_digest() -> str:
    return hashlib.sha256(BOLD.read_bytes() + REGULAR.read_bytes()).hexdigest()


def eyebrow(movement: Movement) -> str:
    """The card's first line: what the honour is, the movement and its years."""
    return f"GƯƠNG ĐIỂN HÌNH TIÊN TIẾN · {movement.short_name.upper()} {movement.period.text}"


def movement_line(movement: Movement) -> str:
    """The card's footer: the movement and where it runs."""
    return f"Phong trào “{movement.title}” · {movement.scope[:1].upper()}{movement.scope[1:]}"


def honoree_card(h: Honoree, footer: str, illustrative: bool = False) -> Card:
    return _honoree_card(
        eyebrow(h.movement), h.name, (h.position, h.unit, h.parent_body), h.kind.label, [p.label for p in h.pillars],
        place_line(h.locality.label, str(h.year)), footer, NOTICE if illustrative else "",
    )


def place_line(locality: str, year: str) -> str:
    """Where and when, as a card says it (also the pattern browse.js fills in)."""
    return f"{locality} · Năm {year}"


def _honoree_card(eyebrow: str, title: str, identity, kind: str, pillars, place: str, footer: str, notice: str) -> Card:
    """``identity``: (position, unit, parent_body), any of them None."""
    position, unit, parent_body = identity
    who = f"{position}, {unit}" if position else (parent_body or "")
    # The kind is said once, in the line with the pillars.
    lines = (who, f"{kind} · {', '.join(pillars)}", place)
    return Card(eyebrow=eyebrow, title=title, lines=tuple(line for line in lines if line), footer=footer, notice=notice)


def site_card(movement: Movement, footer: str, count: int, illustrative: bool = False) -> Card:
    kinds = and_list(k.label.lower() for k in movement.kinds)
    return Card(
        eyebrow=eyebrow(movement),
        title=f"Gương điển hình tiên tiến trong {movement.short_name.lower()}",
        lines=(" · ".join(p.label for p in movement.pillars), f"{count} {kinds} tiêu biểu"),
        footer=footer,
        notice=NOTICE if illustrative else "",
    )


# The English edition's cards: the same drawing, the movement's and the record's English.


def english_eyebrow(movement: Movement) -> str:
    return f"EXEMPLARY MODEL · {movement.en.short_name.upper()} {movement.period.text}"


def english_movement_line(movement: Movement) -> str:
    return f"{movement.en.title} · {movement.en.scope[:1].upper()}{movement.en.scope[1:]}"


def english_honoree_card(h: Honoree, footer: str, illustrative: bool = False) -> Card:
    en, e = h.movement.en, h.en
    return _honoree_card(
        english_eyebrow(h.movement), e.name, (e.position or h.position, e.unit or h.unit, e.parent_body or h.parent_body),
        en.kind(h.kind).label, [en.pillar(p).label for p in h.pillars], f"{en.locality(h.locality)} · {h.year}", footer,
        NOTICE_EN if illustrative else "",
    )


def english_site_card(movement: Movement, footer: str, count: int, illustrative: bool = False) -> Card:
    en = movement.en
    return Card(
        eyebrow=english_eyebrow(movement),
        title=en.site_name,
        lines=(" · ".join(en.pillar(p).label for p in movement.pillars), f"{count} exemplary models"),
        footer=footer,
        notice=NOTICE_EN if illustrative else "",
    )


@functools.lru_cache(maxsize=None)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@functools.lru_cache(maxsize=1 << 16)
def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    # Kept: many cards share their lines (a kind and its pillars, a place and a year, a unit), and
    # laying a card out measures each line at several sizes.
    return font.getlength(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Lines of whole words no wider than ``width``; past ``max_lines``, the last
    kept line ends at a word boundary with "…". A single word wider than the
    box is shortened (never happens with real names)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if text_width(trial, font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1].split()
        while len(last) > 1 and text_width(" ".join(last) + "…", font) > width:
            last.pop()
        kept[-1] = " ".join(last).rstrip(" ,.;:–·") + "…"
        lines = kept
    return [_shorten_word(line, font, width) for line in lines]


def _shorten_word(line: str, font, width: int) -> str:
    if text_width(line, font) <= width:
        return line
    while line and text_width(line + "…", font) > width:
        line = line[:-1]
    return line + "…"


@dataclass(frozen=True)
class Placed:
    """One line of text on the card, where it is drawn and the box it must stay in."""

    text: str
    font: ImageFont.FreeTypeFont
    x: int
    y: int
    box: tuple[int, int, int, int]  # left, top, right, bottom
    fill: tuple[int, int, int]
    common: bool = False  # the same on every card of a build (notice, eyebrow, footer): drawn once

    def bbox(self) -> tuple[float, float, float, float]:
        left, top, right, bottom = self.font.getbbox(self.text)
        return self.x + left, self.y + top, self.x + right, self.y + bottom


NOTICE_BAND = 46
FOOTER_TOP = HEIGHT - 90
MARGIN = 70
MEDAL = (WIDTH - 150, 170)  # centre of the medal
MEDAL_BOX = (MEDAL[0] - 85, MEDAL[1] - 85, MEDAL[0] + 85, MEDAL[1] + 170)  # with its ribbon
NARROW = MEDAL_BOX[0] - 40  # right edge of text beside the medal
WIDE = WIDTH - MARGIN  # right edge of text below it


def layout(card: Card) -> list[Placed]:
    """Every line of the card, placed: the largest title that leaves room for the rest.

    Text beside the medal stops before it; text below it may use the full width.
    """
    small = _font(BOLD, 24)
    best: list[Placed] = []
    for size in (76, 66, 58, 50, 44, 38):
        for max_title_lines in (3, 2):
            placed, bottom = _place(card, size, max_title_lines, small)
            best = placed
            if bottom <= FOOTER_TOP - 12:
                return placed
    return best


def _right_edge(top: int, height: int) -> int:
    return NARROW if top < MEDAL_BOX[3] + 10 and top + height > MEDAL_BOX[1] else WIDE


def _place(card: Card, title_size: int, max_title_lines: int, small) -> tuple[list[Placed], int]:
    out: list[Placed] = []
    y = 24
    if card.notice:
        font = _fit_one_line(card.notice, BOLD, (22, 20, 18, 16), WIDTH - 2 * 40)
        out.append(Placed(card.notice, font, 40, 12, (40, 0, WIDTH - 40, NOTICE_BAND), DARK_RED, common=True))
        y = NOTICE_BAND + 18
    out.append(Placed(card.eyebrow, small, MARGIN, y, (MARGIN, y, NARROW, y + 34), GOLD, common=True))
    y += 50
    title_font = _font(BOLD, title_size)
    step = int(title_size * 1.25)
    for line in wrap(card.title, title_font, NARROW - MARGIN, max_title_lines):
        out.append(Placed(line, title_font, MARGIN, y, (MARGIN, y, NARROW, y + step), WHITE))
        y += step
    y += 14
    regular = _font(REGULAR, 32)
    for i, text in enumerate(card.lines):
        # The first line (position and unit) may take two lines; the others are short facts.
        for piece in _wrap_beside_medal(text, regular, y, 2 if i == 0 else 1):
            out.append(Placed(piece, regular, MARGIN, y, (MARGIN, y, _right_edge(y, 44), y + 44), CREAM))
            y += 44
    footer = _fit_one_line(card.footer, BOLD, (26, 24, 22, 20, 18), WIDE - MARGIN)
    out.append(Placed(card.footer, footer, MARGIN, FOOTER_TOP + 28, (MARGIN, FOOTER_TOP, WIDE, HEIGHT), WHITE, common=True))
    return out, y


def _wrap_beside_medal(text: str, font, y: int, max_lines: int) -> list[str]:
    # The width of the first line decides where a break falls; a line below the medal could be
    # wider, but one width for every line keeps the breaks even.
    return wrap(text, font, _right_edge(y, 44 * max_lines) - MARGIN, max_lines)


def _fit_one_line(text: str, path: Path, sizes: tuple[int, ...], width: int) -> ImageFont.FreeTypeFont:
    for size in sizes:
        font = _font(path, size)
        if text_width(text, font) <= width:
            return font
    return font


def draw_card(card: Card) -> bytes:
    out = io.BytesIO()
    # Pillow's JPEG writer adds no timestamp nor metadata: the same card gives the same bytes.
    card_image(card).save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def card_image(card: Card) -> Image.Image:
    """The card's pixels: what ImageDraw.text draws on the background, line after line
    (tests/test_sharing.py compares them)."""
    placed = layout(card)
    common = tuple(line for line in placed if line.common)
    image = _background(bool(card.notice), common).copy()
    drawn: list[tuple[int, int, int, int]] = []
    for line in placed:
        if line.common:
            continue
        left, top, mask = _line_mask(line.text, line.font)
        x, y = line.x + left, line.y + top
        box = (x, y, x + mask.width, y + mask.height)
        ground = None if any(_overlap(box, other) for other in drawn) else _ground_under(bool(card.notice), common, box)
        if ground is None:
            # What ImageDraw.text does with the mask FreeType drew: the same blend (ImagingFill2).
            image.paste(line.fill, (x, y), mask)
        else:
            image.paste(_tinted(mask, line.fill, ground), (x, y))
        drawn.append(box)
    return image


def _tinted(mask: Image.Image, fill: tuple[int, int, int], ground: tuple[int, int, int]) -> Image.Image:
    """A line over one colour, as the blend would leave it: on a single colour each of the 256
    coverage values blends to one colour, so the line is its mask looked up in that table,
    a quarter of the blend's time (0.15 ms a card instead of 0.65), the same pixels. With the check
    that the ground is one colour, a card of the benchmark's roll takes 3.0 ms instead of 3.5."""
    tinted = mask.copy()  # the mask is kept for other cards (_line_mask): never changed
    tinted.putpalette(_blend_table(fill, ground))
    return tinted.convert("RGB")


@functools.lru_cache(maxsize=64)
def _blend_table(fill: tuple[int, int, int], ground: tuple[int, int, int]) -> bytes:
    """The colour each coverage value 0–255 leaves, computed by the very blend paste uses."""
    ramp = Image.frombytes("L", (256, 1), bytes(range(256)))
    row = Image.new("RGB", (256, 1), ground)
    row.paste(fill, (0, 0), ramp)
    return row.tobytes()


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@functools.lru_cache(maxsize=4096)  # a shared line is at the same place on many cards
def _ground_under(notice: bool, common: tuple[Placed, ...], box: tuple[int, int, int, int]) -> tuple[int, int, int] | None:
    """The one colour under ``box`` on the card's background, or None where the box leaves the
    card or covers more than one colour (a band, the medal, a common line)."""
    x0, y0, x1, y1 = box
    if x0 < 0 or y0 < 0 or x1 > WIDTH or y1 > HEIGHT or x0 >= x1 or y0 >= y1:
        return None
    pixels = _background_pixels(notice, common)
    start = (y0 * WIDTH + x0) * 3
    first = pixels[start : start + 3]
    run = first * (x1 - x0)
    for row in range(y0, y1):
        start = (row * WIDTH + x0) * 3
        if pixels[start : start + len(run)] != run:
            return None
    return (first[0], first[1], first[2])


@functools.lru_cache(maxsize=4)
def _background_pixels(notice: bool, common: tuple[Placed, ...]) -> bytes:
    # bytes, not a memoryview: a memoryview compares item by item, 13 times slower here
    return _background(notice, common).tobytes()


@functools.lru_cache(maxsize=4)
def _background(notice: bool, common: tuple[Placed, ...]) -> Image.Image:
    """The card without its own lines: shapes, and the lines every card of a build shares.
    Drawn once per worker and copied (0.3 ms), instead of 3 ms of shapes and text per card."""
    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, FOOTER_TOP, WIDTH, HEIGHT), fill=DARK_RED)
    draw.rectangle((0, 0, 18, HEIGHT), fill=GOLD)
    if notice:
        draw.rectangle((0, 0, WIDTH, NOTICE_BAND), fill=GOLD)
    # A medal: the movement's mark, drawn rather than loaded.
    cx, cy = MEDAL
    draw.polygon([(cx - 40, cy + 40), (cx - 70, cy + 150), (cx - 20, cy + 125), (cx, cy + 170), (cx + 10, cy + 60)], fill=DARK_RED)
    draw.polygon([(cx + 40, cy + 40), (cx + 70, cy + 150), (cx + 20, cy + 125), (cx, cy + 170), (cx - 10, cy + 60)], fill=(179, 38, 30))
    draw.ellipse((cx - 85, cy - 85, cx + 85, cy + 85), fill=GOLD)
    draw.ellipse((cx - 62, cy - 62, cx + 62, cy + 62), fill=(255, 213, 79))
    for line in common:
        draw.text((line.x, line.y), line.text, font=line.font, fill=line.fill)
    return image


@functools.lru_cache(maxsize=2048)
def _line_mask(text: str, font: ImageFont.FreeTypeFont) -> tuple[int, int, Image.Image]:
    """A line of text as FreeType draws it (a coverage mask), and where its box starts from the
    point it is drawn at. Kept per worker: cards share most of their lines (a kind and its
    pillars, a place and a year, a position, a unit), and Pillow rasterises every glyph of a
    line anew on each call: 0.4 ms a line, half a card's drawing."""
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (right - left, bottom - top))
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255)
    return left, top, mask


def card_file(card: Card, cache_dir: Path) -> Path:
    """The card's JPEG in the cache, drawn only when no earlier build drew it.

    The site takes the file from the cache rather than its bytes: 10,000
    cards held in memory would be 700 MB.
    """
    return cached_file(cache_dir, card.cache_key(), SUFFIX, lambda: draw_card(card))


def card_path(card: Card, cache_dir: Path) -> Path:
    """Where ``card_file`` puts the card, drawn or not."""
    return cache_dir / f"{card.cache_key()}{SUFFIX}"


def card_bytes(card: Card, cache_dir: Path) -> bytes:
    return card_file(card, cache_dir).read_bytes()
