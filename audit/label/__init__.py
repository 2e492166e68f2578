"""Label: quotations, attributions and sources found in the statements, and each statement's label."""
