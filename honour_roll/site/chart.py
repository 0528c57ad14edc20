"""Geometry of the home page chart: one small stacked-bar panel per pillar,
years on the x axis, kinds stacked. The template draws it as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass

from honour_roll.record.movement import Kind, Movement, Pillar

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
    panel_width: int = PANEL_WIDTH


def build_chart(counts: dict, movement: Movement) -> Chart:
    kinds, years = movement.kinds, movement.years
    peak = max([sum(counts[(p, k, y)] for k in kinds) for p in movement.pillars for y in years] + [1])
    scale = (PLOT_BOTTOM - PLOT_TOP) / peak
    step = max(1, -(-peak // 4))
    panels = []
    # Room for every year of the period (five fill the usual 300 px).
    panel_width = max(PANEL_WIDTH, PLOT_LEFT + len(years) * (BAR_WIDTH + BAR_GAP) + 16)
    for i, pillar in enumerate(movement.pillars):
        x0 = i * panel_width
        bars, totals, labels = [], [], []
        for j, year in enumerate(years):
            x = x0 + PLOT_LEFT + j * (BAR_WIDTH + BAR_GAP)
            y = PLOT_BOTTOM
            for kind in kinds:
                n = counts[(pillar, kind, year)]
                if n:
                    h = n * scale
                    y -= h
                    bars.append(Bar(x, round(y, 1), round(h, 1), kind, n, year))
            total = sum(counts[(pillar, k, year)] for k in kinds)
            totals.append((total, x + BAR_WIDTH / 2, round(y - 4, 1)))
            labels.append((year, x + BAR_WIDTH / 2))
        ticks = tuple((v, round(PLOT_BOTTOM - v * scale, 1)) for v in range(0, peak + 1, step))
        panels.append(Panel(pillar, x0, tuple(bars), tuple(totals), ticks, tuple(labels)))
    return Chart(panel_width * len(panels), PANEL_HEIGHT, tuple(panels), kinds, panel_width)
