"""The classroom handout (issue 9): a student worksheet and its answer key from one audited article.

Built on the engine's result (labels, rule ids, matches, roster, findings) and the report's templates; it
never labels anything itself. `render_handout(result, rules, options)` gives both PDFs (and HTML).
"""
from __future__ import annotations

from audit.present.handout.options import LEVELS, HandoutOptions, handout_options
from audit.present.handout.render import RenderedHandout, render_handout

__all__ = ["LEVELS", "HandoutOptions", "RenderedHandout", "handout_options", "render_handout"]
