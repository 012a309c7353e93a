"""Windows: what the encoder reads, with offsets back into the text."""

import pytest

from unspin.techniques.encoding import Encoder, lines
from unspin.techniques.model import default_model_dir

TEXT = "They lie.\nThey always lie.\n\nNobody believes them any more."


def _encoder(**options) -> Encoder:
    return Encoder(default_model_dir() / "tokenizer.json", **options)


def test_windows_stay_within_a_line_unless_packing_is_asked_for():
    by_line = _encoder().windows([TEXT], [lines(TEXT)])
    assert [TEXT[w.start : w.end] for w in by_line] == ["They lie.", "They always lie.", "Nobody believes them any more."]
    packed = _encoder(pack_lines=True).windows([TEXT], [lines(TEXT)])
    assert [(w.start, w.end) for w in packed] == [(0, len(TEXT))]
    pieces = packed[0].offsets[1:-1]
    assert [TEXT[s:e] for s, e in pieces][:4] == ["They", "lie", ".", "They"]  # offsets into the original text


def test_packing_respects_the_window_budget():
    long_text = "\n".join(f"Sentence number {i} says something loud." for i in range(40))
    windows = _encoder(max_tokens=32, pack_lines=True).windows([long_text], [lines(long_text)])
    assert len(windows) > 1 and all(len(w) <= 32 for w in windows)
    covered = [(w.start, w.end) for w in windows]
    assert covered[0][0] == 0 and covered[-1][1] == len(long_text)
    assert all(a[1] < b[0] for a, b in zip(covered, covered[1:]))  # in order, no overlap


def test_a_tokenizer_without_bert_or_roberta_special_pieces_is_refused(tmp_path):
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel

    path = tmp_path / "tokenizer.json"
    Tokenizer(WordLevel({"they": 0, "lie": 1, "[UNK]": 2}, unk_token="[UNK]")).save(str(path))
    with pytest.raises(ValueError, match="special-token"):
        Encoder(path)
