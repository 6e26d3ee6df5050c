"""skill_lookup: one skill as a person types it in a form, to its taxonomy id."""

import pytest

from engine.skills import skill_lookup
from engine.taxonomy import taxonomy_from_dict


@pytest.mark.parametrize(
    ("typed", "skill_id"),
    [
        ("github-actions", "github-actions"),  # the id
        ("GitLab CI/CD", "gitlab-ci"),  # the English name
        ("機械学習", "machine-learning"),  # the Japanese name
        ("k8s", "kubernetes"),  # an alias
        ("ＰＹＴＨＯＮ", "python"),  # full width, any case
        ("  docker  ", "docker"),
        ("Amazon EKS", "kubernetes"),  # a vendor's name around an alias
        ("AWS Lambda", "aws-lambda"),
    ],
)
def test_it_finds_the_skill_a_person_typed(typed, skill_id):
    assert skill_lookup(typed) == skill_id


@pytest.mark.parametrize("typed", ["Klingon", "COBOL-ish", "Python and Java", "", "   "])
def test_it_refuses_what_names_no_skill_or_several(typed):
    assert skill_lookup(typed) is None


def test_a_name_wins_over_another_skills_alias():
    tax = taxonomy_from_dict(
        {
            "version": "t",
            "categories": [{"id": "c", "name_en": "C", "name_ja": "C"}],
            "skills": [
                {"id": "a", "name_en": "Alpha", "category": "c", "aliases": ["Beta"]},
                {"id": "b", "name_en": "Beta", "category": "c"},
            ],
        }
    )
    assert skill_lookup("beta", tax=tax) == "b"
    assert skill_lookup("Amazon Beta", tax=tax) is None  # no extractor for a test taxonomy
