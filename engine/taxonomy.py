"""The skills taxonomy: every job and every CV is mapped to these skills.

The data file ``engine/data/skills.json`` is versioned and carries its attribution
(O*NET 29.2, CC BY 4.0; ESCO, European Commission). Skill ids are stable slugs
("python", "machine-learning", "blender") and never change meaning once published.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "skills.json"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name_en: str
    name_ja: str


@dataclass(frozen=True, slots=True)
class Skill:
    id: str
    name_en: str
    name_ja: str
    category: str
    aliases: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    esco_uri: str = ""
    onet_codes: tuple[str, ...] = ()
    hot: bool = False


@dataclass(frozen=True)
class Taxonomy:
    version: str
    attribution: tuple[str, ...]
    categories: tuple[Category, ...]
    skills: tuple[Skill, ...]
    _by_id: dict[str, Skill] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({s.id: s for s in self.skills})

    def __len__(self) -> int:
        return len(self.skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._by_id

    def get(self, skill_id: str) -> Skill:
        """The skill with this id; KeyError if there is none."""
        return self._by_id[skill_id]

    def ancestors(self, skill_id: str) -> list[str]:
        """Ids of every parent, grandparent, ... of a skill, nearest first, without repeats."""
        seen: list[str] = []
        frontier = list(self._by_id[skill_id].parents)
        while frontier:
            nxt: list[str] = []
            for pid in frontier:
                if pid not in seen and pid != skill_id:
                    seen.append(pid)
                    nxt.extend(self._by_id[pid].parents)
            frontier = nxt
        return seen


def taxonomy_from_dict(raw: dict[str, Any]) -> Taxonomy:
    """Build a Taxonomy from the parsed data file, checking that every link resolves."""
    cats = tuple(Category(**c) for c in raw["categories"])
    skills = tuple(
        Skill(
            id=s["id"],
            name_en=s["name_en"],
            name_ja=s.get("name_ja", ""),
            category=s["category"],
            aliases=tuple(s.get("aliases", ())),
            parents=tuple(s.get("parents", ())),
            esco_uri=s.get("esco_uri", ""),
            onet_codes=tuple(s.get("onet_codes", ())),
            hot=bool(s.get("hot", False)),
        )
        for s in raw["skills"]
    )
    tax = Taxonomy(
        version=str(raw["version"]),
        attribution=tuple(raw.get("attribution", ())),
        categories=cats,
        skills=skills,
    )
    if len(tax._by_id) != len(skills):
        raise ValueError("duplicate skill ids in the taxonomy")
    cat_ids = {c.id for c in cats}
    for s in skills:
        if s.category not in cat_ids:
            raise ValueError(f"skill {s.id!r} has unknown category {s.category!r}")
        for p in s.parents:
            if p not in tax:
                raise ValueError(f"skill {s.id!r} has unknown parent {p!r}")
    return tax


@cache
def taxonomy() -> Taxonomy:
    """The shipped taxonomy, read once per process."""
    return taxonomy_from_dict(json.loads(DATA.read_text(encoding="utf-8")))
