"""Settings: discovery (.sourcing-audit.yaml, pyproject.toml), validation, layering and applying them to a result."""
