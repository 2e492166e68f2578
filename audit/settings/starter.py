"""The commented starter settings file that `config init` writes."""
from __future__ import annotations

from audit.judge.gates import METRICS


def starter() -> str:
    """The commented starter settings file that `config init` writes; as written it changes nothing."""
    metrics = "\n".join(f"#   {m.name:<20} {m.description}" for m in METRICS.values())
    return _STARTER.replace("{metrics}", metrics)


_STARTER = """\
# sourcing-audit settings, found by `sourcing-audit check` for every article in this folder and below.
# Command-line flags override them. `sourcing-audit config show ARTICLE` prints the settings in force
# for an article and where each came from. Ids are check, gate or rule ids, or prefixes of them
# (`sourcing-audit rules list`).

# Extra rule files, relative to this file, read after the default pack.
rules: []

# Only these checks and gates (empty: all), and checks, gates or labelling rules to leave out.
select: []
ignore: []
# ignore: [right-of-reply, anonymous-heavy]

# Severity per check id: error, warning or info.
severity: {}
# severity: {anonymous-bare: error, lede-weak: info}

# The finding severity that makes `check` exit 1: error, warning, info or never.
fail-on: error

# The outlet that wrote the articles: "told <publisher>" is then first-hand.
# publisher: The Herald

encoding: utf-8

# Document gates: a threshold on one score; a failed gate makes `check` exit 1. Give max or min, and
# optionally min-statements (only articles with at least that many claims). Metrics:
{metrics}
gates: []
# gates:
#   - {id: anonymous-share, metric: anonymous_share, max: 0.4}
#   - {id: lede-attributed, metric: lede_unattributed, max: 0}

# Settings for some files only: glob patterns relative to this file (** any folders, {a,b} either; a
# pattern without a slash matches the file name anywhere). rules, ignore, severity and gates add to the settings above;
# the others replace them.
per-path: {}
# per-path:
#   "{opinion,features}/**": {ignore: [anonymous-]}
"""
