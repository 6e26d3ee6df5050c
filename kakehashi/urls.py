from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from kakehashi.api import views as api_views
from kakehashi.api.api import api
from kakehashi.candidates import views as candidates
from kakehashi.core import views as core
from kakehashi.employers import views as employers
from kakehashi.jobs import views as jobs
from kakehashi.matching import views as matching
from kakehashi.missions import views as missions
from kakehashi.missions import views_participation as mission_sides
from kakehashi.pipeline import views as pipeline
from kakehashi.pipeline import views_interviews as interviews
from kakehashi.pipeline import views_offers as offers
from kakehashi.portal import views as portal
from kakehashi.taxonomy import views as taxonomy

admin.site.site_header = "Kakehashi — Ministry of IT & Telecom"

urlpatterns = [
    path("", portal.home, name="home"),
    path("dashboard/", portal.dashboard, name="dashboard"),
    path("language/", core.language_switch, name="language_switch"),
    # accounts
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tokens/", api_views.api_tokens, name="api_tokens"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    # candidates
    path("signup/candidate/", candidates.candidate_signup, name="candidate_signup"),
    path("candidate/", portal.candidate_dashboard, name="candidate_dashboard"),
    path("candidate/profile/", candidates.candidate_profile_edit, name="candidate_profile_edit"),
    path("candidate/consent/", candidates.candidate_consent, name="candidate_consent"),
    path("candidate/data/", candidates.candidate_data, name="candidate_data"),
    path("candidate/cv/", candidates.candidate_cv, name="candidate_cv"),
    path(
        "candidate/cv/<int:document_id>/state/",
        candidates.candidate_cv_state,
        name="candidate_cv_state",
    ),
    path("cv/<int:document_id>/download/", candidates.cv_download, name="cv_download"),
    path(
        "candidate/certifications/",
        candidates.candidate_certifications,
        name="candidate_certifications",
    ),
    path(
        "certifications/<int:certification_id>/evidence/",
        candidates.certification_evidence,
        name="certification_evidence",
    ),
    path("ministry/documents/", portal.documents_queue, name="documents_queue"),
    path("candidates/<int:profile_id>/", candidates.candidate_detail, name="candidate_detail"),
    path(
        "candidates/<int:profile_id>/cnic/",
        candidates.candidate_cnic_reveal,
        name="candidate_cnic_reveal",
    ),
    # employers and facilitators
    path("signup/employer/", employers.employer_signup, name="employer_signup"),
    path("employer/", portal.employer_dashboard, name="employer_dashboard"),
    path("employer/team/", employers.employer_team, name="employer_team"),
    path("invitations/<str:token>/", employers.invitation_accept_view, name="invitation_accept"),
    path("ministry/", portal.facilitator_dashboard, name="facilitator_dashboard"),
    path(
        "ministry/employers/<int:employer_id>/verification/",
        employers.employer_verification_decide,
        name="employer_verification_decide",
    ),
    # jobs
    path("jobs/", jobs.job_list, name="job_list"),
    path("jobs/<int:job_id>/", jobs.job_detail, name="job_detail"),
    path("jobs/new/", jobs.job_create, name="job_create"),
    path("jobs/import/", jobs.jobs_import_view, name="jobs_import"),
    path("jobs/<int:job_id>/apply/", pipeline.job_apply, name="job_apply"),
    path("jobs/<int:job_id>/shortlist/", matching.job_shortlist, name="job_shortlist"),
    path(
        "jobs/<int:job_id>/shortlist/<int:profile_id>/add/",
        matching.shortlist_add,
        name="shortlist_add",
    ),
    path("candidate/jobs/", matching.candidate_jobs, name="candidate_jobs"),
    path("jobs/<int:job_id>/applications/", pipeline.job_applications, name="job_applications"),
    path(
        "applications/<int:application_id>/hire/",
        pipeline.application_hire,
        name="application_hire",
    ),
    path(
        "applications/<int:application_id>/visa/",
        pipeline.application_visa,
        name="application_visa",
    ),
    path(
        "applications/<int:application_id>/action/",
        pipeline.application_action,
        name="application_action",
    ),
    path(
        "applications/<int:application_id>/interview/new/",
        interviews.interview_propose_view,
        name="interview_propose",
    ),
    path(
        "interviews/invites/<int:invite_id>/",
        interviews.interview_invite_detail,
        name="interview_invite_detail",
    ),
    path(
        "interviews/invites/<int:invite_id>/ics/",
        interviews.interview_invite_ics_view,
        name="interview_invite_ics",
    ),
    path(
        "interviews/invites/<int:invite_id>/scorecard/",
        interviews.interview_scorecard,
        name="interview_scorecard",
    ),
    path(
        "applications/<int:application_id>/offer/",
        offers.application_offer,
        name="application_offer",
    ),
    path(
        "applications/<int:application_id>/offer.pdf",
        offers.application_offer_pdf,
        name="application_offer_pdf",
    ),
    path(
        "applications/<int:application_id>/messages/",
        offers.application_messages_view,
        name="application_messages",
    ),
    path(
        "applications/<int:application_id>/resume.pdf",
        offers.application_resume_pdf,
        name="application_resume_pdf",
    ),
    path("notifications/", offers.notices_view, name="notices"),
    path("jobs/<int:job_id>/edit/", jobs.job_edit, name="job_edit"),
    path("skills/search/", taxonomy.skill_search, name="skill_search"),
    path("ministry/missions/", missions.mission_list, name="mission_list"),
    path("ministry/missions/<int:mission_id>/", missions.mission_detail, name="mission_detail"),
    path(
        "ministry/missions/<int:mission_id>/checkin/",
        missions.mission_checkin,
        name="mission_checkin",
    ),
    path(
        "ministry/missions/<int:mission_id>/replan/", missions.mission_replan, name="mission_replan"
    ),
    path(
        "ministry/missions/<int:mission_id>/timetable.pdf",
        missions.mission_timetable_pdf_view,
        name="mission_timetable_pdf",
    ),
    path("interviews/<int:interview_id>/ics/", missions.interview_ics, name="interview_ics"),
    path(
        "ministry/missions/<int:mission_id>/solve/status/",
        mission_sides.mission_solve_status,
        name="mission_solve_status",
    ),
    path("employer/missions/", mission_sides.employer_missions, name="employer_missions"),
    path(
        "missions/<int:mission_id>/availability/",
        mission_sides.mission_availability,
        name="mission_availability",
    ),
    path(
        "missions/invitations/<int:request_id>/",
        mission_sides.interview_request_answer_view,
        name="interview_request_answer",
    ),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
