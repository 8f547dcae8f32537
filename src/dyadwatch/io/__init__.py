"""Input and output formats: readers that turn files into articles, and the standard event formats out."""
