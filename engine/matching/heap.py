"""Where the ranking's temporary arrays live: glibc's heap, reused, not fresh maps.

A query over 1M rows makes a few dozen float32 arrays of 4 MB (one value per row) and frees
them. glibc serves each allocation that large with its own ``mmap`` and gives it back on
``free``, so every page of every temporary faults in again on first write: 6,300 page faults a
query at 1M rows, about 40 % of its time on this machine (``docs/benchmarks.md``). Raising the
mmap threshold to glibc's maximum (32 MB on 64-bit) and keeping up to 128 MB of freed heap
makes the next query reuse the same pages.

Call :func:`keep_arrays_on_heap` once per serving process (the Django app does, in ``ready``);
child processes forked after it keep the setting. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util

#: glibc's mallopt parameters (malloc.h)
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3

MMAP_THRESHOLD = 32 * 1024 * 1024  # the largest glibc accepts on 64-bit
TRIM_THRESHOLD = 128 * 1024 * 1024  # freed heap kept per process, at most


def keep_arrays_on_heap() -> bool:
    """Ask glibc's malloc to serve allocations up to 32 MB from the heap and keep up to
    128 MB of it when freed. True when applied; False where the C library has no
    ``mallopt`` (not glibc) or refused a value. Calling it again changes nothing."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
