"""The trained CV entity tagger (engine/cv/tagger.py) and how its mentions fill the profile
(engine/cv/entities.py). The CVs here are made up for the tests, not taken from the dotin set."""

from __future__ import annotations

import hashlib
import json
from datetime import date

from engine.cv import ParsedCv, cv_parse_text
from engine.cv.entities import entities_combine, profile_gaps_fill
from engine.cv.layout import split_lines
from engine.cv.model import Education, Employment, Entity, Evidence
from engine.cv.tagger import (
    FEATURE_VERSIONS_READ,
    MODEL_PATH,
    TaggedSpan,
    default_tagger,
    spans_from_labels,
    token_labels,
    tokenise,
)

CV = """Sana Rauf
Data Engineer
Islamabad | sana.rauf@example.pk

EXPERIENCE
Data Engineer at Ufone
Jan 2021 - Present
Built Spark and Airflow pipelines; Python and SQL every day.

EDUCATION
BS Computer Science, COMSATS University Islamabad, 2020
"""


def test_gold_spans_to_bio_labels_and_back_are_the_same_spans():
    text = "Senior Data Engineer at Arbisoft since 2021"
    tokens = tokenise(text)
    spans = {"designation": [(0, 20)], "companies": [(24, 32)]}
    labels = token_labels(tokens, spans)
    assert labels[:5] == ["B-designation", "I-designation", "I-designation", "O", "B-companies"]
    back = spans_from_labels(tokens, labels)
    assert back == [TaggedSpan("designation", 0, 20), TaggedSpan("companies", 24, 32)]


def test_the_tokeniser_keeps_tech_names_and_emails_whole():
    words = [t.text for t in tokenise("C++, Node.js and C# at ali.k@example.pk (2019-2021)")]
    assert words[:6] == ["C++", ",", "Node.js", "and", "C#", "at"]
    assert "ali.k@example.pk" in words and "2019-2021" in words


def test_the_shipped_model_is_the_one_its_note_describes():
    note = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    data = MODEL_PATH.read_bytes()
    assert note["model_sha256"] == hashlib.sha256(data).hexdigest()
    assert len(data) <= 20 * 1024 * 1024
    assert note["feature_version"] in FEATURE_VERSIONS_READ  # retrain after changing a feature
    assert note["trained_on"]["licence"].startswith("CC0")


def test_the_model_is_opened_once_per_process():
    tagger = default_tagger()
    tagger.tag("Ali Raza, Software Engineer")
    opened = tagger._tagger
    tagger.tag("Hira Batool, QA Engineer")
    assert default_tagger() is tagger and tagger._tagger is opened


def test_a_cv_gets_entity_mentions_with_evidence():
    parsed = cv_parse_text(CV, today=date(2026, 12, 1))
    found = {(e.label, e.value) for e in parsed.entities}
    assert ("email", "sana.rauf@example.pk") in found
    assert ("name", "Sana Rauf") in found
    assert ("designation", "Data Engineer") in found
    for e in parsed.entities:
        assert " ".join(CV[e.evidence.start : e.evidence.end].split()) == e.value


def _parsed(text: str, entities: tuple[Entity, ...]) -> ParsedCv:
    job = Employment(
        employer=None,
        title=None,
        start=date(2021, 1, 1),
        end=None,
        current=True,
        precision="month",
        months=10,
        dates_raw="2021 - now",
        evidence=Evidence(0, 40, 1),
        dates_evidence=Evidence(30, 40, 1),
    )
    school = Education(
        level="bachelor",
        degree="BS",
        field=None,
        institution=None,
        institution_id=None,
        year=None,
        grade=None,
        cgpa=None,
        cgpa_scale=None,
        evidence=Evidence(41, len(text), 2),
    )
    base = cv_parse_text("")
    return ParsedCv(
        **{
            **{f: getattr(base, f) for f in base.__dataclass_fields__},
            "text": text,
            "employment": (job,),
            "education": (school,),
            "entities": entities,
        }
    )


def test_what_the_rules_left_empty_is_taken_from_the_tagged_mentions():
    text = "Data Wrangler, Sky Harbour Freight 2021 - now\nBS, Riverbend College 2019"
    ents = (
        Entity("designation", "Data Wrangler", "tagger", Evidence(0, 13, 1)),
        Entity("companies", "Sky Harbour Freight", "tagger", Evidence(15, 34, 1)),
        Entity("college", "Riverbend College", "tagger", Evidence(50, 67, 2)),
        Entity("graduation_year", "2019", "tagger", Evidence(68, 72, 2)),
    )
    filled = profile_gaps_fill(_parsed(text, ents))
    job, school = filled.employment[0], filled.education[0]
    assert (job.title, job.employer) == ("Data Wrangler", "Sky Harbour Freight")
    assert (school.institution, school.year) == ("Riverbend College", 2019)


def test_the_rules_name_and_email_stand_in_when_the_tagger_has_none():
    text = "Zara Ali\nzara@example.pk"
    lines = split_lines(text)
    parsed = cv_parse_text(text)
    ents = entities_combine(text, lines, [], parsed)
    assert [(e.label, e.value, e.source) for e in ents] == [
        ("name", "Zara Ali", "rules"),
        ("email", "zara@example.pk", "rules"),
    ]


def test_a_tagged_name_is_marked_where_the_cv_repeats_it():
    text = "Zara Ali\nReferences: ask Zara Ali's manager."
    ents = entities_combine(
        text, split_lines(text), [TaggedSpan("name", 0, 8)], cv_parse_text(text)
    )
    assert [(e.label, e.evidence.start) for e in ents if e.label == "name"] == [
        ("name", 0),
        ("name", text.index("Zara Ali", 1)),
    ]


def test_a_huge_text_is_tagged_only_up_to_the_bound():
    from engine.cv.tagger import TAG_MAX_CHARS

    text = (CV + "\n") * (2 * TAG_MAX_CHARS // len(CV) + 1)  # a CV pasted over and over
    spans = default_tagger().tag(text)
    assert spans and max(s.end for s in spans) <= TAG_MAX_CHARS


def test_a_skills_line_and_a_job_header_get_different_line_features():
    from engine.cv.tagger import tagger_sequence

    text = "SKILLS\nPython, Docker, AWS\nEXPERIENCE\nEngineer, Acme Ltd, 2019 - 2021\n"
    tokens, features = tagger_sequence(text)
    at = {t.text: f for t, f in zip(tokens, features, strict=True)}
    # a list of taxonomy skills, right under its heading, with no date on the line
    assert {"segskill=2", "segsep=2", "since=1"} <= set(at["Python"])
    assert "segyear" not in at["Python"]
    # the job header's line holds a year: the words on it are not a skills list
    assert "segyear" in at["Engineer"] and "segskill=0" in at["Engineer"]
