"""Cleaning: each debris family, rejoining, identity on clean text, and the offset map."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.clean import clean_text

ARTICLE = [
    "Officials Meet in Geneva as Talks Stall",
    "",
    "The foreign ministers met on Tuesday for a second round of talks in Geneva.",
    "",
    "“We are not going to accept ultimatums,” the minister told reporters after the meeting.",
    "",
    "Observers expect new sanctions to follow within weeks, diplomats said on condition of anonymity.",
]


def cleaned_lines(raw: str) -> list[str]:
    return [line for line in clean_text(raw).text.split("\n") if line.strip()]


def article_with(before: list[str] = (), after: list[str] = ()) -> str:
    return "\n\n".join([*before, *[line for line in ARTICLE if line], *after])


def assert_offsets(raw: str) -> None:
    result = clean_text(raw)
    for piece in result.offset_map.pieces:
        for i in range(piece.clean_start, piece.clean_end):
            assert result.text[i] == raw[result.offset_map.to_raw(i)]
    for span in result.removed:
        assert 0 <= span.start <= span.end <= len(raw)
        assert result.offset_map.from_raw(span.start) is None or span.start == span.end


@pytest.mark.parametrize(
    ("debris", "reason"),
    [
        ([", pub-5167539840471953, DIRECT, f08c47fec0942fa0"], "ad-network"),
        (["google.com, pub-1234567890123456, RESELLER, f08c47fec0942fa0"], "ad-network"),
        (["https://cdn.example.org/wp-content/uploads/2022/02/troops-1024x683.jpg"], "image-url"),
        (["https://www.example.org/some-other-story/"], "bare-url"),
        (["• Crisis.Putin delays the transition to pilot it", "  • Rockers and actors lead the peaceful rebellion"], "navigation"),
        (["By Jane Doe"], "byline"),
        (["Advertisement"], "site-prompt"),
    ],
)
def test_debris_above_the_article_is_removed(debris, reason):
    raw = article_with(before=debris)
    assert cleaned_lines(raw) == [line for line in ARTICLE if line]
    assert {span.label for span in clean_text(raw).removed} == {reason}
    assert_offsets(raw)


@pytest.mark.parametrize(
    "tail",
    [
        ["Leave a Reply", "Fill in your details below or click an icon to log in:", "You are commenting using your Twitter account.",
         "Connecting to %s", "Up ↑"],
        ["According to the criteria of The Trust Project", "Know more", "  • Belarus", "  • NATO",
         "Second dead in Belarus as brutal crackdown on protests continues"],
        ["This article is shareable", "Free Speech and Alternative Media are under attack by the Deep State.",
         "Every dollar helps. Contributions help keep the site active.", "Please Contribute via GoGetFunding"],
        ["THANK YOU FOR READING TO THE END.SHARE INFORMATION ON SOCIAL NETWORKS. IT'S IMPORTANT!"],
        ["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading..."],
        ["Article posted with permission from The Example Standard"],
        ["Reprinted with permission from Zero Hedge.", "The Best of Tyler Durden"],
    ],
)
def test_closing_blocks_and_prompts_after_the_article_are_removed(tail):
    raw = article_with(after=tail)
    assert cleaned_lines(raw) == [line for line in ARTICLE if line]
    assert_offsets(raw)


def test_poll_widget_inside_the_article_is_removed_whole():
    widget = ["take our poll - story continues below", "Who should lead the committee?", "Who should lead the committee?",
              "* Alice Bob Carol", "Email *", "Name This field is for validation purposes and should be left unchanged.",
              "You may opt out at anytime.", "You also agree to this site's Privacy Policy and Terms of Use."]
    lines = [line for line in ARTICLE if line]
    raw = "\n".join(lines[:2] + widget + lines[2:])
    assert cleaned_lines(raw) == lines
    assert {span.label for span in clean_text(raw).removed} == {"form-widget"}
    assert_offsets(raw)


def test_repeated_title_and_broken_lines():
    raw = "\n\n".join([
        "Moscow Hardens Its Position on Minsk", "Moscow Hardens Its Position on Minsk",
        "Moscow does not want a new Maidan", ", the fall of the government in 2014.",
        "So Lukashenko has turned to the", "usual enemy of the state media - Ukraine", ".",
        "They are all", "obedient allies of Russia.",
    ])
    assert cleaned_lines(raw) == [
        "Moscow Hardens Its Position on Minsk",
        "Moscow does not want a new Maidan, the fall of the government in 2014.",
        "So Lukashenko has turned to the usual enemy of the state media - Ukraine.",
        "They are all obedient allies of Russia.",
    ]
    assert [span.label for span in clean_text(raw).removed] == ["duplicate-title"]
    assert_offsets(raw)


def test_clean_text_passes_unchanged_and_lists_inside_the_article_stay():
    raw = "\n".join(ARTICLE + ["The demands include:", "• a ceasefire along the whole line of contact", "• the return of prisoners"])
    result = clean_text(raw)
    assert result.text == raw and not result.removed
    assert result.offset_map.to_raw_span(0, len(raw)) == (0, len(raw))


def test_a_closing_marker_near_the_top_does_not_cut_the_article():
    raw = article_with(before=["Share this:"]) + "\n\nOne more paragraph of the article follows here, long enough."
    assert "One more paragraph" in clean_text(raw).text


@pytest.mark.parametrize("raw", ["", "   \n\n ", "Leave a Reply", "x" * 200_000, "a\r\nb\r\n\r\nc", "\x00\x01\x02",
                                 "\n".join(["line"] * 100_000)])
def test_degenerate_inputs_never_crash(raw):
    assert_offsets(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ARTICLE + ["Leave a Reply", "  • News", ", pub-5167539840471953, DIRECT, f0", ".", "and then",
                                          "https://x.org/a.png", "Up ↑", "\r", " "]), max_size=40).map("\n".join))
def test_offsets_map_back_for_any_mix_of_article_and_debris(raw):
    assert_offsets(raw)


def test_shared_examples_lose_no_sentence_and_keep_no_debris(shared):
    debris_markers = ["Leave a Reply", "You are commenting", "pub-", "Up ↑", "Trust Project", "Know more", "• ",
                      "Contribute", "shareable", "links of interest"]
    for path in sorted((shared / "examples").glob("*.txt")):
        result = clean_text(path.read_text(encoding="utf-8"))
        for marker in debris_markers:
            assert marker not in result.text, (path.name, marker)
    text = clean_text((shared / "examples/001_a42e5e5aa6f73155.txt").read_text(encoding="utf-8")).text
    assert text.startswith("Russia begins to find reasons")
    assert text.endswith('a more "moderate" and "neutral" behavior.')
