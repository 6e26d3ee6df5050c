import pytest

from engine.codes import (
    CodeError,
    cnic_clean,
    corporate_number_check_digit,
    corporate_number_clean,
)


@pytest.mark.parametrize(
    "number",
    [
        "1180301018771",  # Toyota Motor Corporation
        "5010001008846",  # MUFG Bank
        "7010401045660",  # Sony
        "7123456789012",  # National Tax Agency's sample
        "5010401067252",  # Sony Group
    ],
)
def test_real_corporate_numbers_pass(number):
    assert corporate_number_clean(number) == number


def test_corporate_check_digit_matches_the_published_examples():
    # Toyota, MUFG Bank, Sony, the NTA sample.
    for number in ("1180301018771", "5010001008846", "7010401045660", "7123456789012"):
        assert corporate_number_check_digit(number[1:]) == int(number[0])


@pytest.mark.parametrize(
    "base", ["18030101877", "1803010187711", "18030101877A", "１８０３０１０１８７７１"]
)
def test_corporate_check_digit_needs_twelve_ascii_digits(base):
    with pytest.raises(ValueError, match="12 digits"):
        corporate_number_check_digit(base)


def test_corporate_number_accepts_full_width_digits_and_spaces():
    assert corporate_number_clean("１１８０３０１０１８７７１") == "1180301018771"
    assert corporate_number_clean(" 1180-3010-1877-1 ") == "1180301018771"


def test_corporate_number_with_wrong_check_digit_is_rejected():
    with pytest.raises(CodeError, match="check digit"):
        corporate_number_clean("7010401067252")  # a public repo's typo for Sony Group


@pytest.mark.parametrize("number", ["118030101877", "11803010187711", "118030101877A", ""])
def test_corporate_number_length_and_characters(number):
    with pytest.raises(CodeError):
        corporate_number_clean(number)


def test_cnic_is_cleaned_formatted_and_masked():
    cnic = cnic_clean("35202-1234567-1")
    assert cnic.digits == "3520212345671"
    assert cnic.formatted == "35202-1234567-1"
    assert cnic.masked.endswith("567-1") and "35202" not in cnic.masked
    assert cnic.province_digit == "3"


def test_cnic_without_dashes_is_accepted():
    assert cnic_clean("4210112345672").formatted == "42101-1234567-2"


@pytest.mark.parametrize(
    "bad",
    ["35202-123456-1", "35202-1234567", "abcde-1234567-1", "92101-1234567-1", "02101-1234567-1"],
)
def test_malformed_cnic_gets_a_readable_error(bad):
    with pytest.raises(CodeError) as err:
        cnic_clean(bad)
    assert "CNIC" in str(err.value)


def test_a_cnic_typed_in_urdu_digits_is_the_same_number():
    assert cnic_clean("۳۵۲۰۲-۱۲۳۴۵۶۷-۱").digits == "3520212345671"
    assert cnic_clean("٣٥٢٠٢-١٢٣٤٥٦٧-١").digits == "3520212345671"


def test_a_digit_that_is_no_decimal_digit_gets_a_readable_error():
    # U+10A40 KHAROSHTHI DIGIT ONE: str.isdigit() says yes, int() says no.
    with pytest.raises(CodeError, match="13 digits"):
        cnic_clean("35202-1234567-\U00010a40")


def test_ajk_cnic_is_accepted_and_gender_follows_the_last_digit():
    assert cnic_clean("81302-1234567-3").gender == "M"
    assert cnic_clean("61101-1234567-8").gender == "F"
