"""Judge: scores, readability, editorial checks, gates, suppressions and the verdict of a labelled article."""
