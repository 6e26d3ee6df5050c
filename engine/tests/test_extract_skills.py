"""Skill extraction: the hard cases named in issue 3, in English and Japanese."""

import pytest

from engine.skills import SkillExtractor, skills_extract
from engine.taxonomy import taxonomy


def found(text, **kw):
    return {m.skill_id: m for m in skills_extract(text, **kw).mentions}


def test_spans_point_into_the_input_and_the_taxonomy_version_is_recorded():
    text = "We use Python and PostgreSQL."
    res = skills_extract(text)
    assert res.taxonomy_version == taxonomy().version
    for m in res.mentions:
        assert text[m.start : m.end] == m.surface
    assert res.skill_ids() == ["python", "postgresql"]


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"),
    [
        ("Strong C++ and STL knowledge", "cpp", "C++"),
        ("Backend services in C# on Azure", "csharp", "C#"),
        ("APIs built with .NET 8", "dotnet", ".NET"),
        ("REST services in Node.js, deployed on AWS", "nodejs", "Node.js"),
        ("Experience with CI/CD pipelines", "ci-cd", "CI/CD"),
        ("Frontend in ReactJS", "react", "ReactJS"),
        ("Ran workloads on k8s", "kubernetes", "k8s"),
        ("Models in scikit-learn", "scikit-learn", "scikit-learn"),
    ],
)
def test_names_with_punctuation_match_whole(text, skill_id, surface):
    m = found(text)[skill_id]
    assert m.surface == surface


def test_java_is_not_found_inside_javascript_nor_c_inside_cpp():
    ids = found("JavaScript and C++ developer")
    assert "javascript" in ids and "cpp" in ids
    assert "java" not in ids and "c" not in ids


def test_full_width_characters_are_normalised_and_spans_stay_on_the_input():
    text = "Ｐｙｔｈｏｎ、ＡＷＳ、Ｃ＋＋"
    res = found(text)
    assert {"python", "aws", "cpp"} <= set(res)
    assert res["python"].surface == "Ｐｙｔｈｏｎ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Backend services in Go and PostgreSQL", True),
        ("Golang microservices", True),
        ("We go to great lengths for our clients.", False),
        ("Let's Go to market together.", False),
    ],
)
def test_go_needs_context(text, expected):
    assert ("go" in found(text)) is expected


@pytest.mark.parametrize(
    ("text", "skill_id", "expected"),
    [
        ("Statistical modelling in R and Python", "r", True),
        ("Worked in the R&D department", "r", False),
        ("Firmware in C for ARM microcontrollers", "c", True),
        ("Grade C students welcome", "c", False),
        ("iOS apps in Swift and SwiftUI", "swift", True),
        ("Swift delivery is what we value", "swift", False),
        ("Java and Spring microservices", "spring", True),
        ("Applications open for the Spring semester", "spring", False),
        ("Systems programming in Rust and C++", "rust", True),
        ("Rust prevention for steel bridges", "rust", False),
        ("Advanced Excel (pivot tables, VLOOKUP) and VBA", "excel", True),
        ("You will Excel in a fast-paced team", "excel", False),
        ("You will excel in a fast-paced team", "excel", False),
    ],
)
def test_ambiguous_short_names_are_decided_by_context(text, skill_id, expected):
    assert (skill_id in found(text)) is expected


def test_negation_in_english():
    res = found("No experience with Kubernetes, but 3 years of Docker.")
    assert res["kubernetes"].negated
    assert not res["docker"].negated
    assert found("Knowledge of Java is not required.")["java"].negated


@pytest.mark.parametrize(
    ("text", "skill_id", "years"),
    [
        ("3+ years of Python", "python", 3.0),
        ("Java (5 years), Kotlin (2 years)", "kotlin", 2.0),
        ("at least four years of AWS experience", "aws", 4.0),
        ("3-5 years experience in React", "react", 3.0),
        ("Python 3年以上", "python", 3.0),
        ("Javaでの開発経験三年以上", "java", 3.0),
        ("AWSの実務経験1年半以上", "aws", 1.5),
        ("Ｐｙｔｈｏｎ　３年以上", "python", 3.0),
        ("Unity歴6ヶ月以上", "unity", 0.5),
    ],
)
def test_years_of_experience(text, skill_id, years):
    assert found(text)[skill_id].years == years


def test_requirement_strength_in_english_sentences_and_sections():
    text = "Requirements:\n- Python\n- SQL\nNice to have:\n- Terraform\nDocker is required, Kafka is a plus."
    res = found(text)
    assert res["python"].strength == "must"
    assert res["sql"].strength == "must"
    assert res["terraform"].strength == "preferred"
    assert res["docker"].strength == "must"
    assert res["kafka"].strength == "preferred"


def test_requirement_strength_in_japanese_including_split_nao_ka():
    text = "【必須】\n・Java\n【歓迎】\n・AWS\nPythonの経験があれば尚可。Linuxの知識（必須）"
    res = found(text)
    assert res["java"].strength == "must"
    assert res["aws"].strength == "preferred"
    assert res["python"].strength == "preferred"  # Sudachi splits 尚可 into 尚/可
    assert res["linux"].strength == "must"


def test_japanese_concepts_are_found_whole_with_sudachi_boundaries():
    res = found("機械学習とディープラーニングを用いた画像認識、要件定義から基本設計まで担当。")
    assert {
        "machine-learning",
        "deep-learning",
        "computer-vision",
        "requirements-definition",
        "system-design",
    } <= set(res)
    assert res["machine-learning"].surface == "機械学習"


def test_japanese_negation():
    res = found("Kubernetesの経験はありません。Dockerは未経験です。Pythonは3年。")
    assert res["kubernetes"].negated and res["docker"].negated
    assert not res["python"].negated


def test_animation_vocabulary_in_japanese():
    res = found("Blender、Mayaを用いた3DCG制作とリギング、After Effectsでのコンポジット。")
    assert {"blender", "maya", "3d-modelling", "rigging", "after-effects", "compositing"} <= set(
        res
    )


def test_english_only_text_does_not_need_sudachi(monkeypatch):
    import engine.skills.japanese as ja

    def boom(text):
        raise AssertionError("Sudachi should not run on English text")

    monkeypatch.setattr(ja, "sudachi_boundaries", boom)
    assert "python" in found("Python developer")


# --- issue 12: wrong results seen on a real CV and a Japanese posting -------------------

BASIC = "beginner-s-all-purpose-symbolic-instruction-code-basic"


@pytest.mark.parametrize(
    "text",
    [
        "Languages: Go (basic), Python (advanced), Docker",
        "Google Cloud basics, AWS, Terraform",
        "Go (BASIC), Python, Docker",
        "Basic knowledge of SQL and Linux",
        "English (basic), Japanese (JLPT N4)",
    ],
)
def test_level_words_are_not_the_basic_language(text):
    assert BASIC not in found(text)


def test_the_basic_language_counts_when_written_as_a_language_with_context():
    assert BASIC in found("Maintained legacy programs written in BASIC and COBOL")


def test_go_with_a_level_word_is_still_go():
    ids = found("Go (basic), Python, Docker")
    assert {"go", "python", "docker"} <= set(ids)


@pytest.mark.parametrize(
    ("text", "skill_id", "kind"),
    [
        ("JLPT N4, December 2024", "jlpt", "language"),
        ("IELTS 7.5 (2023)", "ielts", "language"),
        ("TOEIC 800", "toeic", "language"),
        ("日本語：ビジネスレベル", "japanese", "language"),
        ("英語：日常会話レベル", "english", "language"),
        ("日本語能力試験N2以上", "jlpt", "language"),
        ("BS in Computer Science, FAST NUCES", "computer-science", "field_of_study"),
    ],
)
def test_languages_tests_and_fields_of_study_are_set_aside_not_skills(text, skill_id, kind):
    res = skills_extract(text)
    assert skill_id not in res.skill_ids()
    assert [(m.skill_id, m.kind) for m in res.set_aside if m.skill_id == skill_id] == [
        (skill_id, kind)
    ]


def test_a_cv_skills_line_keeps_the_skills_and_sets_the_languages_aside():
    res = skills_extract("Skills: Python, Docker, JLPT N4, IELTS 7.5, computer science")
    assert res.skill_ids() == ["python", "docker"]
    assert {m.skill_id for m in res.set_aside} == {"jlpt", "ielts", "computer-science"}


# --- bounds: what one text may contribute -------------------------------------------------


def test_text_beyond_the_read_limit_is_not_read_and_the_result_says_so():
    ex = SkillExtractor(max_chars=100).fit()
    text = "Python and Docker. " + "x" * 200 + " Kubernetes"
    res = ex.extract(text)
    assert res.truncated
    assert res.skill_ids() == ["python", "docker"]
    assert not SkillExtractor().fit().extract("Python and Docker.").truncated


def test_a_keyword_repeated_a_thousand_times_counts_at_most_twenty_times():
    res = skills_extract("Python, " * 1000 + "Docker")
    assert sum(m.skill_id == "python" for m in res.mentions) == 20
    assert "docker" in res.skill_ids() and res.truncated


def test_long_text_gives_the_same_mentions_as_its_parts():
    block = "Built services in Go and Python with Docker; 3+ years of React.\n"
    ex = SkillExtractor(max_chars=None, max_mentions_per_skill=10**6).fit()
    one = [(m.skill_id, m.years) for m in ex.extract(block).mentions]
    many = [(m.skill_id, m.years) for m in ex.extract(block * 300).mentions]
    assert many == one * 300
