from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kakehashi.core.choices import JLPT_CHOICES, prefecture_choices
from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import form_add_application_error
from kakehashi.employers.selectors import employer_for_member
from kakehashi.jobs.forms import JobForm, JobSearchForm, job_form_prefill
from kakehashi.jobs.importer import job_import_start
from kakehashi.jobs.jsonld import job_posting_jsonld, jsonld_script
from kakehashi.jobs.models import Job
from kakehashi.jobs.selectors import (
    job_get_for_user,
    job_import_get_for_user,
    job_imports_for_employer,
    jobs_search,
)
from kakehashi.jobs.services import job_can_edit, job_save


def job_list(request):
    """The public job board: search by title or skill, filter by place, work style and the
    Japanese level a job asks for."""
    form = JobSearchForm(request.GET)
    filters = form.values()
    jobs = jobs_search(**filters)
    return render(
        request,
        "jobs/list.html",
        {
            "jobs": jobs[:50],
            "form": form,
            "filters": filters,
            "prefectures": prefecture_choices(),
            "work_styles": Job.WorkStyle.choices,
            "jlpt_choices": JLPT_CHOICES,
        },
    )


def job_detail(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    skills = job.skills.select_related("skill").order_by("-required", "skill__name_en")
    public = job.status == job.Status.OPEN and job.employer.is_verified
    application = None
    if request.user.is_authenticated and request.user.is_candidate:
        application = job.applications.filter(candidate__user=request.user).first()
    jsonld = (
        jsonld_script(job_posting_jsonld(job, url=request.build_absolute_uri())) if public else ""
    )
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "skills": skills,
            "can_edit": job_can_edit(user=request.user, job=job),
            "jsonld": jsonld,
            "can_apply": public and request.user.is_authenticated and request.user.is_candidate,
            "application": application,
        },
    )


def _job_form_page(request, job=None):
    if request.method == "POST" and "find_skills" in request.POST:
        prefill = job_form_prefill(data=request.POST.copy())
        form = JobForm(prefill.data, instance=job)
        form.errors.clear()  # a pre-fill, not a submission: no errors yet
        messages.info(
            request,
            ngettext(
                "%(n)d skill found in the description. Check it, then save.",
                "%(n)d skills found in the description. Check them, then save.",
                prefill.skills_found,
            )
            % {"n": prefill.skills_found},
        )
        if prefill.fields_filled:
            messages.info(
                request,
                _("Also filled from the description: %(fields)s.")
                % {"fields": ", ".join(prefill.fields_filled)},
            )
        if prefill.mentioned:
            messages.info(
                request,
                _("Named in the description but not added as requirements: %(skills)s.")
                % {"skills": ", ".join(prefill.mentioned)},
            )
        if prefill.free_text:
            messages.info(
                request,
                _("Asked for in the description but not in the skills list: %(items)s.")
                % {"items": "; ".join(prefill.free_text)},
            )
        return render(request, "jobs/form.html", {"form": form, "job": job})
    form = JobForm(request.POST or None, instance=job)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        skills = data.pop("skills")
        try:
            saved = job_save(actor=request.user, fields=data, skills=skills, job=job)
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The job is saved."))
            return redirect("job_detail", job_id=saved.pk)
    return render(request, "jobs/form.html", {"form": form, "job": job})


@role_required("employer")
def job_create(request):
    if not job_can_edit(user=request.user, job=None):
        raise Http404
    return _job_form_page(request)


@role_required("employer")
def job_edit(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    if not job_can_edit(user=request.user, job=job) or job.employer != employer_for_member(
        request.user
    ):
        raise Http404
    return _job_form_page(request, job)


@role_required("employer")
def jobs_import_view(request):
    """Upload a job list; it is read in the background and reported row by row."""
    if not job_can_edit(user=request.user, job=None):
        raise Http404
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a .csv or .xlsx file to import."))
        else:
            try:
                job_import = job_import_start(actor=request.user, upload=upload)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                return redirect("job_import_detail", import_id=job_import.pk)
    imports = job_imports_for_employer(employer=employer_for_member(request.user))[:10]
    return render(request, "jobs/import.html", {"imports": imports})


@role_required("employer")
def job_import_detail(request, import_id: int):
    """One import's row-by-row report (polled by the page while it is being read)."""
    job_import = job_import_get_for_user(import_id=import_id, user=request.user)
    template = (
        "jobs/_import_report.html"
        if request.headers.get("HX-Request")
        else "jobs/import_detail.html"
    )
    return render(request, template, {"job_import": job_import})
