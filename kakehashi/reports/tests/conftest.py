import pytest
from django.utils import translation

from engine.matching.embed import HashedNgramEmbedder
from kakehashi.accounts.models import User
from kakehashi.matching import store, vectors
from kakehashi.portal.demo import demo_seed
from kakehashi.reports.supply import supply_compute


@pytest.fixture(autouse=True)
def _english():
    """The figures are read by their English labels, whatever an earlier test activated."""
    with translation.override("en"):
        yield


@pytest.fixture
def hashed_index(monkeypatch):
    """The matching index with the hashed embedder: the reports read its hard filters, which
    no text vector enters; the real model would only slow the tests down."""
    monkeypatch.setattr(vectors, "embedder", HashedNgramEmbedder)


@pytest.fixture
def world(db, taxonomy_loaded, hashed_index, settings):
    """A small demo world (the product's generator), indexed, with one supply run."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    demo_seed(candidates=160, employers=6, jobs=24, seed=5)
    store.index_rebuild()
    run = supply_compute()
    return run


@pytest.fixture
def analyst(world):
    return User.objects.get(email="analyst@moitt.example")


@pytest.fixture
def verifier(world):
    return User.objects.get(email="officer@moitt.example")


@pytest.fixture
def organiser(world):
    return User.objects.get(email="organiser@moitt.example")
