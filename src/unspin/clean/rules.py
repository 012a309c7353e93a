"""Line rules for scraped-article debris: each family is one small function returning a reason.

Families, as found in real scraped articles (../shared/examples) and pseudo-news sites (PPN):
ad-network lines, bare URLs and image addresses, share/donation/subscription prompts, comment
forms, "related"/"know more" blocks, navigation bullets and bylines. A rule only looks at one
line (and its neighbours' kinds); the cascade in `unspin.clean` decides what a tail marker cuts.
"""

from __future__ import annotations

import re

#: Lines longer than this are prose, whatever words they contain.
MAX_PROMPT_WORDS = 16
#: A bullet item with more words than this is a list item of the article, not navigation.
MAX_NAV_WORDS = 20

_AD_NETWORK = re.compile(r"^[\w.\-]*\s*,?\s*pub-\d{6,}\s*,\s*(?:DIRECT|RESELLER)\b", re.IGNORECASE)
_BARE_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•·▪►»*\-–]\s+\S")

#: Lines that start a comment form or a closing block: everything after them is debris too.
_TAIL_MARKERS = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|post a comment|comments? are closed|\d+ comments?|"
    r"fill in your details below|you are commenting using|related (?:posts|articles|stories|news)|"
    r"read (?:more|also):$|see (?:also|links of interest)|know more$|you may also like|"
    r"according to the criteria of the trust project|share this:?$|like this:?$|"
    r"thank you for reading to the end|danke, dass sie bis zum ende|merci d'avoir lu jusqu)",
    re.IGNORECASE,
)

#: Short lines that are site furniture wherever they stand.
_PROMPTS = re.compile(
    r"^\s*(?:up ↑|↑|share(?: on \w+| this(?: article)?)?|tweet|print|email|pin it|whatsapp|telegram|"
    r"like loading\.*|loading\.*|advertisement|sponsored|subscribe(?: now| to .*)?|sign up.*newsletter.*|"
    r"follow us.*|donate.*|please (?:support|contribute|donate).*|support (?:us|our work).*|"
    r"contributions? help.*|every dollar helps.*|this article is shareable|click to share.*|"
    r"notify me of .*|cancel reply|post comment|log out\s*/.*|change \)|connecting to %s|blog at.*|"
    r"(?:twitter|facebook|google) (?:picture|photo)|email \(required\).*|name \(required\).*|website|"
    r".*needs reader support to survive.*|free speech and alternative media are under attack.*|"
    r"here is the truth that the media are hiding|war crimes of the ukrainian armed forces|"
    r"photo(?:graph)?:.*|image:.*|source:\s*\S+\s*$|©.*|copyright .*|all rights reserved.*)\s*$",
    re.IGNORECASE,
)

_SYNDICATION = re.compile(
    r"^\s*(?:(?:this )?article (?:was )?(?:re)?posted with permission|(?:re)?printed with permission|"
    r"republished with permission|this article (?:was )?originally (?:appeared|published)|originally published (?:at|on|by)|"
    r"the best of tyler durden\s*$)",
    re.IGNORECASE,
)
#: A poll or sign-up widget scraped into the text: it starts with a line like the first and
#: ends at the first line like the second, at most `MAX_WIDGET_LINES` lines later.
WIDGET_START = re.compile(r"^\s*(?:take our poll|story continues below|sign up for our .*newsletter)", re.IGNORECASE)
WIDGET_END = re.compile(r"privacy policy|terms of use|opt out at any ?time|unsubscribe at any ?time", re.IGNORECASE)
MAX_WIDGET_LINES = 15

_BYLINE = re.compile(
    r"^\s*(?:(?i:by)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}|(?i:written by|posted (?:on|by)|author:) .+|"
    r"(?i:published(?: on)?:?) .+\d{4}.*)\s*$",
)


def is_prose(line: str) -> bool:
    """A line of running text: several words and not a bulleted item."""
    return words(line) >= 8 and not _BULLET.match(line)


def words(line: str) -> int:
    return len(line.split())


def ad_network(line: str) -> str | None:
    """Ad-network lines (ads.txt records scraped into the text: ``, pub-123..., DIRECT, f08c...``)."""
    return "ad-network" if _AD_NETWORK.search(line) else None


def bare_url(line: str) -> str | None:
    """A line that is only an address: an image URL, or a link left by the scraper."""
    if _BARE_URL.match(line):
        return "image-url" if _IMAGE_URL.search(line) else "bare-url"
    return None


def prompt(line: str) -> str | None:
    """Share, donation, subscription and comment-form furniture."""
    if words(line) <= MAX_PROMPT_WORDS * 2 and _PROMPTS.match(line):
        return "site-prompt"
    return None


def syndication(line: str) -> str | None:
    """Notices of republication ("Article posted with permission from ...")."""
    return "syndication" if words(line) <= MAX_PROMPT_WORDS and _SYNDICATION.match(line) else None


def tail_marker(line: str) -> str | None:
    """The start of a comment form or a closing related/share block."""
    if words(line) <= MAX_PROMPT_WORDS + 4 and _TAIL_MARKERS.match(line):
        return "closing-block"
    return None


def navigation(line: str) -> str | None:
    """A short bulleted item: a menu entry or a related-article link."""
    if _BULLET.match(line) and words(line) <= MAX_NAV_WORDS:
        return "navigation"
    return None


def byline(line: str) -> str | None:
    """``By Jane Doe``, ``Posted on ... by ...``: author lines, not article sentences."""
    return "byline" if words(line) <= 12 and _BYLINE.match(line) else None


#: Rules tried in order on every line; the first reason wins. `navigation` and `byline` are
#: positional: the cascade applies them only before the article's first line of prose.
LINE_RULES = (ad_network, bare_url, tail_marker, prompt, syndication)
LEADING_RULES = (navigation, byline)
