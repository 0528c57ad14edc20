"""mkdocs.yml read without MkDocs (honour_roll/site/site_config.py): INHERIT followed
as MkDocs follows it, environment values resolved, the nav walked once."""

from __future__ import annotations

from pathlib import Path

from honour_roll.editors.cli import data_dir_of
from honour_roll.site.site_config import config_chain, honour_roll_settings, read_config

from conftest import ROOT


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_inherit_is_followed_and_merged_as_mkdocs_merges_it(tmp_path):
    write(tmp_path / "base" / "common.yml", "site_name: Chung\nextra:\n  honour_roll:\n    data_dir: du-lieu\n    illustrative_data: true\n")
    config = write(tmp_path / "mkdocs.yml", "INHERIT: base/common.yml\nextra:\n  honour_roll:\n    illustrative_data: false\n")
    assert config_chain(config) == [(tmp_path / "base" / "common.yml").resolve(), config.resolve()]
    merged = read_config(config)
    assert merged["site_name"] == "Chung" and "INHERIT" not in merged
    assert honour_roll_settings(merged) == {"data_dir": "du-lieu", "illustrative_data": False}
    # The editors' tool finds the data folder the build uses, even when set in the parent.
    assert data_dir_of(tmp_path) == tmp_path / "du-lieu"


def test_environment_values_and_python_tags(tmp_path, monkeypatch):
    config = write(
        tmp_path / "mkdocs.yml",
        "site_url: !ENV [HR_TEST_URL, 'https://mac-dinh.example/']\n"
        "extra:\n  honour_roll:\n    illustrative_data: !ENV [HR_TEST_SAMPLE, true]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )
    assert read_config(config)["site_url"] == "https://mac-dinh.example/"
    monkeypatch.setenv("HR_TEST_URL", "https://that.example/")
    monkeypatch.setenv("HR_TEST_SAMPLE", "false")
    read = read_config(config)
    assert read["site_url"] == "https://that.example/" and honour_roll_settings(read)["illustrative_data"] is False
    assert read["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"] is None  # no code imported to read a config


def test_an_inherit_loop_or_a_broken_file_does_not_hang_or_raise(tmp_path):
    a = write(tmp_path / "a.yml", "INHERIT: b.yml\nsite_name: A\n")
    write(tmp_path / "b.yml", "INHERIT: a.yml\nsite_name: B\n")
    assert len(config_chain(a)) == 2 and read_config(a)["site_name"] == "A"
    assert read_config(write(tmp_path / "hong.yml", "site_name: [\n")) == {}
    assert data_dir_of(tmp_path / "khong-co") == tmp_path / "khong-co" / "data"


def test_the_project_config_reads(tmp_path):
    assert honour_roll_settings(read_config(ROOT / "mkdocs.yml"))["data_dir"] == "data"
