"""A profile save reaches ranking within seconds and costs nothing measurable: the save
never waits for the embedder, the next recommendations embed no job again, and the
candidate's new vector follows in the background."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from kakehashi.candidates.services import RowEdit, candidate_profile_review_save
from kakehashi.matching import selectors, store, tasks, vectors


class GatedEmbedder:
    """The product's embedder, counting what it is asked to embed, and holding every call
    until the test opens the gate (so a caller that waits for it is caught)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.texts: list[str] = []
        self.gate = threading.Event()

    def encode(self, texts):
        self.texts.extend(texts)
        assert self.gate.wait(30), "the gate was never opened"
        return self.inner.encode(texts)


@pytest.fixture
def gated(monkeypatch):
    embedder = GatedEmbedder(vectors.embedder())
    monkeypatch.setattr(vectors, "embedder", lambda: embedder)
    return embedder


def _skill_rows(profile, **years):
    return [RowEdit(None, {"skill_id": s, "years": y}) for s, y in years.items()]


def test_a_profile_save_is_ranked_within_2_s_and_no_job_is_embedded_again(
    ayesha, sakura_job, gated, matching_live, django_capture_on_commit_callbacks
):
    gated.gate.set()
    store.index_rebuild()
    selectors.candidate_recommendations(profile=ayesha)  # warm: the job's text is embedded
    job_text = f"{sakura_job.title}. {sakura_job.description}"
    assert job_text in gated.texts
    gated.texts.clear()
    gated.gate.clear()  # from here every embedding blocks until the end of the test
    started = time.perf_counter()
    with django_capture_on_commit_callbacks(execute=True):
        candidate_profile_review_save(
            profile=ayesha,
            actor=ayesha.user,
            fields={"headline": "Backend engineer, Python and AWS"},
            skills=_skill_rows(ayesha, python=5, aws=2),
        )
    saved = time.perf_counter() - started
    # The save returned while the embedder was held: it did not wait for it.
    index = store.index_get()
    visible = time.perf_counter() - started
    held = dict(
        zip(*(a.tolist() for a in index._skills_of_row(index.row_of_[ayesha.pk])), strict=True)
    )
    assert held.get(index.relations_.col_["python"]) == 5.0
    assert saved < 2.0 and visible < 2.0
    recs = selectors.candidate_recommendations(profile=ayesha)
    match = next(m for m, job in recs.matches if job.pk == sakura_job.pk)
    assert "python" not in match.explanation.missing
    assert job_text not in gated.texts  # no job was embedded again
    shortlist_scores = selectors.match_scores(job=sakura_job, profile_ids=[ayesha.pk])
    assert shortlist_scores[ayesha.pk] > 0
    assert job_text not in gated.texts
    # The new text's vector follows in the background.
    row = index.row_of_[ayesha.pk]
    old_codes = index.codes_[row].copy()
    gated.gate.set()
    assert tasks.background_wait()
    index = store.index_get()
    new_text = next(t for t in gated.texts if t.startswith("Backend engineer"))
    expect = vectors.text_vectors([new_text])[0]
    got = index.codes_[row].astype(np.float32) * index.cols_["scale"][row]
    assert not np.array_equal(index.codes_[row], old_codes)
    assert float(got @ expect) > 0.99


def test_a_new_candidate_is_ranked_on_the_structured_parts_until_the_vector_comes(
    ayesha, bilal, sakura_job, gated, matching_live, django_capture_on_commit_callbacks
):
    gated.gate.set()
    store.index_rebuild()
    store._delta_append([{"op": "remove", "id": bilal.pk}])  # as if never indexed
    plan = selectors.job_plans([sakura_job])[0]
    assert bilal.pk not in store.index_get().row_of_
    gated.gate.clear()
    with django_capture_on_commit_callbacks(execute=True):
        candidate_profile_review_save(
            profile=bilal,
            actor=bilal.user,
            fields={"headline": "Python developer in Karachi"},
            skills=_skill_rows(bilal, python=4),
        )
    index = store.index_get()
    row = index.row_of_[bilal.pk]
    assert index.cols_["scale"][row] == 0  # no vector yet: the semantic part is unknown
    ranked = {m.candidate_id: m for m in index.top_candidates(plan)}
    assert "semantic" in ranked[bilal.pk].explanation.unknown
    gated.gate.set()
    assert tasks.background_wait()
    index = store.index_get()
    assert index.cols_["scale"][index.row_of_[bilal.pk]] > 0
