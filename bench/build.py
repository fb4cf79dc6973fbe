"""Benchmark of ``ailit build`` on a synthetic curriculum; prints figures, asserts nothing.

    .venv/bin/python bench/build.py [--keep DIR]

Generates 6 stages x 6 courses x 6 modules x 6 locales (1,296 lesson files of about 1,000
words with headings, lists, tables, callouts and a quiz) in a temporary folder, then prints:
the full build, the same files rendered by bare markdown-it-py in this process (the floor),
a no-op rebuild, a rebuild after one file changed, the peak RSS, and ``mkdocs build`` on the
same Markdown when mkdocs is installed (``pip install mkdocs``).
Full builds and the floor are the best of two runs. Targets on a 2-core machine: full build <= 1.5x the floor, >= 3x faster than mkdocs,
no-op rebuild <= 0.5 s, one changed file <= 1 s, peak RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

from ailit.content import build
from ailit.content.build import build_catalogue
from ailit.content.hashing import source_hash
from ailit.locales import LOCALES
from ailit.stages import STAGES

WORDS = (
    "machine learning data model example pattern people school teacher child fair bias "
    "privacy question answer picture robot voice assistant rule computer system predict "
    "train test label group choose explain think share class world help safe tool"
).split()


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def lesson(rng: random.Random, title: str, source_hash_value: str | None) -> str:
    """About 1,000 words of Markdown in the ailit format."""
    front = f"---\ntitle: {title}\nminutes: 20\nobjectives:\n  - {paragraph(rng, 8)}\n  - {paragraph(rng, 8)}\n"
    if source_hash_value:
        front += f"source_hash: {source_hash_value}\n"
    parts = [front + "---\n", f"# {title}\n"]
    for section in range(4):
        parts.append(f"## Part {section + 1}: {paragraph(rng, 3)}\n")
        parts += [paragraph(rng, 60) + " **" + rng.choice(WORDS) + "** and *" + rng.choice(WORDS) + "*.\n" for _ in range(2)]
        parts.append("\n".join(f"- {paragraph(rng, 8)}" for _ in range(4)) + "\n")
        parts.append("| Thing | Learns? | Why |\n|---|---|---|\n" + "\n".join(
            f"| {rng.choice(WORDS)} | {rng.choice(['yes', 'no'])} | {paragraph(rng, 6)} |" for _ in range(4)
        ) + "\n")
        kind = ("activity", "note", "tip", "warning")[section]
        parts.append(f"::: {kind}\n{paragraph(rng, 30)}\n:::\n")
    parts.append(
        "::: quiz\n"
        "1. Which of these learns from examples?\n   - [ ] A light switch\n   - [x] A spam filter\n   - [ ] A ruler\n\n"
        "   > A spam filter changes with the examples it sees.\n\n"
        "2. Which are signs of bias? {multiple}\n   - [x] Worse for some groups\n   - [ ] It is slow\n\n"
        "3. How many legs does a spider have? {number}\n   - [x] 8\n\n"
        "4. What do we call the examples? {text}\n   - [x] training data\n:::\n"
    )
    return "\n".join(parts)


def generate(root: Path) -> list[Path]:
    rng = random.Random(42)
    files: list[Path] = []
    for stage in STAGES:
        for c in range(6):
            course_id = f"{stage}-course-{c}"
            course = root / stage / course_id
            course.mkdir(parents=True)
            titles = ", ".join(f"{loc}: Course {c}" for loc in LOCALES)
            (course / "course.yaml").write_text(
                f"id: {course_id}\nstage: {stage}\nsource_locale: en\ntitle: {{{titles}}}\n"
                f"summary: {{en: A course.}}\nhours: 2\ncompetencies: [S3.U]\npass_mark: 0.7\ncertificate: true\n"
            )
            for m in range(6):
                module = course / f"{m + 1:02d}-module-{m}"
                module.mkdir()
                source = module / "en.md"
                source.write_text(lesson(rng, f"Module {m}", None))
                files.append(source)
                for locale in LOCALES:
                    if locale != "en":
                        path = module / f"{locale}.md"
                        path.write_text(lesson(rng, f"Module {m} ({locale})", source_hash(source)))
                        files.append(path)
    return files


def timed(label: str, action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    return elapsed, result


def floor(files: list[Path]) -> None:
    md = MarkdownIt("commonmark")
    for path in files:
        md.render(path.read_text(encoding="utf-8"))


def mkdocs(root: Path, work: Path) -> float | None:
    exe = shutil.which("mkdocs") or (str(Path(sys.executable).parent / "mkdocs") if (Path(sys.executable).parent / "mkdocs").exists() else None)
    if exe is None:
        return None
    config = work / "mkdocs.yml"
    config.write_text(f"site_name: bench\ndocs_dir: {root}\nsite_dir: {work / 'site'}\n")
    start = time.perf_counter()
    subprocess.run([exe, "build", "-q", "-f", str(config)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="ailit-bench-"))
    root, out = work / "courses", work / "catalogue"
    if root.exists():
        shutil.rmtree(root)
    if out.exists():
        shutil.rmtree(out)
    files = generate(root)
    words = sum(len(p.read_text().split()) for p in files[:36]) // 36
    print(f"curriculum: {len(files)} files, ~{words} words each, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")

    # Best of two runs each, alternating, so that a busy machine skews both sides alike.
    floor_time, _ = timed("floor", lambda: floor(files))
    full, report = timed("full", lambda: build_catalogue(root, work / "catalogue-first"))
    floor_time = min(floor_time, timed("floor", lambda: floor(files))[0])
    second, report = timed("full", lambda: build_catalogue(root, out))
    full = min(full, second)
    assert report.ok, [str(d) for d in report.diagnostics[:5]]
    # The same build in one process, to show what the parallel workers bring.
    serial_out = work / "catalogue-serial"
    parallel_from, build.PARALLEL_FROM = build.PARALLEL_FROM, 10**9
    serial, _ = timed("serial", lambda: build_catalogue(root, serial_out))
    build.PARALLEL_FROM = parallel_from
    noop, noop_report = timed("noop", lambda: build_catalogue(root, out))
    changed_file = files[len(files) // 2]
    changed_file.write_text(changed_file.read_text() + "\nOne more paragraph.\n")
    one, one_report = timed("one", lambda: build_catalogue(root, out))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"full build:          {full:6.2f} s  ({len(files) / full:,.0f} files/s; {report.rendered} modules rendered)")
    print(f"  in one process:    {serial:6.2f} s  ({serial / floor_time:.2f}x the floor)")
    print(f"bare markdown-it:    {floor_time:6.2f} s  (floor; build/floor = {full / floor_time:.2f}x, target <= 1.5x)")
    print(f"no-op rebuild:       {noop:6.2f} s  ({noop_report.rendered} rendered, {noop_report.reused} reused; target <= 0.5 s)")
    print(f"one file changed:    {one:6.2f} s  ({one_report.rendered} rendered, {one_report.reused} reused; target <= 1 s)")
    print(f"peak RSS:            {rss:6.0f} MB (largest worker {worker_rss:.0f} MB; target <= 300 MB)")
    peer = mkdocs(root, work)
    if peer is None:
        print("mkdocs build:        not installed (pip install mkdocs to compare)")
    else:
        print(f"mkdocs build:        {peer:6.2f} s  (ailit is {peer / full:.1f}x faster; target >= 3x)")
    if args.keep is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
