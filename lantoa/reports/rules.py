"""Who may do what with a report: the unit's officers write and submit it; the officers of the
level above it (and the federation's administrators) return it, accept it and reopen its period,
but nobody reviews their own unit's report: the top of the tree reports outside it (the province
to the advisory council), and its submitted report stays as sent. Reading follows scope
(`accounts.scope`): whoever sees the unit reads its reports."""

from lantoa.accounts.models import Role


def can_write(user, unit):
    """Draft, adjust and submit the reports of `unit`."""
    if not (user.is_authenticated and user.can_edit):
        return False
    return user.is_federation_admin or user.unit_id == getattr(unit, "pk", unit)


def can_review(user, report):
    """Return, accept, and reopen the period of `report`."""
    if not (user.is_authenticated and user.is_active) or user.unit_id == report.unit_id:
        return False
    if user.is_federation_admin:
        return True
    return (
        user.role == Role.OFFICER
        and report.reviewer_id is not None
        and user.unit_id == report.reviewer_id
    )
