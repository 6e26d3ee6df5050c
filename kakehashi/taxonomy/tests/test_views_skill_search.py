from django.urls import reverse


def test_skill_search_finds_english_japanese_and_aliases(client, taxonomy_loaded):
    assert (
        'data-skill="machine-learning"'
        in client.get(reverse("skill_search"), {"q": "機械学習"}).content.decode()
    )
    assert (
        'data-skill="kubernetes"'
        in client.get(reverse("skill_search"), {"q": "k8s"}).content.decode()
    )
    assert (
        'data-skill="python"' in client.get(reverse("skill_search"), {"q": "Pyth"}).content.decode()
    )
    assert (
        "No skill matches." in client.get(reverse("skill_search"), {"q": "zzzz"}).content.decode()
    )
