from django.db.models import Q
from django.shortcuts import render

from kakehashi.taxonomy.forms import SkillSearchForm
from kakehashi.taxonomy.models import Skill


def skill_search(request):
    """Autocomplete for the skill picker (htmx): English or Japanese names, ids and aliases."""
    form = SkillSearchForm(request.GET)
    term = form.values()["q"]
    skills = []
    if len(term) >= 1:
        skills = (
            Skill.objects.filter(
                Q(id__istartswith=term.lower())
                | Q(name_en__icontains=term)
                | Q(name_ja__icontains=term)
                | Q(aliases__icontains=term)
            )
            .select_related("category")
            .order_by("-hot", "name_en")[:15]
        )
    return render(
        request, "taxonomy/_skill_options.html", {"skills": skills, "term": term, "form": form}
    )
