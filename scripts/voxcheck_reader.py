"""A reader's ceiling for VoxCheck part (b): how often does someone who reads a quote and the 69
sub-narrative titles put its sub-narrative first, or among their three?

`eval/narratives/voxcheck_reader.jsonl` holds, for 80 English VoxCheck quotes (cases with an English
quote and a catalogued sub-narrative, shuffled by `random.Random(18)`, the first 80), the three
sub-narratives a reader chose from the quote and the catalogue's titles and parent narratives alone,
without the labels (case ids only; no text is copied). This script scores that reader and the
matcher on the same quotes by sub-narrative title, so that titles the same but for a full stop
(vox-sub-028, -029) count as one for both (part (b) scores by case id, and so credits one of the two).
It needs the voxcheck catalogue imported, as part (b) does:

    unspin catalogue import ../shared/data/voxcheck/subnarratives.csv --format csv --name voxcheck
    .venv/bin/python scripts/voxcheck_reader.py
"""

from __future__ import annotations

import json
from pathlib import Path

from unspin.narratives import store
from unspin.narratives.evaluate import _voxcheck_rows
from unspin.narratives.importers import normalise_title
from unspin.narratives.matcher import Matcher

READER = Path(__file__).resolve().parents[1] / "eval" / "narratives" / "voxcheck_reader.jsonl"


def main() -> None:
    with store.connect() as conn:  # titles the same but for a full stop (vox-sub-028, -029) count as one
        title_of = {c.case_id: normalise_title(c.title) for c in store.iter_cases(conn, "voxcheck")}
    cases = {row["id"]: row for row in _voxcheck_rows()}
    answers = [json.loads(line) for line in READER.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [normalise_title(cases[a["case"]]["subnarrative"]) for a in answers]
    quotes = [cases[a["case"]]["quotes"]["en"] for a in answers]
    found = Matcher(["voxcheck"], shortlist=10, gate=-1.0).load().search(quotes, language="en")
    chosen = {"reader": [a["top3"] for a in answers], "matcher": [[c.case_id for c in cands[:3]] for cands in found]}
    rows = {name: [[title_of[i] for i in top3] for top3 in lists] for name, lists in chosen.items()}
    print(f"{len(answers)} English VoxCheck quotes      top-1   top-3")
    for name, top3 in rows.items():
        first = sum(t[:1] == [g] for t, g in zip(top3, gold)) / len(gold)
        three = sum(g in t for t, g in zip(top3, gold)) / len(gold)
        print(f"  {name:30} {first:6.3f}  {three:6.3f}")


if __name__ == "__main__":
    main()
