"""Draw the two sample illustrations (1600x900, no text, no people)."""

import math
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H, S = 1600, 900, 2  # final size and supersampling factor
HERE = Path(__file__).resolve().parent


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def sky(img, stops):
    """Vertical gradient through (position, colour) stops."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    for y in range(h):
        p = y / (h - 1)
        for (p0, c0), (p1, c1) in pairwise(stops):
            if p0 <= p <= p1:
                draw.line([(0, y), (w, y)], fill=mix(c0, c1, (p - p0) / (p1 - p0)))
                break


def glow(img, centre, radius, colour, strength):
    layer = Image.new("RGB", img.size, colour)
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
        fill=strength,
    )
    mask = mask.filter(ImageFilter.GaussianBlur(radius * 0.6))
    img.paste(layer, (0, 0), mask)


def ridge(img, base, waves, colour):
    """Fill everything below a smooth ridge line y = base + sum of sines."""
    w, h = img.size
    points = [(0, h)]
    for x in range(0, w + 1, 4):
        y = base + sum(a * math.sin(x / w * f * math.tau + p) for a, f, p in waves)
        points.append((x, y * S))
    points.append((w, h))
    ImageDraw.Draw(img).polygon(points, fill=colour)


def river_at_dawn():
    img = Image.new("RGB", (W * S, H * S))
    sky(
        img,
        [(0, (34, 45, 84)), (0.45, (176, 128, 140)), (0.62, (248, 196, 150)), (1, (248, 210, 170))],
    )
    glow(img, (W * S * 0.62, H * S * 0.56), 260 * S, (255, 236, 200), 200)
    ridge(img, 520, [(26, 2, 0.3), (14, 5, 1.1)], (120, 104, 138))
    ridge(img, 585, [(34, 1.5, 2.0), (12, 4, 0.2)], (84, 76, 112))
    ridge(img, 660, [(28, 1.2, 4.1), (10, 6, 1.7)], (52, 52, 82))
    ridge(img, 745, [(20, 1, 1.0), (8, 7, 2.5)], (32, 36, 60))
    # the river: a ribbon that widens as it winds toward the viewer
    draw = ImageDraw.Draw(img)
    left, right = [], []
    for i in range(101):
        t = i / 100
        y = 600 + 300 * t**1.3
        cx = W * 0.62 + 220 * math.sin(t * 5.2) * t
        half = 1 + 235 * t**1.8
        left.append(((cx - half) * S, y * S))
        right.append(((cx + half) * S, y * S))
    draw.polygon(left + right[::-1], fill=(236, 190, 160))
    for i in range(30, 100, 9):  # a few soft glints on the water
        (lx, y), (rx, _) = left[i], right[i]
        start = lx + (rx - lx) * (0.2 + 0.35 * ((i * 7) % 10) / 10)
        draw.line([(start, y), (start + (rx - lx) * 0.22, y)], fill=(246, 212, 184), width=S)
    return img


def road_to_horizon():
    img = Image.new("RGB", (W * S, H * S))
    horizon = 0.5
    sky(
        img,
        [
            (0, (88, 134, 180)),
            (0.35, (150, 186, 210)),
            (horizon, (236, 222, 196)),
            (1, (236, 222, 196)),
        ],
    )
    glow(img, (W * S * 0.5, H * S * horizon), 200 * S, (255, 244, 220), 170)
    ridge(img, H * horizon - 6, [(8, 3, 0.4), (5, 7, 1.3)], (150, 168, 170))
    draw = ImageDraw.Draw(img)
    hy = H * S * horizon
    # fields in soft bands that widen toward the viewer
    colours = [(170, 178, 136), (150, 164, 120), (132, 150, 106), (116, 136, 94), (100, 122, 84)]
    for i, colour in enumerate(colours):
        top = hy + (H * S - hy) * ((i / len(colours)) ** 1.8)
        draw.rectangle([0, top, W * S, H * S], fill=colour)
    # the road, narrowing to a point on the horizon
    vx = W * S * 0.5
    draw.polygon(
        [(vx - 2 * S, hy), (vx + 2 * S, hy), (W * S * 0.68, H * S), (W * S * 0.32, H * S)],
        fill=(122, 114, 110),
    )
    for k in range(14):  # centre dashes, shorter with distance
        t0 = (k / 14) ** 2.2
        t1 = ((k + 0.45) / 14) ** 2.2
        y0, y1 = hy + (H * S - hy) * t0, hy + (H * S - hy) * t1
        w0, w1 = 0.5 + 3 * t0, 0.5 + 3 * t1
        draw.polygon(
            [(vx - w0 * S, y0), (vx + w0 * S, y0), (vx + w1 * S, y1), (vx - w1 * S, y1)],
            fill=(214, 204, 184),
        )
    return img


for name, make in [("river-at-dawn", river_at_dawn), ("road-to-horizon", road_to_horizon)]:
    make().resize((W, H), Image.LANCZOS).save(HERE / f"{name}.png", optimize=True)
