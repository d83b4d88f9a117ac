"""Sections that other apps add to a unit's page, so that the core never imports them.

An app registers a function from its AppConfig.ready(); the unit page calls every registered
function with the request and the unit (already checked against the user's scope) and shows the
HTML each returns, in `order`. A function returns "" to show nothing.
"""

_SECTIONS = []


def register(render, *, order=100):
    """Add `render(request, unit) -> str` to every unit's page."""
    if all(existing is not render for _order, existing in _SECTIONS):
        _SECTIONS.append((order, render))
        _SECTIONS.sort(key=lambda pair: pair[0])


def render_sections(request, unit):
    return [html for html in (render(request, unit) for _order, render in _SECTIONS) if html]
