from .services import headcounts_restamp


def restamp_headcounts_below(sender, *, instance, **kwargs):
    """A parent link saved or deleted, by the services, the admin or a data load through the ORM."""
    headcounts_restamp(unit_ids=[instance.unit_id])
