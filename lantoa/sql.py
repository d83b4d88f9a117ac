"""Helpers for the hand-written queries of the apps."""

import itertools

# SQLite refuses a statement with more parameters than its limit (999 in older builds): lists of
# ids go to the database in batches below it.
PARAMETER_BATCH = 900


def batched(items, size=PARAMETER_BATCH):
    """Lists of at most `size` of `items`, in order (itertools.batched came with Python 3.12)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
