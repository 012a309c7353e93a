"""The unlabelled PPN sample for distillation: English, distinct, in a fixed order."""

import gzip
import hashlib
import json

from unspin.data.ppn import english_texts


def write_corpus(path, records):
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record) + "\n")


def test_takes_distinct_english_texts_of_the_right_length_in_sha1_order(tmp_path):
    path = tmp_path / "ppn.jsonl.gz"
    english = [f"Story number {i}. " * 40 for i in range(5)]
    write_corpus(path, [
        *({"language": "en", "maintext": text} for text in english),
        {"language": "en", "maintext": english[0]},  # republished on another site
        {"language": "ru", "maintext": "Новость. " * 100},
        {"language": "en", "maintext": "Too short."},
        {"language": "en", "maintext": None},
        {"language": "en"},
    ])
    ordered = sorted(english, key=lambda text: hashlib.sha1(text.strip().encode()).hexdigest())
    assert english_texts(10, path) == [text.strip() for text in ordered]
    assert english_texts(2, path) == [text.strip() for text in ordered[:2]]
