"""Present: the JSON contract, the output formats, the annotated article and the rendered report."""
