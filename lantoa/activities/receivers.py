from .services import activities_restamp


def restamp_moved_units(sender, *, unit_ids, since, **kwargs):
    """The tree changed from `since`: the moved units' later activities now roll up elsewhere."""
    activities_restamp(unit_ids=unit_ids, since=since)
