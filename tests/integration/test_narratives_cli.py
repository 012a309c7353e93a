"""Catalogue management and claim lookup from the command line, with the real encoders."""

import json

from typer.testing import CliRunner

from unspin.cli import app

runner = CliRunner()


def test_import_match_list_show_remove(shared, tmp_path):
    catalogue = shared / "data/voxcheck/subnarratives.csv"
    imported = runner.invoke(app, ["catalogue", "import", str(catalogue), "--format", "csv", "--name", "vox"])
    assert imported.exit_code == 0, imported.output
    assert "vox: 69 cases (69 added" in imported.stdout

    again = runner.invoke(app, ["catalogue", "import", str(catalogue), "--format", "csv", "--name", "vox"])
    assert "69 unchanged" in again.stdout and "'use': 0" in again.stdout  # nothing re-embedded

    claims = tmp_path / "claims.txt"
    claims.write_text("Ukraine is ruled by neo-Nazis\n\nNATO keeps advancing towards Russia's borders\n")
    result = runner.invoke(app, ["match", "--file", str(claims), "--top", "3"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["claim"] for line in lines] == ["Ukraine is ruled by neo-Nazis", "NATO keeps advancing towards Russia's borders"]
    assert all(len(line["cases"]) == 3 for line in lines)
    assert "Nazi" in lines[0]["cases"][0]["title"] and "NATO" in lines[1]["cases"][0]["title"]

    single = runner.invoke(app, ["match", "Ukraine is ruled by neo-Nazis", "--format", "json"])
    assert json.loads(single.stdout)[0]["case_id"] == lines[0]["cases"][0]["case_id"]

    assert "vox" in runner.invoke(app, ["catalogue", "list"]).stdout
    assert json.loads(runner.invoke(app, ["catalogue", "show", "vox-sub-001"]).stdout)["case_id"] == "vox-sub-001"
    assert runner.invoke(app, ["catalogue", "remove", "vox"]).exit_code == 0
    assert runner.invoke(app, ["catalogue", "remove", "vox"]).exit_code == 1
    assert runner.invoke(app, ["match"]).exit_code == 2
