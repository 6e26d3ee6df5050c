"""A full build spread over workers by id range gives the same index as a build in one
process, and shows its progress."""

from io import StringIO

import numpy as np
from django.core.management import call_command

from kakehashi.candidates.models import CandidateSkill
from kakehashi.matching import store
from kakehashi.matching.store import shard_ranges


def test_shard_ranges_cover_every_id_once():
    ids = [3, 9, 10, 11, 40, 41, 42]
    ranges = shard_ranges(ids, 3)
    assert len(ranges) == 3
    covered = [i for i in ids for low, high in ranges if low <= i <= high]
    assert covered == ids


def test_a_sharded_rebuild_equals_a_plain_one(ayesha, bilal, zara, sakura_job, taxonomy_loaded):
    for profile, skill in ((ayesha, "python"), (bilal, "java"), (zara, "aws")):
        CandidateSkill.objects.create(profile=profile, skill_id=skill, years=3)
    plain = store.index_rebuild()
    expect = {cid: plain.codes_[row].copy() for cid, row in plain.row_of_.items()}
    out = StringIO()
    call_command("matching_index_rebuild", "--shards", "2", stdout=out)
    sharded = store.index_get()
    assert set(sharded.row_of_) == set(expect) == {ayesha.pk, bilal.pk, zara.pk}
    for cid, row in sharded.row_of_.items():
        assert np.array_equal(sharded.codes_[row], expect[cid])
    assert "2/2 shards done" in out.getvalue()
    assert not (store._root() / "builds").exists() or not any((store._root() / "builds").iterdir())
