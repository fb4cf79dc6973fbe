"""Certificate PDF benchmark: per locale, first render, steady state, throughput and size.

Run: ``.venv/bin/python bench/certificates.py [--renders N]``. For each of the six locales it
prints the first render in a fresh process, the steady-state time per certificate, PDFs per
second and PDF size, next to a floor: a bare WeasyPrint render of the same HTML reusing one
parsed CSS object and one FontConfiguration. Targets: steady state <= 1.5x the floor; PDFs
<= 100 KB (Latin, Cyrillic, Arabic) and <= 400 KB (Chinese).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import date

from ailit.certificates.pdf import (
    STATIC_ROOT,
    FONTS_STYLESHEET,
    STYLESHEET,
    CertificateContext,
    render_certificate_html,
    render_certificate_pdf,
)
from ailit.locales import LOCALES

SAMPLES = {
    "en": ("Zoë Ñúñez-O'Brien", "AI Explorers"),
    "fr": ("Hélène Dubois-Lefèvre", "Explorateurs de l'IA"),
    "es": ("José Ángel Muñoz", "Exploradores de la IA"),
    "ru": ("Анна Сергеевна Иванова", "Исследователи ИИ"),
    "ar": ("فاطمة الزهراء بن علي", "مستكشفو الذكاء الاصطناعي"),
    "zh": ("王小明", "人工智能探索者"),
}
LIMIT_KB = {"zh": 400}
CODE = "0K3F-Q9ZB-7M2T-XW4P-8HJD-3C6N-R5VA"


def context(locale: str) -> CertificateContext:
    name, title = SAMPLES[locale]
    return CertificateContext(
        name, title, "primary", 4, date(2025, 3, 1), "ailit", CODE,
        f"https://ailit.example.org/{locale}/verify/{CODE}", locale,
    )


def first_render(locale: str) -> tuple[float, float]:
    """(import + first render, first render alone) in a fresh interpreter, in seconds."""
    code = (
        "import time, json, sys; t0 = time.perf_counter()\n"
        "sys.path.insert(0, 'bench'); import certificates as b\n"
        "t1 = time.perf_counter(); b.render_certificate_pdf(b.context(sys.argv[1]))\n"
        "t2 = time.perf_counter(); print(json.dumps([t2 - t0, t2 - t1]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, locale], check=True, capture_output=True, text=True)
    total, alone = json.loads(out.stdout.strip().splitlines()[-1])
    return total, alone


def steady(fn, renders: int) -> float:
    fn()  # warm: caches, font subsets, glyph tables
    times = []
    for _ in range(renders):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=15, help="renders per locale (default 15)")
    args = parser.parse_args()

    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = [CSS(filename=str(path), font_config=font_config) for path in (FONTS_STYLESHEET, STYLESHEET)]

    def bare(html: str) -> bytes:
        return HTML(string=html, base_url=STATIC_ROOT.as_uri() + "/").write_pdf(
            stylesheets=css, font_config=font_config
        )

    print(f"{'locale':6} {'fresh s':>8} {'(render)':>9} {'steady s':>9} {'floor s':>8} {'ratio':>6} "
          f"{'pdf/s':>6} {'size KB':>8}  verdict")
    ok = True
    for locale in LOCALES:
        fresh_total, fresh_render = first_render(locale)
        ctx = context(locale)
        html = render_certificate_html(ctx)
        ours = steady(lambda: render_certificate_pdf(ctx), args.renders)
        floor = steady(lambda: bare(html), args.renders)
        size_kb = len(render_certificate_pdf(ctx)) / 1024
        ratio = ours / floor
        good = ratio <= 1.5 and size_kb <= LIMIT_KB.get(locale, 100)
        ok &= good
        print(f"{locale:6} {fresh_total:8.2f} {fresh_render:9.3f} {ours:9.3f} {floor:8.3f} {ratio:6.2f} "
              f"{1 / ours:6.1f} {size_kb:8.1f}  {'ok' if good else 'OVER TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
