"""One settings object: flags over OPSLENS_* environment variables over opslens.toml."""

from __future__ import annotations

from opslens.settings import Options


def test_flags_override_env_which_overrides_the_config_file(tmp_path, monkeypatch):
    config = tmp_path / "opslens.toml"
    config.write_text('db = "sqlite:///from-file.db"\nmax_bytes = 1234\nbatch_size = 8\n', encoding="utf-8")
    monkeypatch.setenv("OPSLENS_CONFIG", str(config))
    monkeypatch.setenv("OPSLENS_MAX_BYTES", "5678")
    opts = Options()
    assert (opts.db, opts.max_bytes, opts.batch_size) == ("sqlite:///from-file.db", 5678, 8)
    flagged = opts.with_overrides(db="postgresql+psycopg://analyst@db/news", published=None)
    assert flagged.db == "postgresql+psycopg://analyst@db/news"
    assert flagged.published is None and flagged.max_bytes == 5678


def test_defaults_without_config(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("OPSLENS_CONFIG", "OPSLENS_DB", "OPSLENS_ALLOW_PRIVATE", "OPSLENS_STORE", "OPSLENS_FOLLOW_LINKS"):
        monkeypatch.delenv(name, raising=False)
    opts = Options()
    assert (opts.db, opts.allow_private, opts.store, opts.follow_links) == ("sqlite:///opslens.db", False, True, True)


def test_feed_links_can_be_left_unfollowed_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPSLENS_FOLLOW_LINKS", "false")
    assert Options().follow_links is False
