"""A missing attribution model file is an error, never a quiet fall-back to the rules, unless a
rules-only run (--fast) was asked for. The files are taken away from a temporary copy of the
package's lexicons, never from the package itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opslens import knowledge
from opslens.errors import ModelError
from opslens.stages.attributions.taggers import model

MODEL_FILES = ("attribution-cue.crfsuite", "attribution-role.crfsuite", "tok2vec-clusters.npz")


@pytest.fixture()
def lexicons(tmp_path, monkeypatch) -> Path:
    """A copy of the lexicons that `knowledge.resource` reads from instead of the package's."""
    copy = tmp_path / "lexicons"
    shutil.copytree(Path(str(knowledge.resource())), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(knowledge, "resource", lambda *parts: copy.joinpath(*parts))
    return copy


def test_the_installed_models_are_all_there():
    model.require()  # the package's own files: no error


def test_every_model_file_is_required(lexicons):
    model.require()
    for name in MODEL_FILES:
        kept = lexicons / "models" / f"{name}.kept"
        (lexicons / "models" / name).rename(kept)
        with pytest.raises(ModelError) as caught:
            model.require()
        message = str(caught.value)
        assert message.startswith(f"the attribution taggers' file is missing: {name} in {lexicons / 'models'}")
        assert "--fast" in message  # how to go on without them
        kept.rename(lexicons / "models" / name)


def test_several_missing_files_are_named_together(lexicons):
    for name in MODEL_FILES[:2]:
        (lexicons / "models" / name).unlink()
    with pytest.raises(
        ModelError, match=r"files are missing: attribution-cue\.crfsuite, attribution-role\.crfsuite in "
    ):
        model.require()


def test_building_a_pipeline_with_the_taggers_fails_without_their_files(lexicons, analyzer):
    from opslens.pipeline.analyzer import Analyzer
    from opslens.settings import Options

    (lexicons / "models" / "attribution-role.crfsuite").unlink()
    with pytest.raises(ModelError, match=r"attribution-role\.crfsuite"):
        Analyzer(Options())


def test_a_rules_only_pipeline_needs_no_model_file(lexicons, analyzer):
    from opslens.pipeline.analyzer import Analyzer
    from opslens.settings import Options

    for name in MODEL_FILES:
        (lexicons / "models" / name).unlink()
    Analyzer(Options(attribution_taggers=False))  # --fast: built without them
