from django.db.models import Q
from django.shortcuts import render

from kakehashi.taxonomy.forms import SkillSearchForm
from kakehashi.taxonomy.models import Skill
from kakehashi.taxonomy.selectors import skill_get_by_text


def skill_search(request):
    """Autocomplete for the skill picker (htmx): English or Japanese names, ids and aliases;
    the skill the whole term names ("Amazon EKS" → Kubernetes) comes first."""
    form = SkillSearchForm(request.GET)
    term = form.values()["q"]
    skills: list[Skill] = []
    if len(term) >= 1:
        named = skill_get_by_text(text=term)
        skills = [named] if named else []
        skills += [
            s
            for s in Skill.objects.filter(
                Q(id__istartswith=term.lower())
                | Q(name_en__icontains=term)
                | Q(name_ja__icontains=term)
                | Q(aliases__icontains=term)
            )
            .select_related("category")
            .order_by("-hot", "name_en")[:15]
            if s != named
        ][: 15 - len(skills)]
    return render(
        request, "taxonomy/_skill_options.html", {"skills": skills, "term": term, "form": form}
    )
