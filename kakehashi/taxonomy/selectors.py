from engine.skills import skill_lookup
from kakehashi.taxonomy.models import Skill


def skill_get_by_text(*, text: str) -> Skill | None:
    """The skill a person typed: its id, English or Japanese name, any taxonomy alias, or a
    short phrase naming one skill ("Amazon EKS"); None when it names none (or several)."""
    text = text.strip()
    if not text:
        return None
    skill_id = skill_lookup(text)
    if skill_id:
        found = Skill.objects.filter(pk=skill_id).first()
        if found:
            return found
    # A skill added in the admin but not (yet) in the engine's data file.
    return (
        Skill.objects.filter(pk=text.lower()).first()
        or Skill.objects.filter(name_en__iexact=text).first()
        or Skill.objects.filter(name_ja=text).first()
    )
