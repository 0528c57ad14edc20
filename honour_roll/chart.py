"""Geometry of the home page chart: one small stacked-bar panel per pillar,
years on the x axis, kinds stacked. The template draws it as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import YEARS, Kind, Pillar

PANEL_WIDTH = 300
PANEL_HEIGHT = 200
PLOT_TOP = 46
PLOT_BOTTOM = 170
PLOT_LEFT = 34
BAR_WIDTH = 32
BAR_GAP = 18


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    kind: Kind
    count: int
    year: int


@dataclass(frozen=True)
class Panel:
    pillar: Pillar
    x: float
    bars: tuple[Bar, ...]
    totals: tuple[tuple[int, float, float], ...]  # (total, x centre, y) per year
    ticks: tuple[tuple[int, float], ...]  # (value, y)
    year_labels: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    panels: tuple[Panel, ...]
    kinds: tuple[Kind, ...]


def build_chart(counts: dict) -> Chart:
    peak = max([sum(counts[(p, k, y)] for k in Kind) for p in Pillar for y in YEARS] + [1])
    scale = (PLOT_BOTTOM - PLOT_TOP) / peak
    step = max(1, -(-peak // 4))
    panels = []
    for i, pillar in enumerate(Pillar):
        x0 = i * PANEL_WIDTH
        bars, totals, labels = [], [], []
        for j, year in enumerate(YEARS):
            x = x0 + PLOT_LEFT + j * (BAR_WIDTH + BAR_GAP)
            y = PLOT_BOTTOM
            for kind in Kind:
                n = counts[(pillar, kind, year)]
                if n:
                    h = n * scale
                    y -= h
                    bars.append(Bar(x, round(y, 1), round(h, 1), kind, n, year))
            total = sum(counts[(pillar, k, year)] for k in Kind)
            totals.append((total, x + BAR_WIDTH / 2, round(y - 4, 1)))
            labels.append((year, x + BAR_WIDTH / 2))
        ticks = tuple((v, round(PLOT_BOTTOM - v * scale, 1)) for v in range(0, peak + 1, step))
        panels.append(Panel(pillar, x0, tuple(bars), tuple(totals), ticks, tuple(labels)))
    return Chart(PANEL_WIDTH * len(panels), PANEL_HEIGHT, tuple(panels), tuple(Kind))
