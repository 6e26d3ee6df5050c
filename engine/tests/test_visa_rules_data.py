"""The rules file and the message catalogue: complete, sourced, consistent across languages."""

import json
import re
import string

import pytest

from engine.visa import Msg, load_visa_rules, msg, render, salary_floor_yen, visa_rules
from engine.visa.messages import DATA as MESSAGES_DATA
from engine.visa.messages import LANGUAGES, catalogue, format_yen
from engine.visa.rules import DATA as RULES_DATA


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_rules_and_messages_are_versioned():
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", visa_rules().version)
    assert json.loads(MESSAGES_DATA.read_text(encoding="utf-8"))["version"]


def test_every_points_row_cites_sources_and_a_tag():
    for row in visa_rules().hsp.rows:
        assert row.tag in ("O", "S", "U"), row.id
        assert row.sources, row.id


def test_unverified_and_secondary_rows_are_the_ones_domain_md_marks():
    rules = visa_rules()
    weaker = {row.id: row.tag for row in rules.hsp.rows if row.tag != "O"}
    assert weaker == {"degree.mba_mot": "S", "employer.local_government_hsp_support": "S"}
    assert rules.ssw.tag == "U" and rules.intra_company.tag == "U"
    assert rules.engineer.tag == "S"


def test_thresholds_come_from_the_data():
    hsp = visa_rules().hsp
    assert (hsp.salary_floor_yen, hsp.pass_points, hsp.fast_track_points) == (3_000_000, 70, 80)
    assert (hsp.pr_years_at_pass, hsp.pr_years_at_fast_track) == (3, 1)


def test_pakistan_is_not_on_the_it_notice_list():
    assert "PK" not in visa_rules().engineer.it_notice_countries


def test_every_message_has_all_three_languages_with_the_same_placeholders():
    for message_id, texts in catalogue().items():
        assert set(texts) == set(LANGUAGES), message_id
        names = placeholders(texts["en"])
        for lang in LANGUAGES:
            assert texts[lang].strip(), (message_id, lang)
            assert placeholders(texts[lang]) == names, (message_id, lang)


def test_japanese_and_urdu_are_written_in_their_own_scripts():
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    urdu = re.compile(r"[\u0600-\u06ff]")
    for message_id, texts in catalogue().items():
        assert japanese.search(texts["ja"]), message_id
        assert urdu.search(texts["ur"]), message_id


def test_every_message_the_rules_refer_to_exists():
    rules = visa_rules()
    needed = {row.message for row in rules.hsp.rows} | {g.item for g in rules.hsp.groups}
    needed |= {f"ssw.field.{f}" for f in rules.ssw.fields}
    needed |= set(rules.ssw.extra_tests.values())
    needed |= {f"duties.{d}" for d in rules.duties}
    needed |= {f"route.{r}" for r in ("engineer_humanities_intl", "hsp_ib", "ssw_i")}
    assert needed <= set(catalogue())


@pytest.mark.parametrize(
    ("amount", "lang", "text"),
    [
        (6_000_000, "en", "¥6,000,000"),
        (6_000_000, "ja", "600万円"),
        (5_234_000, "ja", "523万4,000円"),
        (10_000_000, "ja", "1,000万円"),
        (9_999, "ja", "9,999円"),
        (6_000_000, "ur", "¥6,000,000"),
    ],
)
def test_yen_is_written_as_people_write_it(amount, lang, text):
    assert format_yen(amount, lang) == text


def test_nested_messages_render_in_the_same_language():
    message = msg("route.block.duties_out_of_scope", duties=msg("duties.other"))
    assert "専門的・技術的分野以外の業務" in render(message, "ja")


def test_render_refuses_unknown_language_message_and_missing_parameter():
    with pytest.raises(ValueError, match="unknown language"):
        render(msg("route.hsp_ib"), "fr")
    with pytest.raises(ValueError, match="no en text"):
        render(Msg("hsp.nothing"), "en")
    with pytest.raises(ValueError, match="needs parameter"):
        render(msg("hsp.block.points_short", points=60), "en")


def _broken_copy(tmp_path, mutate):
    raw = json.loads(RULES_DATA.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "visa_rules.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_a_row_testing_an_unknown_fact_is_refused_by_name(tmp_path):
    def mutate(raw):
        raw["hsp_ib"]["rows"][0]["when"] = [{"fact": "height_cm", "gte": 180}]

    with pytest.raises(ValueError, match=r"degree\.doctorate.*height_cm"):
        load_visa_rules(_broken_copy(tmp_path, mutate))


def test_a_row_citing_an_unknown_source_is_refused(tmp_path):
    def mutate(raw):
        raw["hsp_ib"]["rows"][0]["sources"] = ["a_blog"]

    with pytest.raises(ValueError, match="unknown or no sources"):
        load_visa_rules(_broken_copy(tmp_path, mutate))


def test_a_revised_table_changes_the_points_without_code(tmp_path):
    from engine.visa import VisaApplicant, VisaOffer, hsp_points

    def mutate(raw):
        for row in raw["hsp_ib"]["rows"]:
            if row["id"] == "japanese.n2":
                row["points"] = 12

    rules = load_visa_rules(_broken_copy(tmp_path, mutate))
    result = hsp_points(
        VisaApplicant(age_years=45, jlpt="N2"), VisaOffer(annual_salary_yen=3_000_000), rules=rules
    )
    assert result.total == 12


def test_the_hsp_route_has_the_salary_floor_of_its_data_and_others_none():
    assert salary_floor_yen("hsp_ib") == visa_rules().hsp.salary_floor_yen == 3_000_000
    assert salary_floor_yen("engineer_humanities_intl") is None
    with pytest.raises(ValueError, match="unknown residence status"):
        salary_floor_yen("tourist")
