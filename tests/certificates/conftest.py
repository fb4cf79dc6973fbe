"""Shared fixtures for certificate tests: keys, claims, and a learner who completed a course."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ailit.certificates.credential import CredentialClaims, StatusEntry
from ailit.certificates.issuer import IssuerProfile
from ailit.certificates.keys import KeyStore
from ailit.services.certificates import CertificateSettings
from ailit.web.extensions import content

from certificate_helpers import ARABIC_NAME, COURSE, complete_course


@pytest.fixture
def key_store(tmp_path):
    return KeyStore.for_data_dir(tmp_path)


@pytest.fixture
def issuer():
    return IssuerProfile.for_base_url("https://ailit.example.org", name="ailit test issuer")


@pytest.fixture
def make_claims():
    def make(**overrides):
        values = dict(
            credential_id="https://ailit.example.org/api/v1/certificates/0ABC/credential",
            learner_id="42",
            learner_name="Zoë Ñúñez",
            achievement_id="https://ailit.example.org/en/courses/ai-explorers/",
            course_title="AI Explorers",
            course_description="What AI is, and how it learns from examples.",
            criteria="Complete every module of the course.",
            stage="primary",
            hours=4,
            issued_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
            locale="en",
            status=StatusEntry("https://ailit.example.org/api/v1/certificates/status/1", 7),
        )
        values.update(overrides)
        return CredentialClaims(**values)

    return make


@pytest.fixture
def cert_settings(app):
    return CertificateSettings(data_dir=app.config["DATA_DIR"], base_url="http://localhost")


@pytest.fixture
def arabic_learner(app, make_user, db_session):
    user = make_user("fatima", display_name=ARABIC_NAME, locale="ar")
    complete_course(db_session, user.id, content.catalogue, COURSE, "ar")
    return user
