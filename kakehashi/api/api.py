"""The REST API (django-ninja: pydantic schemas, OpenAPI 3 at /api/openapi.json, docs at
/api/docs). Token authentication per user; the same access functions as the pages; errors
always as {"error": {"code", "message", "field"}}."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from kakehashi.accounts.limits import client_ip, limit_wait_seconds
from kakehashi.api.services import api_token_check
from kakehashi.candidates.selectors import candidate_profile_read_for_user, profile_texts_as_seen
from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.selectors import job_get_for_user, jobs_search
from kakehashi.pipeline.selectors import application_get_for_user, applications_for_user
from kakehashi.pipeline.services import application_advance, application_apply


class Pages(PageNumberPagination):
    """Page numbers with bounds, so that no request asks the database for an absurd offset."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=200)


class RateLimited(Exception):
    """Too many requests: answered 429 with Retry-After."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


class TokenExpired(AuthenticationError):
    def __init__(self, expired_at):
        super().__init__()
        self.expired_at = expired_at


def _limit(
    request, *, group: str, setting: str, key: str | None = None, count: bool = True
) -> None:
    wait = limit_wait_seconds(
        request, group=group, rate=getattr(settings, setting), key=key, count=count
    )
    if wait is not None:
        raise RateLimited(wait)


class TokenAuth(HttpBearer):
    """A personal token (Authorization: Bearer …). Limits: RATE_LIMIT_API requests per token,
    RATE_LIMIT_API_BAD_TOKEN wrong or expired tokens per client address (a guesser is stopped
    long before a token could be found); counted in the shared cache."""

    def authenticate(self, request, token):
        # An address over the limit of wrong tokens is stopped before any token is looked up,
        # so that a guesser learns nothing more, not even from a right guess.
        bad = {"group": "api-bad-token", "setting": "RATE_LIMIT_API_BAD_TOKEN"}
        bad_key = f"bad-token:{client_ip(request)}"
        _limit(request, **bad, key=bad_key, count=False)
        check = api_token_check(token)
        if check.user is None:
            _limit(request, **bad, key=bad_key)
            if check.expired_at is not None:
                raise TokenExpired(check.expired_at)
            return None
        _limit(request, group="api-token", setting="RATE_LIMIT_API", key=f"token:{check.token_id}")
        request.user = check.user
        return check.user


class OptionalTokenAuth(TokenAuth):
    """Public endpoints: a token, when sent, must be valid; without one, you are anonymous
    (RATE_LIMIT_API_ANONYMOUS requests per client address)."""

    def __call__(self, request):
        if "Authorization" not in request.headers:
            _limit(request, group="api-anonymous", setting="RATE_LIMIT_API_ANONYMOUS")
            request.user = AnonymousUser()
            return request.user
        return super().__call__(request)


api = NinjaAPI(
    title="Kakehashi API",
    version="1",
    description="Japanese IT employers, Pakistani IT professionals and the Ministry of IT & "
    "Telecom. Authenticate with `Authorization: Bearer <token>` (create tokens under "
    "Account → Security → API tokens). A token expires 90 days after it is made (configurable; "
    "401 `token_expired`) and is revoked when its owner's password changes. Requests are "
    "limited per token and per address: past the limit the answer is 429 `rate_limited` "
    "with a `Retry-After` header (seconds).",
    auth=TokenAuth(),
    urls_namespace="api",
)


def _error(request, status: int, code: str, message: str, field: str | None = None):
    return api.create_response(
        request, {"error": {"code": code, "message": message, "field": field}}, status=status
    )


@api.exception_handler(ApplicationError)
def _application_error(request, exc: ApplicationError):
    return _error(request, 400, exc.code, exc.message, exc.field)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, "forbidden", "You may not do this.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    if isinstance(exc, TokenExpired):
        return _error(
            request,
            401,
            "token_expired",
            f"This token expired on {exc.expired_at:%Y-%m-%d %H:%M} UTC. Create a new one "
            "under Account → API tokens.",
        )
    return _error(
        request, 401, "unauthenticated", "Send a valid token: Authorization: Bearer <token>."
    )


@api.exception_handler(RateLimited)
def _rate_limited(request, exc: RateLimited):
    response = _error(
        request,
        429,
        "rate_limited",
        f"Too many requests. Try again in {exc.retry_after} seconds.",
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    field = ".".join(str(p) for p in first.get("loc", [])[1:]) or None
    return _error(request, 422, "invalid", first.get("msg", "Invalid input."), field)


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorBody


class MeOut(Schema):
    email: str
    full_name: str
    role: str
    language: str


class JobSkillOut(Schema):
    skill_id: str
    required: bool
    min_years: float


class JobOut(Schema):
    id: int
    title: str
    employer: str
    status: str
    description_language: str
    openings: int
    prefecture: str
    work_style: str
    salary_min_jpy: int
    salary_max_jpy: int
    jlpt_min: str
    min_experience_years: float
    visa_route: str
    start_date: date | None

    @staticmethod
    def resolve_employer(job) -> str:
        return job.employer.name_en


class JobDetailOut(JobOut):
    description: str
    skills: list[JobSkillOut]

    @staticmethod
    def resolve_skills(job) -> list[dict]:
        return [
            {"skill_id": s.skill_id, "required": s.required, "min_years": float(s.min_years)}
            for s in job.skills.all()
        ]


class CandidateSkillOut(Schema):
    skill_id: str
    years: float | None = Field(None, description="Years of use; null when not known.")


class CandidateOut(Schema):
    id: int
    access: str
    headline: str
    city: str
    jlpt_level: str
    english_level: str
    skills: list[CandidateSkillOut]
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None


class ApplicationOut(Schema):
    id: int
    job_id: int
    job_title: str
    candidate_id: int
    stage: str

    @staticmethod
    def resolve_job_title(app) -> str:
        return app.job.title


class StageIn(Schema):
    stage: str
    reason: str = ""


@api.get("/me", response=MeOut, tags=["account"])
def me(request):
    return request.user


@api.get("/jobs", response=list[JobOut], auth=OptionalTokenAuth(), tags=["jobs"])
@paginate(Pages, page_size=20, max_page_size=200)
def job_list(request, q: str = ""):
    """Open jobs of verified companies, newest first."""
    return jobs_search(q=q)


@api.get(
    "/jobs/{job_id}",
    response={200: JobDetailOut, 404: ErrorOut},
    auth=OptionalTokenAuth(),
    tags=["jobs"],
)
def job_detail(request, job_id: int):
    return job_get_for_user(job_id=job_id, user=request.user)


@api.post(
    "/jobs/{job_id}/applications",
    response={201: ApplicationOut, 400: ErrorOut, 404: ErrorOut},
    tags=["applications"],
)
def job_apply(request, job_id: int):
    """A candidate applies to an open job."""
    job = job_get_for_user(job_id=job_id, user=request.user)
    return Status(201, application_apply(job=job, actor=request.user))


@api.get(
    "/candidates/{profile_id}", response={200: CandidateOut, 404: ErrorOut}, tags=["candidates"]
)
def candidate_detail(request, profile_id: int):
    """A candidate profile as you may see it: blind (no name or contact) for employers until
    the candidate shares it with your company. The CNIC is never in the API."""
    access = candidate_profile_read_for_user(
        profile_id=profile_id, user=request.user, channel="api"
    )
    p = access.profile
    out = {
        "id": p.pk,
        "access": access.level,
        "headline": profile_texts_as_seen(
            access=access, education=p.education.all(), employment=p.employment.all()
        )["headline"],
        "city": p.city,
        "jlpt_level": p.jlpt_level,
        "english_level": p.english_level_effective,
        "skills": [
            {"skill_id": s.skill_id, "years": None if s.years is None else float(s.years)}
            for s in p.skills.all()
        ],
    }
    if access.shows_personal_data:
        out.update(full_name=p.user.full_name, email=p.user.email, phone=p.phone)
    return out


@api.get("/applications", response=list[ApplicationOut], tags=["applications"])
@paginate(Pages, page_size=50, max_page_size=200)
def application_list(request, stage: str = ""):
    apps = applications_for_user(user=request.user).order_by("-updated_at")
    return apps.filter(stage=stage.replace("\x00", "")) if stage else apps


@api.post(
    "/applications/{application_id}/stage",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    tags=["applications"],
)
def application_move(request, application_id: int, body: StageIn):
    """Move an application along the pipeline (each side makes its own moves). An offer and
    its acceptance carry terms, so they are made on the site (the offer page), not here."""
    app = application_get_for_user(application_id=application_id, user=request.user)
    return application_advance(
        application=app, stage=body.stage, actor=request.user, reason=body.reason
    )
