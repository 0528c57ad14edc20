"""Pictures in responsive sizes, made at build time with Pillow.

Every published honoree with a photo gets a *card picture*: its first photo
cut to the share card's shape (40:21) in a few widths as WebP, with one JPEG
for browsers without WebP. Its files are named by the honoree id alone
(``anh/the/<id>-600.webp``), so that the Tra cứu page's script can show it
from the honoree's link. An honoree without a photo has no picture file: its
cards show the share card's design drawn in HTML and CSS (.hr-art), which
costs no build time, no download, and stays sharp at any size.

Every photo also gets WebP copies in the widths up to its own (never
enlarged) and one JPEG, shown on the honoree page; the original file stays
at its address (the open data link it).

Like the share cards, every file sits in the content-addressed build cache,
named by the hash of its source's bytes and of everything that shapes it, so warm builds decode nothing. The encoders
write no metadata and no timestamp: the same inputs give the same bytes.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import itertools
import os
import dataclasses
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import PIL
from PIL import Image, ImageOps

from honour_roll.site.build_cache import cached_file, key_of
from honour_roll.site.generated import Generated
from honour_roll.record.model import Honoree, Photo
from honour_roll.site.urls import PHOTO_DIR, photo_src

VERSION = "2"  # bump when the resizing or encoding changes, to refresh cached files
CARD_DIR = f"{PHOTO_DIR}/the"
# Halves and quarters of the 1200-pixel share card: a card is reduced by averaging pixel
# blocks, ten times cheaper than resampling (a first build of 10,000 honorees makes 10,000).
# 600 fills a 390-pixel phone's card at 1.75 device pixels per CSS pixel.
CARD_WIDTHS = (300, 600)
CARD_RATIO = (40, 21)  # the share card's 1200×630
PHOTO_WIDTHS = (320, 640, 960)
# The one JPEG of each picture: only browsers without WebP ask for it.
CARD_FALLBACK = 600
PHOTO_FALLBACK = 640
WEBP_QUALITY = 76
# libwebp's effort: 2 encodes a 600-pixel card in 4.8 ms against 10.1 ms at 4, for files 5 % larger
# (13.9 KB against 13.3 KB); a first build of 10,000 honorees without photos makes 20,000.
WEBP_METHOD = 2
JPEG_QUALITY = 80


def card_height(width: int) -> int:
    return round(width * CARD_RATIO[1] / CARD_RATIO[0])


@dataclass(frozen=True)
class Variant:
    uri: str  # site-relative path
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """One image as the page offers it: WebP widths and a JPEG fallback."""

    webp: tuple[Variant, ...]  # narrowest first
    fallback: Variant
    alt: str  # "" when the picture only repeats what the text beside it says

    lang: str = "vi"  # the language of ``alt``

    def described(self, alt: str, lang: str = "en") -> "Picture":
        """The same picture, described in another language."""
        return dataclasses.replace(self, alt=alt, lang=lang)

    def srcset(self, root: str) -> str:
        return ", ".join(f"{root}{v.uri} {v.width}w" for v in self.webp)


@dataclass(frozen=True)
class _Job:
    """What one source must become: the source is decoded once for all its outputs."""

    source: Path
    source_key: str
    crop: tuple[int, int] | None  # the ratio to cut to, or None to keep the photo's own
    outputs: tuple[tuple[int, str], ...]  # (width, "webp" | "jpeg")

    def key(self, width: int, fmt: str) -> str:
        return key_of("picture", VERSION, PIL.__version__, self.source_key, repr(self.crop), str(width), fmt)

    def path(self, cache_dir: Path, width: int, fmt: str) -> Path:
        return cache_dir / f"{self.key(width, fmt)}.{_SUFFIX[fmt]}"


_SUFFIX = {"webp": "webp", "jpeg": "jpg"}


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, format="WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _opened(path: Path) -> Image.Image:
    with Image.open(path) as image:
        if image.getexif().get(0x0112, 1) != 1:  # only then: exif_transpose copies even an upright image (5 ms a card)
            image = ImageOps.exif_transpose(image)  # a phone photo taken upright shows upright
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            return flat
        return image.convert("RGB")


def _resized(image: Image.Image, width: int, crop: tuple[int, int] | None) -> Image.Image:
    height = round(width * crop[1] / crop[0]) if crop else round(image.height * width / image.width)
    factor = image.width // width
    # reduce() rounds up: 630 rows reduced by 4 are 158 (the last from 2 rows), as the 40:21 crop wants.
    if factor > 1 and image.width == width * factor and -(-image.height // factor) == height:
        return image.reduce(factor)
    if crop is not None:
        return ImageOps.fit(image, (width, round(width * crop[1] / crop[0])), Image.Resampling.LANCZOS)
    if width == image.width:
        return image
    return image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)


def _make(job: _Job, cache_dir: Path) -> None:
    missing = [(w, f) for w, f in job.outputs if not job.path(cache_dir, w, f).is_file()]
    if not missing:
        return
    image = _opened(job.source)
    for width, fmt in missing:
        data = _encode(_resized(image, width, job.crop), fmt)
        cached_file(cache_dir, job.key(width, fmt), "." + _SUFFIX[fmt], lambda data=data: data)


def _make_all(jobs: list[_Job], cache_dir: Path) -> None:
    """The missing files of every job; many (a first build) are made on every core."""
    todo = [j for j in jobs if any(not j.path(cache_dir, w, f).is_file() for w, f in j.outputs)]
    if len(todo) > 16 and (os.cpu_count() or 1) > 1:
        with concurrent.futures.ProcessPoolExecutor() as pool:
            list(pool.map(_make, todo, itertools.repeat(cache_dir), chunksize=16))
    else:
        for job in todo:
            _make(job, cache_dir)


_TURNED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def _photo_size(path: Path) -> tuple[int, int]:
    """As shown (upright), from the header alone: no pixel is decoded."""
    with Image.open(path) as image:
        width, height = image.size
        return (height, width) if image.getexif().get(0x0112) in _TURNED else (width, height)


def _photo_widths(width: int) -> tuple[int, ...]:
    widths = tuple(w for w in PHOTO_WIDTHS if w < width)
    return widths + (min(width, PHOTO_WIDTHS[-1]),)


def photo_variant_uri(photo: Photo, width: int, fmt: str) -> str:
    # The source's suffix stays in the name: x.jpg and x.png are two photos.
    path = PurePosixPath(photo_src(photo))
    return f"{path.parent}/{path.stem}-{path.suffix.lstrip('.')}-{width}.{_SUFFIX[fmt]}"


def card_uri(honoree_id: str, width: int, fmt: str) -> str:
    """Also spelled out in docs/assets/javascripts/browse.js."""
    return f"{CARD_DIR}/{honoree_id}-{width}.{_SUFFIX[fmt]}"


class Pictures:
    """Every picture of one build: what pages show (``card``, ``photo``) and the files (``files``)."""

    def __init__(self, published: tuple[Honoree, ...], data_dir: Path, cache_dir: Path | None = None):
        """Without ``cache_dir`` nothing is made: the pages' view of the pictures only."""
        self.cache_dir = cache_dir
        self._cards: dict[str, Picture] = {}
        self._photos: dict[PurePosixPath, Picture] = {}
        self._files: dict[str, Path] = {}
        self._jobs: list[_Job] = []
        card_outputs = tuple((w, "webp") for w in CARD_WIDTHS) + ((CARD_FALLBACK, "jpeg"),)
        for h in published:
            for photo in h.photos:
                if photo.file not in self._photos:
                    self._add_photo(photo, data_dir / photo.file)
            if not h.photos:
                # Pictured by its share card's design, drawn by the page itself (templates/_cards.md.j2,
                # .hr-art): no file. Three pictures from every card were 18 ms of a first build's CPU
                # per honoree, more than the rest of its page.
                continue
            source = data_dir / h.photos[0].file
            variants = [Variant(card_uri(h.id, w, f), w, card_height(w)) for w, f in card_outputs]
            job = _Job(source, _file_key(source), CARD_RATIO, card_outputs) if cache_dir else None
            self._add_job(job, card_outputs, variants)
            self._cards[h.id] = Picture(tuple(variants[:-1]), variants[-1], h.photos[0].alt)
        if cache_dir is not None:
            _make_all(self._jobs, cache_dir)

    def _add_job(self, job: _Job | None, outputs, variants: list[Variant]) -> None:
        if job is None or self.cache_dir is None:
            return
        self._jobs.append(job)
        for (w, f), v in zip(outputs, variants):
            self._files[v.uri] = job.path(self.cache_dir, w, f)

    def _add_photo(self, photo: Photo, source: Path) -> None:
        width, height = _photo_size(source)
        widths = _photo_widths(width)
        outputs = tuple((w, "webp") for w in widths) + ((min(PHOTO_FALLBACK, width), "jpeg"),)
        variants = [Variant(photo_variant_uri(photo, w, f), w, round(height * w / width)) for w, f in outputs]
        job = _Job(source, _file_key(source), None, outputs) if self.cache_dir else None
        self._add_job(job, outputs, variants)
        self._photos[photo.file] = Picture(tuple(variants[:-1]), variants[-1], photo.alt)

    def card(self, h: Honoree) -> Picture | None:
        """The picture of the honoree's cards: its first photo's, or None (the page draws its share card's design)."""
        return self._cards.get(h.id)

    def pictured(self) -> list[str]:
        """The ids of the honorees whose cards have a picture, in the roll's order."""
        return list(self._cards)

    def photo(self, photo: Photo) -> Picture:
        return self._photos[photo.file]

    def files(self) -> list[Generated]:
        return [Generated(uri, source_path=path) for uri, path in self._files.items()]


def _file_key(path: Path) -> str:
    return "file:" + hashlib.sha256(path.read_bytes()).hexdigest()
