"""How an article relates to a claim it carries: ``asserted``, ``attributed`` or ``refuted``.

Rules over the evidence sentence (and its neighbourhood in the text), in this order:

1. ``refuted``: the text rejects the claim: "false claim", "fake", "debunked", "there is no
   evidence", "denied", "conspiracy theory", "disinformation", ... (en, ru, uk, de, it).
2. ``attributed``: the claim is somebody else's: a reporting verb ("said", "claimed", "told",
   "according to", "alleged", ...) or the claim sits inside quotation marks, or inside a span of the
   ``quotes`` group when another component found one.
3. ``asserted``: otherwise, the author states it.

Rules, not a model: stance cues are few and explicit in news prose, and a rule can say why it
fired (``stance_reason``). What it misses: irony, a refutation in the next paragraph, and
attribution to an unnamed crowd ("many believe").
"""

from __future__ import annotations

import re

STANCES = ("asserted", "attributed", "refuted")

_REFUTE = [
    # English
    r"\bfalse(?:ly)?\b(?! flag)", r"\bfake\b", r"\bdebunk\w*", r"\bno (?:hard |credible |real )?evidence\b",
    r"\bnot (?:a shred of|any) evidence\b", r"\bwithout (?:any )?evidence\b", r"\bden(?:y|ies|ied|ial)\b",
    r"\bnot true\b", r"\buntrue\b", r"\bbaseless\b", r"\bunfounded\b", r"\bunsubstantiated\b",
    r"\bconspiracy theor\w*", r"\bdisinformation\b", r"\bmisinformation\b", r"\bmyths?\b", r"\bhoax\w*",
    r"\brefut\w*", r"\brebut\w*", r"\bdismiss(?:ed|es)? (?:the |these |those |such )?(?:claims?|allegations?|reports?)\b",
    r"\bno basis\b", r"\bnonsense\b", r"\bfabricat\w*", r"\bdisprove\w*", r"\bwrongly\b", r"\bmisleading\b",
    # Russian / Ukrainian
    r"фейк\w*", r"\bложь\b", r"\bложн\w*", r"не соответству\w* действительности", r"опроверг\w*",
    r"нет (?:никаких )?доказательств", r"дезинформаци\w*", r"\bнеправд\w*", r"спростов\w*", r"спросту\w*",
    r"немає (?:жодних )?доказ\w*", r"дезінформаці\w*", r"\bбрехн\w*", r"опроверж\w*",
    # German / Italian
    r"\bfalsch\w*", r"\bdementi\w*", r"keine (?:\w+ )?beweise", r"\bdesinformation\b", r"\bwiderleg\w*",
    r"\bfals[oaie]\b(?! flag)", r"\bsmentit\w*", r"nessuna prova", r"\bdisinformazione\b", r"\bbufal\w*",
]
_ATTRIBUTE = [
    # English reporting verbs and phrases
    r"\b(?:said|says|say|saying)\b", r"\bclaim(?:s|ed|ing)?\b", r"\bstated\b", r"\btold\b",
    r"\baccording to\b", r"\balleg(?:e|es|ed|edly|ing|ation|ations)\b", r"\bargu(?:e|es|ed|ing)\b",
    r"\binsist(?:s|ed)?\b", r"\bwr(?:ote|ites)\b", r"\btweet(?:s|ed)?\b", r"\bassert(?:s|ed)\b",
    r"\bsuggest(?:s|ed)\b", r"\baccus(?:e|es|ed|ing)\b", r"\bcharg(?:es|ed) that\b", r"\bmaintain(?:s|ed) that\b",
    r"\bbeliev(?:e|es|ed) that\b", r"\bannounc(?:e|es|ed)\b", r"\bdeclar(?:e|es|ed)\b", r"\bexplain(?:s|ed)\b",
    r"\bin (?:his|her|their) (?:words|view|opinion)\b", r"\breport(?:s|ed|edly)\b", r"\bpurported(?:ly)?\b",
    r"\bsupposed(?:ly)?\b", r"\bwarn(?:s|ed)\b", r"\badded\b",
    # Russian / Ukrainian
    r"заяв\w*", r"\bсказал\w*", r"по (?:его |ее |её |их )?словам", r"по мнению", r"утвержда\w*", r"сообщ\w*",
    r"\bсчита\w*", r"\bотметил\w*", r"\bподчеркну\w*", r"\bсказав\w*", r"за (?:його |її |їхніми )?словами",
    r"стверджу\w*", r"повідоми\w*", r"на думку", r"\bвважа\w*", r"\bнаписал\w*", r"\bнаписав\w*",
    # German / Italian
    r"\bsagt\w*", r"\berklärt\w*", r"\blaut\b", r"\bbehauptet\w*", r"\bzufolge\b", r"\bmeint\w*",
    r"\bdetto\b", r"\bsecondo\b", r"\bdichiarat\w*", r"\baffermat\w*", r"\bafferma\b", r"\bsostien\w*",
]
_REFUTE_RE = re.compile("|".join(_REFUTE), re.IGNORECASE)
_ATTRIBUTE_RE = re.compile("|".join(_ATTRIBUTE), re.IGNORECASE)
_QUOTE_PAIRS = [("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"), ('"', '"'), ("\u2018", "\u2019")]


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """True when most of text[start:end] lies between a pair of quotation marks."""
    span = text[start:end]
    for left, right in _QUOTE_PAIRS:
        # a quotation opened before (or at) the sentence and not closed before its middle
        middle = start + (end - start) // 2
        opened = text.rfind(left, max(0, start - 400), middle)
        if opened == -1:
            continue
        if left == right:
            if text.count(left, max(0, start - 400), opened) % 2:
                continue  # that mark closed an earlier quotation
            closed = text.find(right, opened + 1)
        else:
            closed = text.find(right, opened + 1)
        if closed != -1 and closed >= middle:
            inner = min(closed, end) - max(opened, start)
            if inner >= 0.6 * max(1, len(span.strip())):
                return True
    return False


def stance(text: str, start: int, end: int, quote_spans: list[tuple[int, int]] | None = None) -> tuple[str, str]:
    """(stance, reason) of the claim evidenced by ``text[start:end]``."""
    sentence = text[start:end]
    refute = _REFUTE_RE.search(sentence)
    if refute:
        return "refuted", f"cue {refute.group(0)!r}"
    for q_start, q_end in quote_spans or ():
        if q_start <= start + (end - start) // 2 < q_end:
            return "attributed", "inside a quotation"
    if _inside_quotes(text, start, end):
        return "attributed", "inside quotation marks"
    attribute = _ATTRIBUTE_RE.search(sentence)
    if attribute:
        return "attributed", f"cue {attribute.group(0)!r}"
    return "asserted", "no attribution or refutation cue"


def sentence_stance(sentence: str) -> str:
    """The stance of a sentence on its own (for evaluation and quick checks)."""
    return stance(sentence, 0, len(sentence))[0]
