"""`pip install .` (a wheel, not editable) serves complete pages from any folder."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.serving import servers

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSES = ROOT / "tests" / "fixtures" / "courses"


@pytest.mark.slow
def test_an_installed_wheel_serves_complete_pages_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    (wheel,) = wheels.glob("ailit-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
    )
    # The dependencies come from this environment (a .pth line: no editable ailit comes with
    # it, since .pth files found there are not run); ailit itself only from the wheel.
    site = Path(subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.check_output([str(python), "-c", "import ailit; print(ailit.__file__)"], text=True, cwd=tmp_path)
    assert where.startswith(str(site)), where

    folder = tmp_path / "school"  # nothing of the repository in it
    folder.mkdir()
    port = servers.free_port()
    env = servers.clean_environment(AILIT_COURSES_DIR=str(FIXTURE_COURSES))
    server = servers.start(
        [str(venv / "bin" / "ailit"), "serve", "--port", str(port), "--workers", "2"],
        port, env, folder, tmp_path / "server.log",
    )
    try:
        status, _headers, body = server.request("/fr/courses/")
        html = body.decode()
        assert status == 200 and '<html lang="fr" dir="ltr">' in html
        assert ">Cours<" in html and "Se connecter" in html  # compiled French translations
        stylesheet = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        status, headers, css = server.request(stylesheet)
        assert status == 200 and headers["Content-Type"].startswith("text/css") and b"body" in css
        status, _headers, body = server.request("/ar/courses/")
        assert status == 200 and 'dir="rtl"' in body.decode()
        # Data, the compiled catalogue and the SQLite database are in the folder served from.
        assert (folder / "instance" / "ailit.db").is_file()
        assert (folder / "instance" / "catalogue").is_dir()
    finally:
        server.stop()
    assert "gunicorn" in (tmp_path / "server.log").read_text()
