"""The trained skill-span tagger (engine/skills/spans.py) shipped in engine/data."""

from engine.skills.spans import (
    KNOWLEDGE_MODEL,
    SKILL_MODEL,
    default_tagger,
    skill_spans_find,
    span_features,
    tagger_provenance,
)


def test_the_models_are_shipped_small_and_say_how_they_were_trained():
    for path in (SKILL_MODEL, KNOWLEDGE_MODEL):
        assert path.stat().st_size < 20 * 1024 * 1024
    info = tagger_provenance()
    assert len(info["data_sha256"]) == 64 and info["data_file"] == "train.json"
    assert set(info["model_sha256"]) == {
        SKILL_MODEL.name,
        KNOWLEDGE_MODEL.name,
        "skill_span_word_clusters.json",
    }
    assert "MIT" in info["licence"]


def test_it_finds_skill_verb_phrases_not_only_taxonomy_names():
    spans = skill_spans_find(
        "You will manage a small team of engineers and communicate with customers daily ."
    )
    skills = [s for s in spans if s.kind == "SKILL"]
    assert skills, spans
    assert any(s.text.split()[0] in {"manage", "communicate"} for s in skills)


def test_spans_are_linked_to_the_taxonomy_where_an_entry_exists_the_rest_stay_free_text():
    text = "Strong knowledge of Python and Docker , and experience with stakeholder management ."
    spans = skill_spans_find(text)
    linked = {s.skill_id for s in spans if s.skill_id}
    assert {"python", "docker"} <= linked
    for s in spans:
        assert text[s.start : s.end] == s.text
    free = [s for s in spans if s.skill_id is None]
    assert all(s.text for s in free)  # unlinked spans are kept, as written


def test_the_tagger_is_loaded_once_per_process():
    assert default_tagger() is default_tagger()


def test_features_carry_the_taxonomy_gazetteer():
    feats = span_features(["Experience", "with", "Kubernetes", "clusters"])
    assert "tax=B" in feats[2] and "tax=O" in feats[0]
    assert "taxc=cloud_devops" in feats[2]
    assert any(f.startswith("c=") and f != "c=-" for f in feats[1])  # "with": a train word
