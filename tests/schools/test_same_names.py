"""Two learners with the same name in one class: normal, each with a username of their own."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient


def test_a_class_may_hold_two_oliver_smiths(app: Flask, client: FlaskClient, world, sign_in) -> None:
    sign_in("teacher")
    first = client.post(f"/en/classes/{world.class_id}/learners", data={"names": "Oliver Smith\nOliver Smith"})
    again = client.post(f"/en/classes/{world.class_id}/learners", data={"names": "Oliver Smith\nAli"})  # Ali is there
    assert first.status_code == again.status_code == 200
    page = client.get(f"/en/classes/{world.class_id}/").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td><bdi>Oliver Smith</bdi></td>\s*<td><code dir=\"ltr\">([^<]+)</code>", page)
    assert len(rows) == 3 and len(set(rows)) == 3, rows


def test_the_report_drills_down_to_one_learner(app: Flask, client: FlaskClient, world, sign_in) -> None:
    sign_in("teacher")
    client.post(
        f"/en/classes/{world.class_id}/assignments",
        data={"course_id": "sample-robots", "due_on": "2999-01-01"},
    )
    report = client.get(f"/en/classes/{world.class_id}/report").get_data(as_text=True)
    links = re.findall(rf'href="(/en/classes/{world.class_id}/report/\d+)"><bdi>([^<]+)</bdi>', report)
    assert len(links) == 3 and {name for _, name in links} == {"Ali", "Sara", "فاطمة"}
    assert report.count("Robots That Learn") == 1  # the course title once, over its modules
    page = client.get(links[0][0])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and links[0][1] in html
    assert "Learning from examples" in html and "Not started" in html
    assert client.get(f"/en/classes/{world.class_id}/report/999999").status_code == 404
    sign_in("colleague")  # a teacher of the same school who does not teach this class
    assert client.get(links[0][0]).status_code in (403, 404)
