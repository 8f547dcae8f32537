"""The pipeline's stages, in the order `dyadwatch.pipeline` runs them: nlp and screen, actors, events and
their typing, attributes, observations."""
