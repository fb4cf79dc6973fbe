"""`ailit certificates verify --online`: the status list, its signature, its validity and the bit,
fetched over HTTP from the app served on 127.0.0.1; offline, the command says revocation was
not checked."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from ailit.certificates.credential import sign_credential
from ailit.certificates.keys import KeyStore
from ailit.certificates.revocation import StatusUnavailable, check_revocation, http_fetch
from ailit.certificates.status import VALIDITY, status_list_credential
from ailit.cli import main
from ailit.services import certificates
from tests.browser_fixtures import address, serving


@pytest.fixture
def served(app):
    """The app listening on 127.0.0.1 (an ephemeral port), with its base URL set to that address."""
    with serving(app) as server:
        app.config["BASE_URL"] = address(server)
        yield app


def _issued_credential(client, auth, app, tmp_path):
    code = issue_via_api_at(client, auth, app.config["BASE_URL"])
    doc = client.get(f"/api/v1/certificates/{code}/credential").get_json()
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return code, doc, path


def issue_via_api_at(client, auth, base_url):
    auth.login("fatima", locale="ar")
    response = client.post("/api/v1/certificates", json={"course_id": "sample-robots", "locale": "ar"})
    assert response.status_code == 201 and response.get_json()["verify_url"].startswith(base_url)
    return response.get_json()["code"]


def _verify(app, path, *extra):
    issuer = app.config["BASE_URL"] + "/api/v1/issuer"
    return CliRunner().invoke(
        main, ["certificates", "verify", str(path), "--data-dir", str(app.config["DATA_DIR"]), "--issuer", issuer, *extra]
    )


def test_online_verification_reads_the_served_status_list(served, client, auth, arabic_learner, db_session, tmp_path):
    code, doc, path = _issued_credential(client, auth, served, tmp_path)
    assert doc["credentialStatus"]["statusListCredential"].startswith("http://127.0.0.1:")

    offline = _verify(served, path)
    assert offline.exit_code == 0 and "revocation NOT checked" in offline.output

    online = _verify(served, path, "--online")
    assert online.exit_code == 0, online.output
    assert "not revoked" in online.output

    certificates.revoke_certificate(db_session, code, "Issued by mistake")
    revoked = _verify(served, path, "--online")
    assert revoked.exit_code == 1 and "revoked by its issuer" in revoked.output
    assert _verify(served, path).exit_code == 0  # offline cannot know, and says so


def test_the_status_list_carries_valid_until(client):
    status = client.get("/api/v1/certificates/status/1").get_json()
    valid_from = datetime.fromisoformat(status["validFrom"].replace("Z", "+00:00"))
    valid_until = datetime.fromisoformat(status["validUntil"].replace("Z", "+00:00"))
    assert valid_until - valid_from == VALIDITY


def test_an_unreachable_status_list_is_not_a_pass(served, client, auth, arabic_learner, tmp_path):
    _, doc, path = _issued_credential(client, auth, served, tmp_path)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(StatusUnavailable, match="cannot fetch"):
        http_fetch(f"http://127.0.0.1:{port}/api/v1/certificates/status/1")
    with pytest.raises(StatusUnavailable, match="not http"):
        http_fetch("file:///etc/passwd")


# --- the status list's own checks, with lists served by a function -----------------------------


@pytest.fixture
def issued(key_store, issuer, make_claims):
    """A signed credential, the issuer's keys and a function that signs status lists."""
    key = key_store.signing_key()
    claims = make_claims()
    from ailit.certificates.credential import build_credential

    credential = sign_credential(build_credential(claims, issuer), key, f"{issuer.id}#{key.key_id}")
    url = credential["credentialStatus"]["statusListCredential"]
    index = int(credential["credentialStatus"]["statusListIndex"])

    def status_list(revoked=(), now=None, signer=key, **changes):
        doc = status_list_credential(url, issuer.id, revoked, now or datetime.now(UTC))
        doc.update(changes)
        doc = {k: v for k, v in doc.items() if v is not None}
        return sign_credential(doc, signer, f"{issuer.id}#{signer.key_id}")

    return credential, key_store.verification_keys(issuer.id), status_list, index


def _served(document):
    return lambda url: json.dumps(document).encode()


def test_the_bit_decides(issued, issuer):
    credential, keys, status_list, index = issued
    assert not check_revocation(credential, issuer.id, keys, _served(status_list())).revoked
    assert check_revocation(credential, issuer.id, keys, _served(status_list([index]))).revoked
    assert not check_revocation(credential, issuer.id, keys, _served(status_list([index + 1]))).revoked


def _other_key(tmp_path):
    return KeyStore.for_data_dir(tmp_path / "other").signing_key()


@pytest.mark.parametrize(
    ("case", "match"),
    [
        ("signed by another key", "not valid"),
        ("expired (an old copy replayed)", "expired"),
        ("without validUntil", "no validUntil"),
        ("another list's id", "says it is"),
        ("another purpose", "purpose"),
        ("bits altered after signing", "not valid"),
        ("not JSON", "not JSON"),
        ("duplicate keys", "appears twice"),
    ],
)
def test_a_status_list_that_cannot_be_trusted_is_refused(issued, issuer, tmp_path, case, match):
    credential, keys, status_list, index = issued
    if case == "signed by another key":
        document = status_list(signer=_other_key(tmp_path))
    elif case == "expired (an old copy replayed)":
        document = status_list(now=datetime.now(UTC) - VALIDITY - timedelta(minutes=1))
    elif case == "without validUntil":
        document = status_list(validUntil=None)
    elif case == "another list's id":
        document = status_list(id="https://ailit.example.org/api/v1/certificates/status/2")
    elif case == "another purpose":
        document = status_list()
        document["credentialSubject"]["statusPurpose"] = "suspension"
        key = KeyStore.for_data_dir(tmp_path).signing_key()
        document = sign_credential({k: v for k, v in document.items() if k != "proof"}, key, f"{issuer.id}#{key.key_id}")
    elif case == "bits altered after signing":
        document = status_list([index])
        document["credentialSubject"]["encodedList"] = status_list()["credentialSubject"]["encodedList"]
    if case == "not JSON":
        fetch = lambda url: b"<html>"  # noqa: E731
    elif case == "duplicate keys":
        fetch = lambda url: b'{"id": "a", "id": "b"}'  # noqa: E731
    else:
        fetch = _served(document)
    with pytest.raises(StatusUnavailable, match=match):
        check_revocation(credential, issuer.id, keys, fetch)


def test_a_credential_without_status_cannot_be_checked(issued, issuer):
    credential, keys, status_list, _ = issued
    bare = {k: v for k, v in credential.items() if k != "credentialStatus"}
    with pytest.raises(StatusUnavailable, match="no revocation status list"):
        check_revocation(bare, issuer.id, keys, _served(status_list()))

