"""Human-readable renderings of an analysis: the terminal brief (rich) and Markdown."""
