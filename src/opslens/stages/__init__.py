"""The analysis stages, one per kind of fact, each exporting its `find_*()`; their order is
written once, in `opslens.pipeline`."""
