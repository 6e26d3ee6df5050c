from engine.blind import HIDDEN, personal_data_scrub


def test_contacts_links_and_the_persons_names_are_hidden():
    text = (
        "I am Zara Ahmed (zara.private@gmail.com, +92 333 1234567), github.com/zara-a, "
        "see https://zara.dev/work. Call 0321-5550147 or @zara_codes."
    )
    out = personal_data_scrub(text, names=["Zara Ahmed"])
    for leak in ("Zara", "Ahmed", "zara", "gmail", "333", "0321", "github", "@zara"):
        assert leak not in out, (leak, out)
    assert out.count(HIDDEN) >= 7


def test_skills_years_and_technology_names_stay():
    text = (
        "ML engineer: Python, ASP.NET Core, Socket.io, Node.js; 5 years since 2019, 3 at Arbisoft."
    )
    assert personal_data_scrub(text, names=["Bilal Khan"]) == text


def test_employers_and_institutions_are_hidden_as_whole_phrases():
    text = "BS CS from Fatima Jinnah Women University; 3 years at Arbisoft (Pvt) Ltd."
    out = personal_data_scrub(
        text, phrases=["Fatima Jinnah Women University", "Arbisoft (Pvt) Ltd"]
    )
    assert "Fatima" not in out and "Women" not in out and "Arbisoft" not in out
    assert out.startswith("BS CS from ") and "3 years at" in out
