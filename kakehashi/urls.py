from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from kakehashi.accounts import views as accounts
from kakehashi.accounts.limits import rate_limited
from kakehashi.api import views as api_views
from kakehashi.api.api import api
from kakehashi.audit import views as audit
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
from kakehashi.portal import health
from kakehashi.portal import views as portal
from kakehashi.reports import views as reports
from kakehashi.taxonomy import views as taxonomy

admin.site.site_header = "Kakehashi — Ministry of IT & Telecom"

urlpatterns = [
    path("", portal.home, name="home"),
    path("dashboard/", portal.dashboard, name="dashboard"),
    path("language/", core.language_switch, name="language_switch"),
    path("health/live", health.health_live, name="health_live"),
    path("health/ready", health.health_ready, name="health_ready"),
    # accounts
    path("login/", accounts.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tokens/", api_views.api_tokens, name="api_tokens"),
    path("account/security/", accounts.account_security, name="account_security"),
    path("account/password/", accounts.password_change, name="password_change"),
    path("account/two-step/setup/", accounts.mfa_setup, name="mfa_setup"),
    path("account/two-step/", accounts.mfa_verify, name="mfa_verify"),
    path(
        "account/two-step/recovery-codes/",
        accounts.mfa_recovery_codes_make,
        name="mfa_recovery_codes_make",
    ),
    path("confirm/sent/", accounts.email_confirm_sent, name="email_confirm_sent"),
    path("confirm/resend/", accounts.email_confirm_resend, name="email_confirm_resend"),
    path("confirm/<str:token>/", accounts.email_confirm_view, name="email_confirm"),
    path(
        "password-reset/",
        rate_limited(group="password_reset", setting="RATE_LIMIT_PASSWORD_RESET")(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
            )
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
        accounts.PasswordResetConfirmView.as_view(),
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
    path("candidate/data/seen/", candidates.candidate_data_seen, name="candidate_data_seen"),
    path("candidate/cv/", candidates.candidate_cv, name="candidate_cv"),
    path(
        "candidate/cv/<int:document_id>/state/",
        candidates.candidate_cv_state,
        name="candidate_cv_state",
    ),
    path(
        "candidate/cv/<int:document_id>/delete/",
        candidates.candidate_cv_delete,
        name="candidate_cv_delete",
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
    path("ministry/audit/", audit.access_records, name="audit_access_records"),
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
    path("employer/terms/", employers.company_terms, name="company_terms"),
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
    path("jobs/import/<int:import_id>/", jobs.job_import_detail, name="job_import_detail"),
    path("jobs/<int:job_id>/apply/", pipeline.job_apply, name="job_apply"),
    path("jobs/<int:job_id>/shortlist/", matching.job_shortlist, name="job_shortlist"),
    path(
        "jobs/<int:job_id>/shortlist/ticked/<slug:action>/",
        matching.shortlist_bulk,
        name="shortlist_bulk",
    ),
    path(
        "jobs/<int:job_id>/shortlist/<int:profile_id>/add/",
        matching.shortlist_add,
        name="shortlist_add",
    ),
    path("candidate/jobs/", matching.candidate_jobs, name="candidate_jobs"),
    path("jobs/<int:job_id>/applications/", matching.job_applications, name="job_applications"),
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
        "ministry/missions/<int:mission_id>/shortlists/",
        missions.mission_shortlists,
        name="mission_shortlists",
    ),
    path(
        "ministry/missions/<int:mission_id>/timetable.pdf",
        missions.mission_timetable_pdf_view,
        name="mission_timetable_pdf",
    ),
    path("interviews/<int:interview_id>/ics/", missions.interview_ics, name="interview_ics"),
    path(
        "interviews/<int:interview_id>/scorecard/",
        missions.mission_interview_scorecard,
        name="mission_interview_scorecard",
    ),
    # the ministry's reports
    path("ministry/reports/", reports.report_supply, name="report_supply"),
    path("ministry/reports/funnel/", reports.report_funnel, name="report_funnel"),
    path("ministry/reports/steps/", reports.report_steps, name="report_steps"),
    path("ministry/reports/training/", reports.report_training, name="report_training"),
    path(
        "ministry/reports/training/cohort/",
        reports.report_training_cohort,
        name="report_training_cohort",
    ),
    path("ministry/reports/fairness/", reports.report_fairness, name="report_fairness"),
    path("ministry/reports/missions/", reports.report_missions, name="report_missions"),
    path(
        "ministry/reports/supply/compute/",
        reports.report_supply_compute,
        name="report_supply_compute",
    ),
    path("ministry/reports/<slug:slug>/export/", reports.report_export, name="report_export"),
    path(
        "ministry/reports/exports/<int:export_id>/",
        reports.report_export_status,
        name="report_export_status",
    ),
    path(
        "ministry/reports/exports/<int:export_id>/download/",
        reports.report_export_download,
        name="report_export_download",
    ),
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

# Error pages in the reader's language (kakehashi/core/views.py); used when DEBUG is false.
handler400 = core.bad_request
handler403 = core.permission_denied
handler404 = core.page_not_found
handler500 = core.server_error
