"""`ailit` commands for the certificates capability: verify a credential offline, revoke one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ailit.certificates.credential import verify_credential
from ailit.certificates.issuer import IssuerProfile
from ailit.certificates.keys import KeyFileError, KeyStore, VerificationKey, verification_key_from_document
from ailit.certificates.revocation import StatusUnavailable, check_revocation, http_fetch
from ailit.certificates.wellformed import MalformedCredential, parse_credential
from ailit.services import certificates
from ailit.services.errors import NotFound, ValidationError
from ailit.settings import settings
from ailit.web import config, create_app
from ailit.web.config import public_base_url
from ailit.web.extensions import db


def _keys_from_dir(directory: Path, issuer_id: str) -> list[VerificationKey]:
    """Public keys from JSON files: published verification methods, issuer profiles, or key files.

    A key file without a ``controller`` (``key-1.pub.json`` from a key store) is trusted for
    ``issuer_id``.
    """
    keys: list[VerificationKey] = []
    for path in sorted(directory.glob("*.json")):
        try:
            doc: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"{path}: not readable JSON: {exc}") from exc
        methods = doc.get("verificationMethod", [doc]) if isinstance(doc, dict) else []
        for method in methods if isinstance(methods, list) else []:
            if not isinstance(method, dict) or not ("publicKeyMultibase" in method or "publicKeyJwk" in method):
                continue
            if "controller" not in method:
                method = {**method, "controller": issuer_id, "id": f"{issuer_id}#{method.get('id')}"}
            try:
                keys.append(verification_key_from_document(method))
            except KeyFileError as exc:
                raise click.ClickException(f"{path}: {exc}") from exc
    if not keys:
        raise click.ClickException(f"{directory}: no public keys found (expected *.json key documents)")
    return keys


# How --online fetches status lists (HTTP; a test may point it elsewhere).
STATUS_FETCH = http_fetch


@click.group("certificates")
def certificates_group() -> None:
    """Verify and manage certificates."""


@certificates_group.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--keys", "keys_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Directory of the issuer's published public keys (JSON).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path),
              help="The issuer's AILIT_DATA_DIR: use the public keys of its key store.")
@click.option("--issuer", "issuer_id", metavar="URL",
              help="The issuer id the keys belong to (default: from AILIT_BASE_URL).")
@click.option("--online", is_flag=True,
              help="Also fetch the issuer's status list (credentialStatus) and check revocation.")
def verify_command(
    file: Path, keys_dir: Path | None, data_dir: Path | None, issuer_id: str | None, online: bool
) -> None:
    """Check a signed Open Badges 3.0 credential: exit 0 if valid, 1 if not.

    Offline (the default) checks the signature and validity dates; revocation needs the
    issuer's status list, fetched with --online.
    """
    if keys_dir and data_dir:
        raise click.UsageError("give either --keys or --data-dir, not both")
    issuer_id = issuer_id or IssuerProfile.for_base_url(public_base_url(config.from_environment())).id
    try:
        document = parse_credential(file.read_bytes())
    except (OSError, MalformedCredential) as exc:
        click.echo(f"{file}: invalid: not a JSON credential ({exc})", err=True)
        raise SystemExit(1) from None
    if keys_dir:
        keys = _keys_from_dir(keys_dir, issuer_id)
    else:
        store = KeyStore.for_data_dir(data_dir or settings().data_dir)
        if not store.public_keys():
            raise click.ClickException(f"{store.directory}: no signing keys here")
        keys = store.verification_keys(issuer_id)
    result = verify_credential(document, keys)
    if not result.valid:
        click.echo(f"{file}: invalid: {result.reason}", err=True)
        raise SystemExit(1)
    signed = f"signed by {result.issuer_id} with {result.key_id}"
    if not online:
        click.echo(f"{file}: valid: {signed}; revocation NOT checked (use --online to check the status list)")
        return
    try:
        status = check_revocation(document, str(result.issuer_id), keys, fetch=STATUS_FETCH)
    except StatusUnavailable as exc:
        click.echo(f"{file}: not confirmed: {signed}, but revocation could not be checked: {exc}", err=True)
        raise SystemExit(1) from None
    if status.revoked:
        click.echo(f"{file}: invalid: {signed}, but {status.reason}", err=True)
        raise SystemExit(1)
    click.echo(f"{file}: valid: {signed}; {status.reason}")


@certificates_group.command("revoke")
@click.argument("code")
@click.option("--reason", required=True, help="Why: shown on the certificate's public page.")
def revoke_command(code: str, reason: str) -> None:
    """Revoke the certificate CODE (its public page then says revoked, with the reason)."""
    app = create_app()
    with app.app_context():
        try:
            revoked = certificates.revoke_certificate(db.session, code, reason)
        except NotFound as error:
            raise click.ClickException(f"{code}: {error.message}") from None
        except ValidationError as error:
            raise click.ClickException(f"--reason: {error.message}") from None
        click.echo(f"revoked {revoked.code}: {revoked.revocation_reason}")


COMMANDS: list[click.Command] = [certificates_group]
