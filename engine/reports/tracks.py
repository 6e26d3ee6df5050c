"""The programme's tracks (AI & data, programming, animation & 3D, cloud & DevOps, …), read
from ``engine/data/tracks.json``: each track covers some skill categories, and a person's or a
job's track is the one their skills weigh most in."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from engine.taxonomy import Taxonomy, taxonomy

if TYPE_CHECKING:
    from engine.matching.index import CandidateIndex

DATA = Path(__file__).resolve().parents[1] / "data" / "tracks.json"
NO_TRACK = -1


@dataclass(frozen=True)
class Tracks:
    version: str
    ids: tuple[str, ...]
    of_category: dict[str, str]  # skill category -> track id

    def of_skills(
        self, skills: Iterable[tuple[str, float]], taxonomy_: Taxonomy | None = None
    ) -> str:
        """The track of ``(skill id, years)`` pairs: each skill weighs 1 + its years in its
        category's track; the heaviest wins (ties: the earlier track in the data file); ""
        when no skill belongs to a track. Unknown skill ids are ignored."""
        tax = taxonomy_ or taxonomy()
        weight = dict.fromkeys(self.ids, 0.0)
        for skill_id, years in skills:
            if skill_id not in tax:
                continue
            track = self.of_category.get(tax.get(skill_id).category)
            if track:
                weight[track] += 1.0 + max(0.0, float(years))
        best = max(self.ids, key=lambda t: (weight[t], -self.ids.index(t)))
        return best if weight[best] > 0 else ""


@cache
def tracks() -> Tracks:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    ids = tuple(t["id"] for t in raw["tracks"])
    known = {c.id for c in taxonomy().categories}
    of_category: dict[str, str] = {}
    for t in raw["tracks"]:
        for category in t["categories"]:
            if category not in known:
                raise ValueError(f"tracks data: unknown skill category {category!r}")
            if category in of_category:
                raise ValueError(f"tracks data: category {category!r} is in two tracks")
            of_category[category] = t["id"]
    return Tracks(version=raw["version"], ids=ids, of_category=of_category)


def index_tracks(index: CandidateIndex) -> npt.NDArray[np.int8]:
    """The track of every used row of ``index`` as a code into ``tracks().ids`` (-1: none),
    by the same rule as :meth:`Tracks.of_skills`, from the skills the index holds."""
    t = tracks()
    tax = index.relations_.taxonomy
    col_track = np.array(
        [
            t.ids.index(t.of_category[c]) if (c := tax.get(s).category) in t.of_category else -1
            for s in index.relations_.skill_ids_
        ],
        dtype=np.int16,
    )
    n, n_tracks = index.n_, len(t.ids)
    weight = np.zeros((n, n_tracks), dtype=np.float64)
    indptr, indices, years = index.csr_
    base = min(index.n_base_, n)
    if base:
        counts = np.diff(indptr[: base + 1])
        rows = np.repeat(np.arange(base), counts)
        cols = indices[: indptr[base]]
        track = col_track[cols]
        keep = track >= 0
        np.add.at(
            weight, (rows[keep], track[keep]), 1.0 + np.maximum(0.0, years[: indptr[base]][keep])
        )
        stale = index.cols_["stale"][:base]
        weight[:base][stale] = 0.0
    for row in index.delta_:
        if row < n:
            cols_r, years_r = index.delta_[row]
            weight[row] = 0.0
            for c, y in zip(cols_r.tolist(), years_r.tolist(), strict=True):
                if col_track[c] >= 0:
                    weight[row, col_track[c]] += 1.0 + max(0.0, y)
    # argmax takes the first maximum: ties go to the earlier track, as in of_skills.
    best = np.argmax(weight, axis=1).astype(np.int8) if n_tracks else np.zeros(n, np.int8)
    best[weight.max(axis=1, initial=0.0) <= 0] = NO_TRACK
    return best
