#!/usr/bin/env python3
"""Draws the illustrative pictures used by the sample records (data/photos/).

The sample people and decisions are fictional, so the sample pictures are
drawings, not photographs. Run once; the PNGs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "photos"
FONT = ImageFont.truetype(str(ROOT / "honour_roll" / "fonts" / "BeVietnamPro-Bold.ttf"), 34)
W, H = 960, 600


def canvas(sky):
    im = Image.new("RGB", (W, H), sky)
    return im, ImageDraw.Draw(im)


def phone(d, x, y, s=1.0, screen=(230, 240, 255)):
    d.rounded_rectangle((x, y, x + 90 * s, y + 170 * s), radius=14 * s, fill=(40, 40, 48))
    d.rounded_rectangle((x + 8 * s, y + 14 * s, x + 82 * s, y + 150 * s), radius=6 * s, fill=screen)


def person(d, x, y, colour):
    d.ellipse((x - 26, y - 120, x + 26, y - 68), fill=(243, 200, 160))
    d.rounded_rectangle((x - 45, y - 62, x + 45, y + 60), radius=30, fill=colour)


def one_stop_counter():
    im, d = canvas((238, 244, 250))
    d.rectangle((0, 420, W, H), fill=(205, 210, 220))
    d.rectangle((60, 300, 900, 430), fill=(140, 28, 19))
    for i, x in enumerate((110, 370, 630)):
        d.rectangle((x, 150, x + 220, 290), fill=(30, 40, 60))
        d.rectangle((x + 12, 162, x + 208, 278), fill=(200, 230, 255))
        d.text((x + 40, 196), f"QUẦY {i + 1}", fill=(20, 40, 80), font=FONT)
    for x, c in ((200, (11, 87, 164)), (480, (46, 125, 50)), (760, (179, 92, 0))):
        person(d, x, 520, c)
    return im


def digital_class():
    im, d = canvas((255, 248, 230))
    d.rectangle((80, 60, 880, 300), fill=(46, 94, 60))
    d.text((120, 100), "KỸ NĂNG SỐ CHO NGƯỜI DÂN", fill=(255, 255, 255), font=FONT)
    for i, x in enumerate(range(140, 900, 180)):
        person(d, x, 540, [(11, 87, 164), (179, 92, 0), (46, 125, 50), (140, 28, 19), (90, 60, 140)][i % 5])
        phone(d, x - 20, 440, 0.45)
    return im


def seafood_trace():
    im, d = canvas((210, 235, 250))
    d.rectangle((0, 380, W, H), fill=(40, 110, 170))
    d.polygon([(120, 380), (520, 380), (470, 450), (170, 450)], fill=(240, 240, 240))
    d.rectangle((300, 250, 330, 380), fill=(140, 28, 19))
    d.rectangle((600, 180, 860, 440), fill=(255, 255, 255), outline=(0, 0, 0), width=4)
    for i in range(7):
        for j in range(7):
            if (i * 3 + j * 5) % 4 < 2 or i in (0, 6) or j in (0, 6):
                d.rectangle((620 + i * 32, 200 + j * 32, 648 + i * 32, 228 + j * 32), fill=(0, 0, 0))
    return im


def island_audio_guide():
    im, d = canvas((255, 226, 170))
    d.ellipse((650, 60, 790, 200), fill=(255, 196, 60))
    d.rectangle((0, 360, W, H), fill=(30, 120, 160))
    d.polygon([(100, 360), (330, 150), (560, 360)], fill=(70, 130, 70))
    d.polygon([(420, 360), (600, 220), (780, 360)], fill=(90, 150, 80))
    phone(d, 700, 300, 1.2, screen=(255, 250, 235))
    for r in (30, 55, 80):
        d.arc((760 - r, 390 - r, 760 + r, 390 + r), 300, 60, fill=(140, 28, 19), width=6)
    return im


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (("bo-phan-mot-cua.png", one_stop_counter), ("lop-ky-nang-so.png", digital_class),
                       ("truy-xuat-nguon-goc.png", seafood_trace), ("thuyet-minh-so-con-dao.png", island_audio_guide)):
        draw().save(OUT / name, optimize=True)
        print(OUT / name)
