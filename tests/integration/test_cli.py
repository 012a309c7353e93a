"""The CLI end to end on real inputs: the examples users have, bad files, stdin, every format."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from unspin.cli import app
from unspin.schema import validate_result

runner = CliRunner()


def test_analyze_examples_to_json(shared, tmp_path):
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["analyze", str(shared / "examples"), "--format", "json", "--out", str(out), "--components", ""])
    assert result.exit_code == 0, result.output
    documents = json.loads(out.read_text())
    assert len(documents) == 3
    for document in documents:
        validate_result(document)
        assert document["status"] == "ok" and document["language"] == "en" and document["sentences"]
        assert "Leave a Reply" not in document["text"] and "pub-" not in document["text"]


def test_bad_file_is_reported_and_the_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text("The talks failed. Officials blamed each other.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 10)
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl", "--components", ""])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["failed", "failed", "ok"]
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert "binary content" in result.stderr
    assert "1 analysed, 2 failed" in result.stderr


def test_stdin_and_text_format():
    result = runner.invoke(app, ["analyze", "-", "--components", ""], input="A headline\n\nThe talks failed on Monday.")
    assert result.exit_code == 0, result.output
    assert "The talks failed on Monday." in result.stdout


def test_html_report_is_written(shared, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["analyze", str(shared / "examples"), "--format", "html", "--out", str(out), "--components", ""])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.count("<article") == 3 and "Lavrov" in page


def test_info_and_unknown_component():
    assert "components x languages" in runner.invoke(app, ["info"]).stdout
    result = runner.invoke(app, ["analyze", "-", "--components", "nonsense"], input="text")
    assert result.exit_code == 2 and "unknown component 'nonsense'" in result.stderr


def test_console_script_runs_as_a_process(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nFirst sentence. Second sentence.")
    completed = subprocess.run([sys.executable, "-m", "unspin", "analyze", str(article), "--format", "ptc", "--components", ""],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "1 analysed, 0 failed" in completed.stderr


def test_min_score_and_threshold_reach_the_techniques_component(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The corrupt traitors want to destroy our great nation. They lie and lie again.")
    found = runner.invoke(app, ["analyze", str(article), "--format", "json", "--components", "techniques", "--threshold", "0.3"])
    none = runner.invoke(app, ["analyze", str(article), "--format", "json", "--components", "techniques", "--min-score", "1.0"])
    assert found.exit_code == none.exit_code == 0, found.output + none.output
    assert json.loads(found.stdout)[0]["techniques"]
    assert all(span["score"] >= 1.0 for span in json.loads(none.stdout)[0]["techniques"])


def test_eval_techniques_scores_the_model_folder_it_is_given(tmp_path):
    import shutil

    from unspin.techniques.model import default_model_dir

    articles, labels = tmp_path / "articles", tmp_path / "labels"
    articles.mkdir(), labels.mkdir()
    text = "The corrupt, treasonous elites want to destroy our great nation.\nThe committee meets on Tuesday.\n"
    (articles / "article1.txt").write_text(text)
    (labels / "article1.labels").write_text(f"1\tLoaded_Language\t4\t{text.index(' elites')}\n")
    deaf = shutil.copytree(default_model_dir(), tmp_path / "deaf")  # a model that never finds a span
    meta = json.loads((deaf / "meta.json").read_text())
    meta["decoding"]["threshold"] = meta["decoding"]["low"] = 1.0
    (deaf / "meta.json").write_text(json.dumps(meta))

    def si(*options):
        result = runner.invoke(app, ["eval", "techniques", "--articles", str(articles), "--labels", str(labels), "--json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["si"]

    assert si()["recall"] > 0
    assert si("--model", str(deaf))["n_pred"] == 0
    command = ["eval", "techniques", "--articles", str(articles), "--labels", str(labels), "--json", "--against", str(deaf)]
    result = runner.invoke(app, [*command, "--bootstrap", "50"])
    assert result.exit_code == 0, result.output
    paired = json.loads(result.output)["against"]["SI F1"]  # the shipped model minus one that finds nothing
    assert paired["f1"] == 0 and paired["low"] > 0 and paired["resamples"] == 50
    assert runner.invoke(app, [*command, "--predictions", str(labels / "article1.labels")]).exit_code == 2


def test_eval_techniques_prints_bootstrap_intervals_around_its_figures(tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    articles.mkdir(), labels.mkdir()
    predictions = tmp_path / "pred.txt"
    for i in (1, 2):  # article 1 found, article 2 missed
        (articles / f"article{i}.txt").write_text("Our great nation is under attack by traitors.\n")
        (labels / f"article{i}.labels").write_text(f"{i}\tLoaded_Language\t0\t16\n")
    predictions.write_text("1\tLoaded_Language\t0\t16\n")
    command = ["eval", "techniques", "--articles", str(articles), "--labels", str(labels), "--predictions", str(predictions)]
    result = runner.invoke(app, [*command, "--json", "--bootstrap", "300"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    si = figures["bootstrap"]["SI F1"]
    assert si["low"] <= figures["si"]["f1"] <= si["high"] and si["resamples"] == 300
    assert runner.invoke(app, command).output.count("95% intervals") == 0
    assert "SI F1 " in runner.invoke(app, [*command, "--bootstrap", "50"]).output


def test_train_techniques_wants_a_teacher_and_unlabelled_articles_together(tmp_path):
    (tmp_path / "ptc").mkdir()
    for options in (["--teacher", str(tmp_path)], ["--unlabelled", "10"]):
        result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path / "ptc"), "--out", str(tmp_path / "m"), *options])
        assert result.exit_code == 2 and "go together" in result.output


def test_train_techniques_names_the_base_encoders_it_knows(tmp_path):
    (tmp_path / "ptc").mkdir()
    result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path / "ptc"), "--out", str(tmp_path / "m"), "--base", "bert"])
    assert result.exit_code == 2 and "minilm, mpnet" in result.output


def test_train_techniques_refuses_a_negative_learning_rate(tmp_path):
    (tmp_path / "ptc").mkdir()
    result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path / "ptc"), "--out", str(tmp_path / "m"), "--lr", "-1"])
    assert result.exit_code == 2 and "--lr" in result.output


def test_train_techniques_refuses_a_soup_of_folders_without_kept_weights(tmp_path):
    (tmp_path / "ptc").mkdir()
    members = [tmp_path / "a", tmp_path / "b"]
    for folder in members:
        folder.mkdir()
    result = runner.invoke(app, ["train", "techniques", "--data", str(tmp_path / "ptc"), "--out", str(tmp_path / "m"),
                                 "--soup", str(members[0]), "--soup", str(members[1])])
    assert result.exit_code == 2 and "--keep-weights" in result.output


def test_eval_entities_scores_labels_that_point_into_shared_text(shared, tmp_path):
    from unspin.evaluate.labels import fingerprint

    source = "examples/000_7d12a61999ec9768.txt"
    text = (shared / source).read_text(encoding="utf-8")
    start = text.index("Sergey Lavrov")
    rows = [{"source": source, "start": start, "end": start + 13, "sha1_8": fingerprint("Sergey Lavrov"),
             "type": "PER", "entity": "Sergey Lavrov"}]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = runner.invoke(app, ["eval", "entities", "--labels", str(labels), "--split", "dev"])
    assert result.exit_code == 0, result.output
    _, _, gold, _, matched, *_ = next(line for line in result.output.splitlines() if line.strip().startswith("exact typed")).split()
    assert (gold, matched) == ("1", "1")  # the one gold mention, found exactly and with its type
    assert "dev, language en: 1 articles" in result.output
