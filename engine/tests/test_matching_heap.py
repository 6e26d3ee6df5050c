"""The ranking's temporaries reuse heap pages instead of faulting in fresh maps."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A query's pattern at 1M rows: a dozen 4 MB arrays written, then freed; then the next query.
SCRIPT = textwrap.dedent(
    """
    import resource, sys
    import numpy as np
    sys.path.insert(0, {root!r})
    from engine.matching.heap import keep_arrays_on_heap
    applied = keep_arrays_on_heap() if sys.argv[1] == "on" else None

    def query():
        rows = [np.zeros(1_000_000, np.float32) for _ in range(12)]
        for r in rows:
            r += 1
        del rows

    query()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    query()
    print(applied, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
    """
).format(root=str(ROOT))


def faults(mode: str) -> tuple[str, int]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, check=True
    ).stdout.split()
    return out[0], int(out[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_second_query_reuses_the_first_ones_pages() -> None:
    applied, with_heap = faults("on")
    assert applied == "True"
    # 12 arrays of 4 MB are 12,288 pages: by default the second query faults each one in
    # again (the maps were returned on free); kept on the heap it touches none anew.
    _, by_default = faults("off")
    assert with_heap < 500
    assert by_default > 10 * max(with_heap, 100)
