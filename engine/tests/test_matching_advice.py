"""What to learn next, for the person: demo personas of each track get advice of their track."""

from __future__ import annotations

from functools import cache

import numpy as np

from engine.demo import demo_candidates, demo_employers, demo_jobs
from engine.matching.advice import learn_next_options, person_tracks
from engine.matching.demo import candidate_features_from_demo, job_requirements_from_demo
from engine.matching.embed import HashedNgramEmbedder
from engine.matching.index import CandidateIndex
from engine.matching.learn import job_thresholds

TRACKS = ("ai", "programming", "animation", "cloud")


@cache
def world() -> tuple[CandidateIndex, list, dict]:
    people = list(demo_candidates(1500, seed=21))
    feats = [candidate_features_from_demo(c) for c in people]
    emb = HashedNgramEmbedder(dim=64)
    vectors = np.zeros((len(feats), 64), np.float32)
    vectors[:, 0] = 1.0  # texts play no part here: same vector for everyone
    idx = CandidateIndex(embedder=emb).fit(feats, vectors)
    jobs = [j for j in demo_jobs(demo_employers(40), 160, seed=3) if j.status == "open"]
    plans = [idx.plan(job_requirements_from_demo(j), vectors[0]) for j in jobs]
    by_track: dict[str, list] = {}
    for c, f in zip(people, feats, strict=True):
        by_track.setdefault(c.track, []).append(f)
    return idx, plans, by_track


def test_each_tracks_personas_are_told_to_learn_something_of_their_own_track() -> None:
    idx, plans, by_track = world()
    limits = job_thresholds(idx, plans, 20)
    for track in TRACKS:
        advised = 0
        for person in by_track[track][:6]:
            mine = person_tracks(idx, person)
            options = learn_next_options(idx, person, plans, k=20, thresholds=limits, limit=3)
            for o in options:
                assert o.effort, o
                if o.kind == "skill" and o.track and mine and o.track not in mine:
                    # another track only when close to what the person holds, or when it
                    # unlocks far more, and then it says so
                    assert o.closeness >= 0.2 or o.reason == "unlocks_far_more", (track, o)
            if options:
                advised += 1
                top = options[0]
                assert (
                    top.kind == "jlpt"
                    or not top.track
                    or top.track in mine
                    or (top.reason == "unlocks_far_more" or top.closeness >= 0.2)
                ), (track, top)
                assert top.value != "3d-animation" or track == "animation", (track, top)
        assert advised, f"no {track} persona got any advice"


def test_a_framework_next_to_a_held_language_is_close_and_cheap() -> None:
    idx, plans, by_track = world()
    limits = job_thresholds(idx, plans, 20)
    seen = []
    tax = idx.relations_.taxonomy
    for person in [p for t in TRACKS for p in by_track[t][:10]]:
        held = {s.skill_id for s in person.skills}
        for o in learn_next_options(idx, person, plans, k=20, thresholds=limits, limit=5):
            if o.effort == "framework":
                seen.append(o)
                assert o.closeness > 0 and set(tax.ancestors(o.value)) & held
    assert seen, "no framework step offered to anyone"
