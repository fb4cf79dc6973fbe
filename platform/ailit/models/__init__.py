"""SQLAlchemy 2.0 models, one module per concept. Import them from here."""

from __future__ import annotations

from ailit.models.api_token import ApiToken
from ailit.models.assignment import Assignment
from ailit.models.audit import AuditAction, AuditEvent
from ailit.models.base import Base, utcnow
from ailit.models.card_sign_in import CardSignIn
from ailit.models.certificate import Certificate
from ailit.models.class_membership import ClassMembership
from ailit.models.course_role import CourseRole, CourseRoleName
from ailit.models.course_version import CourseVersion
from ailit.models.classroom import Classroom
from ailit.models.invitation import Invitation
from ailit.models.join_code import JoinCode
from ailit.models.login_throttle import LoginThrottle
from ailit.models.module_progress import ModuleProgress
from ailit.models.picture_password import PicturePassword
from ailit.models.progress_status import ProgressStatus
from ailit.models.quiz_attempt import QuizAttempt
from ailit.models.role import ROLES, Role
from ailit.models.school import School
from ailit.models.school_membership import SchoolMembership
from ailit.models.sign_in_session import SignInSession
from ailit.models.source_revision import SourceRevision
from ailit.models.studio_course import StudioCourse
from ailit.models.studio_event import StudioAction, StudioEvent
from ailit.models.task_file import TaskFile
from ailit.models.task_submission import SubmissionStatus, TaskSubmission
from ailit.models.temporary_password import TemporaryPassword
from ailit.models.user import User
from ailit.models.withdrawn_status_index import WithdrawnStatusIndex

__all__ = [
    "ApiToken",
    "Assignment",
    "AuditAction",
    "AuditEvent",
    "Base",
    "CardSignIn",
    "Certificate",
    "ClassMembership",
    "Classroom",
    "CourseRole",
    "CourseRoleName",
    "CourseVersion",
    "Invitation",
    "JoinCode",
    "LoginThrottle",
    "ModuleProgress",
    "PicturePassword",
    "ProgressStatus",
    "QuizAttempt",
    "Role",
    "ROLES",
    "School",
    "SchoolMembership",
    "SignInSession",
    "SourceRevision",
    "StudioAction",
    "StudioCourse",
    "StudioEvent",
    "SubmissionStatus",
    "TaskFile",
    "TaskSubmission",
    "TemporaryPassword",
    "User",
    "WithdrawnStatusIndex",
    "utcnow",
]
