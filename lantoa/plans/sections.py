"""Sections that other apps add to a plan's page, so that plans never import them.

As on a unit's page (units.sections): an app registers `render(request, plan)` from its
AppConfig.ready(); the plan page, the plan already checked against the user's scope, shows the
HTML each returns, in `order`. A function returns "" to show nothing.
"""

_SECTIONS = []


def register(render, *, order=100):
    """Add `render(request, plan) -> str` to every plan's page."""
    if all(existing is not render for _order, existing in _SECTIONS):
        _SECTIONS.append((order, render))
        _SECTIONS.sort(key=lambda pair: pair[0])


def render_sections(request, plan):
    return [html for html in (render(request, plan) for _order, render in _SECTIONS) if html]
