from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app, main
from store import Store
from tests.conftest import SEEDS

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_ingest_seeds_prints_the_report(tmp_path: Path) -> None:
    code, output = run("ingest", str(SEEDS), "--data", str(tmp_path))
    assert code == 0, output
    assert "5 documents (5 added" in output
    assert "Islamic Emirate (English)" in output and "Wire reprints (aggregator)" in output
    for line in (
        "line 23: page template: Exit mobile version",
        "line 37: source link: Source link",
        "line 1: ad marker: [ad_1]",
        "line 68: source link: Source link",
    ):
        assert line in output
    assert Store(tmp_path).count_documents() == 5
    code, output = run("ingest", str(SEEDS), "--data", str(tmp_path))
    assert "0 added, 0 updated, 5 unchanged" in output


def test_ingest_then_compute_as_two_steps(tmp_path: Path) -> None:
    """`--workers 0` stores the documents only; `compute` is the next stage, and running it
    again computes nothing."""
    code, output = run("ingest", str(SEEDS), "--workers", "0", "--data", str(tmp_path))
    assert code == 0, output
    assert Store(tmp_path).get_meta("analysis_key") is None
    code, output = run("compute", "--workers", "1", "--data", str(tmp_path))
    assert code == 0, output
    assert "computed metrics for 5 documents" in output
    assert Store(tmp_path).get_meta("analysis_key") is not None
    assert "computed metrics for 0 documents" in run("compute", "--data", str(tmp_path))[1]


def test_analyze_json_carries_the_stored_figures(tmp_path: Path) -> None:
    """`analyze --json` gives a document the same figures the store keeps for it."""
    import dataclasses
    import json

    from metrics.document import DocumentFigures

    file = next(SEEDS.glob("004_*.txt"))
    code, output = run("analyze", str(file), "--json")
    assert code == 0, output
    payload = json.loads(output)
    assert {f.name for f in dataclasses.fields(DocumentFigures)} <= set(payload["document"])
    # every alias match is listed with how it was read; n_mentions counts those credited
    credited = [
        m for m in payload["mentions"] if m["resolution"] in ("name", "context", "document")
    ]
    assert payload["document"]["n_mentions"] == len(credited) > 0
    left_out = len(payload["mentions"]) - len(credited)
    assert left_out == payload["document"]["n_other_entity"] + payload["document"]["n_ambiguous"]
    assert {"role", "resolution", "reason", "speaker_actor"} <= set(payload["mentions"][0])
    first = payload["attributions"][0]
    assert {"kind", "cue_span", "content_span", "source_type", "stance"} <= set(first)


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCEBIAS_DATA", str(tmp_path / "env-data"))
    code, _ = run("ingest", str(SEEDS / "000_458f8c1981105ecd.txt"))
    assert code == 0
    assert Store(tmp_path / "env-data").count_documents() == 1


def test_rejections_are_listed_and_strict_fails(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    code, output = run("ingest", str(tmp_path / "in"), "--data", str(tmp_path / "d"))
    assert code == 0
    assert "empty.txt: [rejected] empty file" in output
    code, _ = run("ingest", str(tmp_path / "in"), "--data", str(tmp_path / "d"), "--strict")
    assert code == 1


def test_what_was_skipped_is_printed_with_its_reason(tmp_path: Path) -> None:
    """Hidden files and links out of the folder are counted and listed by `ingest` itself,
    not only by a later `report`."""
    (tmp_path / "in").mkdir()
    (tmp_path / "elsewhere").mkdir()
    article = (SEEDS / "000_458f8c1981105ecd.txt").read_text(encoding="utf-8")
    (tmp_path / "in" / "good.txt").write_text(article)
    (tmp_path / "in" / ".draft.txt").write_text(article + " Draft.")
    (tmp_path / "in" / "out").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    code, output = run("ingest", str(tmp_path / "in"), "--workers", "0", "--data", str(tmp_path))
    assert code == 0, output
    assert "1 documents (1 added, 0 updated, 0 unchanged), 0 rejected, 2 skipped" in output
    assert f"{tmp_path}/in/.draft.txt: [skipped] hidden file" in output
    out = tmp_path / "elsewhere"
    assert f"in/out: [skipped] link to a folder outside the input folder ({out})" in output


@pytest.mark.parametrize(
    "make_args, message",
    [
        (
            lambda tmp: ["ingest", str(SEEDS), "--manifest", str(tmp / "nope.csv")],
            "nope.csv: manifest not found",
        ),
        (
            lambda tmp: [
                "ingest",
                str(SEEDS),
                "--actors",
                str(_write(tmp / "a.toml", '[actors.x]\naliases = [{regex = "(bad"}]\n')),
            ],
            "actor 'x', alias '(bad': invalid regex",
        ),
        (
            lambda tmp: [
                "ingest",
                str(SEEDS),
                "--actors",
                str(_write(tmp / "b.toml", "[actors\n")),
            ],
            "b.toml: invalid TOML",
        ),
        (
            lambda tmp: [
                "ingest",
                str(SEEDS),
                "--manifest",
                str(_write(tmp / "m.csv", "name,source\n")),
            ],
            "manifest needs a 'file' column",
        ),
        (lambda tmp: ["report", "--data", str(tmp / "none")], "no store yet"),
    ],
    ids=[
        "missing-manifest",
        "bad-alias-regex",
        "bad-toml",
        "manifest-without-file-column",
        "no-store",
    ],
)
def test_user_errors_are_one_line_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_args, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            [*make_args(tmp_path), "--data", str(tmp_path / "d")]
            if "report" not in make_args(tmp_path)
            else make_args(tmp_path)
        )
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert err.strip().startswith("error:")


@pytest.mark.parametrize(
    "data, message",
    [
        ("a-file", "a-file: not a folder (--data names the folder of the store)"),
        ("a-file/store", "a-file/store: Not a directory"),
    ],
    ids=["data-is-a-file", "data-inside-a-file"],
)
def test_a_data_folder_that_cannot_be_one_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(SEEDS), "--workers", "0", "--data", str(tmp_path / data)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == f"error: {tmp_path / message}"


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


@pytest.mark.parametrize("command", ["ingest", "report", "serve", "version"])
def test_every_command_has_help(command: str) -> None:
    code, output = run(command, "--help")
    assert code == 0
    assert "Usage" in output


def test_corpus_strings_print_literally_and_never_break_the_cli(tmp_path: Path) -> None:
    """A source named with rich markup, and file names with a newline, a right-to-left
    override and brackets, print as written (controls as escapes) in ingest and report."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = (SEEDS / "000_458f8c1981105ecd.txt").read_text(encoding="utf-8")
    names = ["two\nlines.txt", "rtl\u202etxt.exe.txt", "[bold]tag.txt"]
    for i, name in enumerate(names):
        (corpus / name).write_text(f"{article}\nCopy {i}.", encoding="utf-8")
    (corpus / "empty[red].txt").write_text("", encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "file,source,source_type\n[bold]tag.txt,[/bold] x,partisan\n"
        "rtl\u202etxt.exe.txt,[red]Red[/red] :smile:,\n",
        encoding="utf-8",
    )
    outputs = {}
    for command in ("ingest", "report"):
        args = [command, str(corpus)] if command == "ingest" else [command]
        code, outputs[command] = run(*args, "--data", str(tmp_path / "data"))
        assert code == 0, outputs[command]
        assert "Traceback" not in outputs[command] and "\u202e" not in outputs[command]
        assert "[/bold] x" in outputs[command] and "[red]Red[/red] :smile:" in outputs[command]
        assert "empty[red].txt: [rejected] empty file" in outputs[command]
    for shown in ("two\\nlines.txt", "rtl\\u202etxt.exe.txt"):
        assert shown in outputs["ingest"]


def test_two_ingests_into_a_new_store_at_once(tmp_path: Path) -> None:
    """Both finish cleanly (the second waits for the first's lock, then finds its
    documents stored); no duplicate-key traceback."""
    import subprocess
    import sys

    from tests.conftest import REPO

    for attempt in range(3):
        data = tmp_path / f"data{attempt}"
        command = [sys.executable, "-m", "cli", "ingest", str(SEEDS), "--data",
                   str(data)]  # fmt: skip
        procs = [
            subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(2)
        ]
        outputs = [p.communicate(timeout=300)[0].decode() for p in procs]
        for p, output in zip(procs, outputs, strict=True):
            assert p.returncode == 0 and "Traceback" not in output, output
        assert sorted(o.split("documents (")[1].split(" added")[0] for o in outputs) == ["0", "5"]
        with Store(data).connect(read_only=True) as con:
            assert con.execute("SELECT count(*) FROM doc_metrics").fetchone()[0] == 5


def _commands() -> list[list[str]]:
    """Every command and subcommand the CLI registers, as argument lists."""
    from typer.main import get_command

    found: list[list[str]] = []

    def walk(group, prefix: list[str]) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(command, [*prefix, name])
            else:
                found.append([*prefix, name])

    walk(get_command(app), [])
    return found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_is_documented_and_has_help(command: list[str]) -> None:
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    assert f"`sourcebias {' '.join(command)}" in readme, "missing from the README's CLI table"
    code, output = run(*command, "--help")
    assert code == 0 and "Usage" in output


def test_actors_audit_shows_collisions_and_suggests_excludes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Hillary Clinton spoke. Bill Clinton listened. Roger Clinton and Roger Clinton left. "
        "The Clinton Foundation paid.",
        encoding="utf-8",
    )
    actors = tmp_path / "actors.toml"
    actors.write_text('[actors.c]\nname = "Clinton"\naliases = ["Clinton"]\n', encoding="utf-8")
    data = str(tmp_path / "data")
    assert run("ingest", str(corpus), "--data", data, "--actors", str(actors))[0] == 0
    code, output = run(
        "actors", "audit", "--data", data, "--actors", str(actors), "--examples", "5"
    )
    assert code == 0, output
    assert "Clinton: 5 matches in 1 document" in output
    assert "___ Foundation (1)" in output and "Bill ___ (1)" in output
    # no first name configured: the document's most frequent one (Roger, twice) is taken as
    # the actor's, and the audit puts it in front of the analyst
    assert "worth an exclude? 'Roger Clinton'" in output
    assert "another person: 'Hillary Clinton'" in output
    assert "part of another name: 'Clinton Foundation'" in output


def test_actors_audit_needs_a_store(tmp_path: Path) -> None:
    code, output = run("actors", "audit", "--data", str(tmp_path / "none"))
    assert code == 2 and "no store yet" in output


def test_eval_mentions_prints_figures_per_domain_and_agreement(tmp_path: Path) -> None:
    saved = tmp_path / "results.json"
    code, output = run("eval", "mentions", "--errors", "2", "--save", str(saved))
    assert code == 0, output
    for expected in ("resolution precision", "afghanistan", "us-politics-heldout",
                     "Krippendorff's alpha", "mistakes, afghanistan"):  # fmt: skip
        assert expected in output
    assert json.loads(saved.read_text())["domains"]["afghanistan"]["n"] > 200


def test_eval_mentions_on_a_folder_that_is_not_a_set(tmp_path: Path) -> None:
    code, output = run("eval", "mentions", str(tmp_path))
    assert code == 2 and "no set.toml" in output


def test_eval_tone_prints_macro_f1_beside_the_baselines_and_agreement(tmp_path: Path) -> None:
    saved = tmp_path / "results.json"
    code, output = run("eval", "tone", "--save", str(saved))
    assert code == 0, output
    for expected in ("macro-F1", "seeds", "written", "sentence-level VADER", "rules engine",
                     "Krippendorff's alpha"):  # fmt: skip
        assert expected in output
    figures = json.loads(saved.read_text())
    assert figures["n"] >= 200 and 0 <= figures["rules_macro_f1"] <= 1


def test_eval_tone_on_a_folder_that_is_not_a_set(tmp_path: Path) -> None:
    code, output = run("eval", "tone", str(tmp_path))
    assert code == 2 and "not a labelled tone set" in output


def test_eval_attributions_prints_precision_recall_and_density() -> None:
    code, output = run("eval", "attributions")
    assert code == 0, output
    for expected in ("content", "cue", "source", "P precision, R recall", "per 1,000 words"):
        assert expected in output


def test_eval_attributions_on_a_folder_that_is_not_a_set(tmp_path: Path) -> None:
    code, output = run("eval", "attributions", str(tmp_path))
    assert code == 2 and "not a labelled attribution set" in output


def test_eval_stories_prints_reprint_and_story_scores(tmp_path) -> None:
    out = tmp_path / "results.json"
    code, output = run("eval", "stories", "--events", "20", "--seed", "3", "--save", str(out))
    assert code == 0, output
    assert "reprint pairs: precision" in output and "stories (threshold" in output
    import json

    figures = json.loads(out.read_text())
    assert figures["events"] == 20 and 0 <= figures["story_f1"] <= 1
    assert figures["reprint_recall"] >= 0.9
