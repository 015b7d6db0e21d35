"""The main job (`batch.run`): what it loads, and what it keeps while a batch goes on."""

from __future__ import annotations

import subprocess
import sys

NO_STORE_RUN = """
import sys
from opslens.pipeline import batch
from opslens.settings import Options
results = []
report = batch.run([sys.argv[1]], Options(store=False), results.append)
print(report.analyzed, "sqlalchemy" in sys.modules, "alembic" in sys.modules)
"""


def test_a_run_without_the_store_imports_no_database_library(tmp_path):
    text = tmp_path / "one.txt"
    text.write_text("The minister said on Monday that talks with Kenya would resume in Nairobi.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", NO_STORE_RUN, str(text)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False", "False"]
