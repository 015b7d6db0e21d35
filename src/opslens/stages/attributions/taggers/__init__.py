"""The learned attribution taggers: CRFsuite models decoded in numpy (features, scores, tables,
linear-chain inference)."""
