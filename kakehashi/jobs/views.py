from django.shortcuts import render

from kakehashi.jobs.selectors import job_get_for_user, jobs_public


def job_list(request):
    jobs = jobs_public().order_by("-created_at")
    query = request.GET.get("q", "").strip()
    if query:
        jobs = jobs.filter(title__icontains=query)
    return render(request, "jobs/list.html", {"jobs": jobs[:50], "query": query})


def job_detail(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    skills = job.skills.select_related("skill").order_by("-required", "skill__name_en")
    return render(request, "jobs/detail.html", {"job": job, "skills": skills})
