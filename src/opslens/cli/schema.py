"""`opslens schema`: the JSON Schema of the analysis contract, generated from the typed records."""

from __future__ import annotations

import json
import sys


def command() -> None:
    """Print the JSON Schema of opslens.analysis/1.

    Example: opslens schema > analysis.schema.json
    """
    from opslens.contract import analysis_json_schema

    sys.stdout.write(json.dumps(analysis_json_schema(), indent=2) + "\n")
