from hypothesis import given
from hypothesis import strategies as st

from unspin.offsets import OffsetMap, TextBuilder


def build(raw: str, plan: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    builder = TextBuilder(raw)
    for start, end, separator in plan:
        builder.copy(start, end)
        builder.insert(separator)
    return builder.build()


@st.composite
def raw_and_plan(draw):
    raw = draw(st.text(max_size=200))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(raw)), max_size=12))) | {0, len(raw)})
    plan = []
    for start, end in zip(cuts, cuts[1:]):
        if draw(st.booleans()):
            plan.append((start, end, draw(st.sampled_from(["", " ", "\n\n"]))))
    return raw, plan


@given(raw_and_plan())
def test_every_copied_character_maps_back_to_the_same_raw_character(case):
    raw, plan = case
    text, offsets = build(raw, plan)
    for piece in offsets.pieces:
        for i in range(piece.clean_start, piece.clean_end):
            j = offsets.to_raw(i)
            assert text[i] == raw[j]
            assert offsets.from_raw(j) == i


@given(raw_and_plan(), st.data())
def test_any_cleaned_span_maps_to_a_valid_raw_span(case, data):
    raw, plan = case
    text, offsets = build(raw, plan)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    raw_start, raw_end = offsets.to_raw_span(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)


def test_inserted_separators_map_to_neighbouring_text():
    text, offsets = build("aaa###bbb", [(0, 3, "\n\n"), (6, 9, "")])
    assert text == "aaa\n\nbbb"
    assert offsets.to_raw_span(0, 5) == (0, 3)  # trailing separator does not reach the removed debris
    assert offsets.to_raw_span(3, 8) == (6, 9)  # leading separator starts at the next copied text
    assert offsets.from_raw(4) is None


def test_identity_map_and_dict_round_trip():
    offsets = OffsetMap.identity(5)
    assert offsets.to_raw_span(1, 4) == (1, 4)
    again = OffsetMap.from_dict(offsets.to_dict(), 5, 5)
    assert again.to_raw(3) == 3
