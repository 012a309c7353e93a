"""Who said it: speakers of direct quotations, and reported speech, from a dependency parse.

A direct quotation takes its speaker from the first of these that applies, so a nearby clear cue
always wins over a distant guess:

1. a cue in its own sentence, outside the quotation: a verb of saying ("..., Lavrov said."),
   "according to X" or "in the words of X" (the cue with the innermost clause holding the
   quotation, else the nearest; "according to X" gives way to a verb with a speaker, as X is
   then the outlet reporting it);
   Failing a cue, the named subject (or a he/she that resolves) of the verb whose object holds it
   ("Rep. Danny Davis defended Farrakhan as an “outstanding human being”", "he spoke of the “unjustified and
   cruel” invasion"), never through a noun's or relative clause;
2. an introduction ending in a colon right before it ("Borrell drew a line: “...”", "Another Republican ...
   is former RNC Chair, Michael Steele: “...”" the copula's attribute when the colon closes it, or a bare
   name as in a transcript, "Dima: “...”", "Sen. Lindsey Graham to committee Democrats: “...”");
3. its paragraph: a quotation split by an attribution ("“A,” he said. “B.”") takes the speaker
   of its other part (of a later part only when it opens its sentence: a phrase quoted inside the
   writer's sentence is no first part), or of reported speech earlier in the paragraph;
4. the paragraphs before, when its paragraph opens with it: quoted paragraphs after "X said the
   following:", after a closing "X denied this information." or after X's last quotation
   continue X until another person (before the paragraph's first quotation) or another's cue comes up.

A subject inside a quotation is never its speaker ("“... A hat signed by X,” Joe Gallow wrote"), and
"according to" an outlet after the last quotation does not end step 4's continuation.
Steps 3 and 4 never lend a speaker to a quotation whose sentence has a subject of its own.
A cue whose subject cannot be pinned down gives speaker None: a wrong name is worse than none.
"It" speaks for the one organisation or country that is the subject before it in its sentence
("Although Russia prepares ..., it insists that"). Pronouns (he/she) resolve only to the one person recently speaking or in subject position (of
several, the one subject of the sentence before's main verb; the doer of a passive, "supported by X", is a subject too), and
to nobody when the last to speak was unnamed ("a spokesman said ... He added", but not when
unnamed only inside what another said: "said someone from his office had told the ADL ..., he told", nor when
plural: "his lawyers said ... she said", "those who commented ... he wrote", nor a thing misparsed as the subject: "her sentence ... and
accused Sessions"), or when someone described by a title of something came up
since ("The head of the European Commission has called ..., She added"); definite
descriptions ("the ambassador", a headline's bare "Congressman Says") to the one person introduced with that title (of several, the
one just mentioned), or, for a title nobody was introduced with ("said the presenter") or a common
noun news uses for someone it named ("the singer", "the caller"), as a pronoun would. A common noun's owner ("Neruda's driver") and a name inside an appositive never
speak, but the owner of something said does ("Lavrov's statement", "Farrakhan’s history of ... comments"); neither does a person's name modifying an institution ("the Trump administration"). A
spokesperson (an aide, someone's lawyers) is named by their description ("a spokesman for Vladimir
Zelensky", "Zelensky’s aide", "Rombot’s lawyers"; "her spokeswoman" is that of whom her refers to),
never as the person they speak for, and plural ones are nobody's he/she; so is a title an organisation owns
("Raytheon’s CEO") when nobody was introduced with it; two names in apposition ("Uniper CFO, Tiina Tuomela" read as two people)
give None, as do two names the model runs into one phrase ("Trump continued pounding Sessions"). A thing
the model reads as the subject inside a name's appositive ("Christine South, head of IFRC’s emergency
operations, said:") leaves the name speaking.
A name modifying a common noun ("a caller to the Michael Savage radio show") never speaks, nor one running on
into a title the model cut short ("the website Watts Up With That?"), nor a
known surname inside a name the model mistyped ("Billie Winner-Davis"); he/she is unknown when
someone else is named before it in its sentence; a name only in the headline is nobody's.
A name the model cuts short runs on into the proper noun it compounds ("Ursula von der" + "Leyen’s"); one it runs
on too far loses a description before it, a verb of saying after it and anything past another full name of the
article ("Billionaire George Soros", "Loomer Tweeted", "Louis Farrakhan Refers to ..."). Names
are normalised to the fullest form the article gives ("Lavrov" -> "Sergei Lavrov", "Lu" ->
"Lu Kang" when only one name starts so, "Baerbok" -> "Annalena Baerbock" when only one surname is one letter off).

A document read out speaks for its issuer ("“...,” J Street’s statement read", "read a report in The Daily
Sheeple"); one with no issuer named ("the message reads") leaves the quotation to the steps after 1; "the
release" is that of the one speaker since one of the last few sentences named a release.

Institutions: officials of an organisation named in their phrase speak for it ("Immigrations and
Customs Enforcement (ICE) officials", "ICE officials"; "US officials" are nobody; "the official" for the one
whose official spoke last), "police" speak
as the one police force the article names ("the Dallas Police Department"), else under that name, as
do prosecutors ("federal prosecutors argued"), "the embassy" refers back to the one institution with that word that spoke or
was a subject ("the US embassy in China issued a warning ... The embassy said"), and a
coordinated proper noun with no entity of its own is one name ("Customs and Border Protection").
"continued" attributes only right after a quotation or right before one ("Graham continued, “...”"); a quotation ending in "!" or "?" takes a bare
attribution that opens the next sentence ("“How dare you!” Jeff Sessions said in California.");
"..., the US embassy in Beijing said" names its speaker even when the model reads it as an
appositive; "the group" (or "the agency", "the company", ...) refers back to the one organisation
named as a subject in the last few sentences.

No guesses: a title introduced for someone unnamed ("A professor at ...") never refers back to another
person; of two subjects the model hangs on one verb the one right before it speaks, and a bare participle's
subject ("in Tehran, Iran chanting") is a misread noun; words quoted from a person in the clause ("the professor
thought Australia “is not a country,” according to BuzzFeed News") are not the outlet's, nor are those of a
named speaker inside a reporter's clause ("Fox News reported that ... Hancock said to Sinema: “...”"); whoever
receives a message is not its speaker ("X got a message saying “...”"); step 1b
takes only a subject the model names as an entity (not a title-case headline's words), none through a
verb the model hangs in a noun's place ("... Massacre Shows “...”", "Shows" a pobj), and none of
a verb saying what it should or would have done ("Washington should have sat down ..."); step 3
lends no speaker across another person named between the two quotations; an abbreviated title
("the AG", "the IG") is a person introduced with its words, never an organisation named "AG"; a wh-word the
model tagged into a name ("Which Clinton corrected:") is dropped. An acronym the model took for a
common noun names its speaker ("ICE reports that", "Swedish TV reported"); abbreviated titles
("the CEO") never do.

Reported speech is the clause a verb of saying governs ("X said (that) ...", "..., X said"), or
the rest of a sentence opened or closed by "according to X" (unless a named speaker's verb of saying
inside it reports the clause: "Trump said ..., according to Bloomberg" is Trump's). The writer's asides ("it's worth
noting that", "it should be noted that", "that's not to say") and own words ("I've often said") report nobody; a clause opened by a
question word ("he said what many of us thought") names what was said without saying it; "suggest"
with no named subject is evidence, not speech ("all the circumstances suggested that"); a
relative's words before its verb are not part of what was said ("which NASA says is ..."), nor is a
second verb of saying joined to the clause ("he said he regretted it and said ..."; that verb shares the
first one's subject, not the clause's: "The Guardian said Manafort returned and said its sources ..."), nor is
another attribution ("The musician recalled how ...: in 2014, Nuland ... said literally: “...”"). A
sentence closed by its attribution counts even when the model does not parse it so ("..., AFP
reports.", "..., reported The Daily Wire.", "..., warned Martina Becker from HGK shipping."): a
clause with a subject of its own, a comma, a short noun phrase and a finite verb of saying with
nothing but a short verbless, unquoted phrase after it. A verb the model gave no clause still
reports the rest of its sentence when "that" or a date opens a finite clause right after it ("experts
warn that its too soon ...", "Tedros said Wednesday the death toll stood at 207"), or when it opens the
sentence as "As Slavo noted, ..." (a passive's doer speaks: "As reported by X, ..."). "According to" reports speech whenever it cites
someone's words, named or not ("according to police sources", "Western media reports"), never
figures ("the 2011 census"); "a claim made by X" is X's; an adverb before it ("However, according to X, ...") still leaves it
opening its sentence. A known name between a closing mark and a verb of saying ending the sentence
speaks even when the model reads the two as a noun phrase ("“...,” Salvini claims.").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from unspin.entities.resolve import CONNECTORS, initials, split_suffix
from unspin.quotes.rules import Quote
from unspin.quotes.transcript import Turn

#: Verbs that report speech or writing; each also counts in its -s, -ed and -ing forms.
SAYING = ("say", "tell", "state", "note", "add", "warn", "claim", "stress", "recall", "announce", "explain",
          "insist", "report", "write", "remind", "reaffirm", "admit", "argue", "emphasize", "emphasise",
          "respond", "reply", "comment", "declare", "assert", "confirm", "deny", "acknowledge", "allege",
          "complain", "conclude", "predict", "point", "sum", "shout", "chant", "accuse", "reiterate",
          "underline", "observe", "mention", "tweet", "assure", "suggest", "threaten", "promise",
          "demand", "continue", "joke", "quip", "blast", "ask", "whine", "lament", "concede", "boast", "retort",
          "vow", "scoff", "testify", "brag", "remark",
          "speculate", "affirm", "bemoan", "summarise", "summarize", "reason", "recount", "reassure", "put",
          "express", "voice", "urge", "clarify", "caution", "exclaim", "proclaim", "contend")
_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written", "writing"),
              "admit": ("admitted", "admitting"), "sum": ("summed", "summing"),
              "brag": ("bragged", "bragging"), "put": ("putting",)}
#: Verbs that need a particle (or an object) to report speech ("pointed out", "summed up", "as X put it").
_PARTICLE = {"point": "out", "sum": "up", "put": "it"}
#: Verbs of speaking that take no clause, so are no cue, but introduce quotations after a colon ("X spoke about
#: it: “...”", "X echoed the FDD: “...”").
_SPEAKING = frozenset(("speak", "speaks", "spoke", "spoken", "speaking", "talk", "talks", "talked", "talking", "echo",
                       "echoes", "echoed", "echoing"))
#: Verbs that report speech only through a noun for a stance and its "that" clause ("expressed concern that ...",
#: "voiced fears that ..."), not otherwise ("expressed his condolences").
_STANCE_VERBS = frozenset(("express", "voice"))
_STANCE_NOUNS = frozenset(("concern", "concerns", "fear", "fears", "hope", "hopes", "confidence", "doubt", "doubts",
                           "belief", "view", "opinion", "idea", "regret", "optimism", "certainty", "conviction",
                           "worry", "worries", "frustration", "surprise", "satisfaction", "disappointment"))
#: Verbs that take a stance noun as their object, in a relative clause after it ("the fears that she shared").
_TAKING_STANCE = frozenset(("feel", "feels", "felt", "hold", "holds", "held", "share", "shares", "shared", "have",
                            "has", "had", "raise", "raises", "raised", "express", "expressed", "voice", "voiced",
                            "echo", "echoes", "echoed"))
#: Verbs that continue the speech of whoever spoke last ("..., he added").
CONTINUING = ("add", "continue")
#: Verbs that report speech only next to a quotation ("“...,” Perry continued.", "Graham continued, “...”", "“...?”
#: asked Sen. Robert Menendez"), not elsewhere ("Trump continued pounding Sessions", "asking for a fair trial").
_AFTER_QUOTE = frozenset(("continue", "ask"))
#: Heads naming people who speak for an organisation named before them ("ICE officials said"):
#: the organisation is the speaker; with no organisation named ("US officials") nobody is.
_MEMBERS = frozenset(("official", "officials"))

#: Pronouns resolved to a person; other pronouns (they, we, it) give no speaker.
PERSON_PRONOUNS = ("he", "she", "him", "her")
#: Nouns for someone's words, heading a list of their quotations ("Some Farrakhan quotes:").
_QUOTING_NOUNS = frozenset(("quote", "quotes", "quotation", "quotations", "words", "remarks", "comments"))
#: Pronouns of either gender: a he/she after one of the other refers to someone else.
_MASCULINE = frozenset(("he", "him", "his", "himself"))
_FEMININE = frozenset(("she", "her", "hers", "herself"))
#: Lower-case words inside a person's name ("Ursula von der Leyen", "Osama bin Laden").
_NAME_PARTICLES = CONNECTORS - {"of", "the", "and", "for", "in", "on", "&"}
#: Words introducing someone as a woman or as a man ("his wife Sadie", "Mr. Cruz").
_FEMININE_ROLES = frozenset(("wife", "mother", "daughter", "sister", "woman", "girlfriend", "widow", "actress",
                             "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "mrs", "mrs.", "ms",
                             "ms.", "miss", "queen", "grandmother", "aunt", "niece", "girl", "lady", "princess"))
_MASCULINE_ROLES = frozenset(("husband", "father", "son", "brother", "man", "boyfriend", "widower", "actor",
                              "spokesman", "chairman", "congressman", "businessman", "mr", "mr.", "king",
                              "grandfather", "uncle", "nephew", "boy", "sir", "lord", "prince"))
#: Heads of noun phrases that name an institution when qualified by a name ("the Kremlin's press service").
INSTITUTIONS = frozenset(("ministry", "office", "service", "committee", "union", "government", "agency", "department",
                          "council", "commission", "parliament", "embassy", "administration", "party", "army",
                          "forces", "police", "command", "headquarters", "bureau", "duma", "senate", "congress",
                          "cabinet", "presidency", "secretariat", "organization", "organisation", "staff",
                          "prosecutor", "court", "kremlin", "centre", "center", "foundation", "institute",
                          "authorities", "mission", "coalition"))
#: Institutions that speak under their common name alone ("police said", "federal prosecutors argued").
_BARE_INSTITUTIONS = frozenset(("police", "prosecutors"))
#: Heads of noun phrases naming a document; its issuer is the speaker ("a Defense Forces press release").
DOCUMENTS = frozenset(("release", "statement", "report", "communique", "announcement", "bulletin", "readout",
                       "message"))
#: Words before a name that give a title, not part of the name ("MEP Marie-Pierre Vedrenne").
TITLES = frozenset(("president", "minister", "mep", "captain", "general", "ambassador", "mr", "mrs", "ms", "dr",
                    "prime", "foreign", "defence", "defense", "secretary", "chancellor", "senator", "spokesman",
                    "spokeswoman", "spokesperson", "mayor", "governor", "lawyer", "organizer", "organiser",
                    "journalist", "head", "chief", "deputy", "colonel", "lieutenant", "major", "sergeant",
                    "professor", "prof", "sir", "lord", "king", "queen", "pope", "patriarch", "commander", "leader",
                    "speaker", "chairman", "director", "editor", "host", "presenter", "analyst", "expert", "mp",
                    "mr.", "mrs.", "ms.", "dr.", "prof.", "rep.", "sen.", "gov.", "gen.", "col.", "lt.", "sgt.",
                    "capt.", "congressman", "congresswoman", "attorney", "judge", "sheriff", "commissioner",
                    "chairwoman", "chair", "admiral", "shaykh", "sheikh", "imam", "rabbi", "reverend", "bishop",
                    "archbishop", "cardinal", "pastor", "ag", "ig", "ceo", "cfo", "coo", "cto", "pm", "da"))
#: Words that end a job description and no surname ("Citrus County Supervisor", "Uniper CFO"): a name ending
#: so describes someone, whom the text names beside it.
_JOB_ENDINGS = frozenset(("supervisor", "cfo", "ceo", "coo", "cto", "president", "minister", "secretary", "spokesman",
                          "spokeswoman", "spokesperson", "chairman", "chairwoman", "commissioner", "ambassador",
                          "senator", "governor", "prosecutor", "attorney"))
#: Common nouns news uses to refer back to a person it has named ("the businessman later stated", "the
#: singer said"): with "the", like a title nobody was introduced with, they resolve as he/she would.
#: Nouns that as often introduce someone new ("the officer", "the witness", "the victim") are not here.
PERSON_NOUNS = frozenset(("man", "woman", "businessman", "businesswoman", "entrepreneur", "billionaire", "tycoon",
                          "politician", "lawmaker", "legislator", "diplomat", "official", "activist", "campaigner",
                          "singer", "musician", "rapper", "actor", "actress", "artist", "comedian", "star", "writer",
                          "author", "novelist", "filmmaker", "blogger", "pundit", "commentator", "scientist",
                          "researcher", "economist", "historian", "caller", "veteran"))
#: Titles of an office or calling someone holds apart from any other title ("judge", not "head" or "leader"):
#: a person introduced by another title is not "the judge".
_OFFICES = frozenset(("judge", "sheriff", "mayor", "governor", "senator", "congressman", "congresswoman", "professor",
                      "ambassador", "cardinal", "bishop", "archbishop", "rabbi", "imam", "pastor", "admiral",
                      "commissioner"))
#: Forms of "be" that make a copula: what follows describes the subject rather than something it does.
_COPULAS = frozenset(("is", "was", "are", "were"))
#: Nouns for a piece of journalism, which speaks for the outlet that published it ("The article stated").
_PIECES = frozenset(("article", "piece", "story", "editorial", "op-ed", "column"))
#: Titles of whoever asks the questions of a program's guest: "the host" is never the guest a he/she would be,
#: only someone introduced by one of them ("The TV host ..., Steve Hilton, noted ... “...,” said the presenter").
_INTERVIEWERS = frozenset(("host", "presenter", "interviewer", "moderator", "anchor"))
#: Titles of someone who heads what follows them ("the head of the Foreign Ministry", "the commander of the
#: brigade"), not of someone who serves another ("the lawyer of", "the secretary of Governor X").
_HEADING_TITLES = frozenset(("head", "chief", "leader", "commander", "chairman", "chairwoman", "chair", "director",
                             "president", "minister", "governor", "mayor", "ambassador", "speaker", "ceo"))
#: Abbreviated titles, by the title words a person is introduced with ("the AG" is the one
#: introduced as "Attorney General", "the IG" the one introduced as "Inspector General").
_ABBREVIATED = {"ag": ("attorney", "general"), "ig": ("inspector", "general")}
#: Abbreviated titles a person is introduced with, by the words news uses for them later ("Rep. Danny Davis"
#: is "the congressman", "Dr Adrian Boyle" "the doctor").
_SPELLED_OUT = {"rep.": ("congressman", "congresswoman"), "sen.": ("senator",), "gov.": ("governor",),
                "dr": ("doctor",), "dr.": ("doctor",)}
#: Words that make a title someone else's ("Deputy Attorney General"): a bare "the minister" is
#: rather the one introduced without them.
_LESSER = frozenset(("deputy", "vice", "assistant", "acting", "former"))
#: Heads of noun phrases naming someone who speaks for another ("Iran's foreign ministry spokesman",
#: "a spokesman for Vladimir Zelensky"): the description is the speaker, not the person it names.
SPOKESPEOPLE = frozenset(("spokesman", "spokeswoman", "spokesperson", "representative", "aide", "lawyers",
                          "attorneys"))
#: Words by which an article says it will not name someone ("The unidentified woman says").
_ANONYMOUS = frozenset(("unnamed", "anonymous", "unidentified"))
#: Words that make a spokesperson speak for nobody: one no longer in post ("a former congressional aide",
#: "one ex-House aide") or one the article keeps anonymous ("an unnamed aide") is not their organisation.
_UNOFFICIAL = _ANONYMOUS | frozenset(("former", "ex"))
#: Dependents through which a common noun names someone else ("a spokesman for X", "X's driver",
#: "the Michael Savage radio show"); only a document's owner is its speaker ("Lavrov's statement").
#: The model reads a bare-apostrophe possessive ("Khweis’ defense attorney") as nmod.
_OWNER_DEPS = frozenset(("poss", "nmod", "prep", "compound"))
#: Dependents of a proper noun that is nobody's name: parts of a name the model missed or mistyped
#: ("Billie Winner-Davis" tagged a work of art), not a person of their own.
_NAME_PART_DEPS = frozenset(("appos", "compound", "flat"))
#: Places the small English model often takes for people; never a person speaker.
NOT_PERSONS = frozenset(("Kiev", "Kyiv", "Minsk", "Moscow", "Washington", "Donbass", "Donbas", "Brussels", "Berlin",
                         "Paris", "London", "Warsaw", "Ukraine", "Russia", "Belarus", "Crimea", "Donetsk", "Lugansk",
                         "Luhansk", "Kremlin", "NATO", "Beijing", "Kharkiv", "Kherson", "Mariupol", "Zaporozhye"))
#: How many sentences back a pronoun may look for its person: a far antecedent is a guess (on dev,
#: 10 and 3 give the same speakers, 2 loses one).
PRONOUN_WINDOW = 4
#: What may follow a full name as part of it ("Martin Luther King Jr.").
_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))
_NAME_LABELS = ("ORG", "GPE", "FAC")
#: Entity types (or none) no speaker has: a speaking name with one was mistyped ("CRIF’s Francis Kalifat").
_MISTYPED = frozenset(("", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"))
_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
_NP_DEPS = frozenset(("compound", "amod", "poss", "case", "appos", "nmod", "prep", "pobj", "det", "punct", "flat",
                      "nummod", "cc", "conj", "npadvmod"))
#: Dependencies of a noun's place in a clause: a verb the model hangs by one is a misparsed noun or title.
_NOMINAL_DEPS = frozenset(("pobj", "dobj", "nsubj", "nsubjpass", "compound", "appos", "attr"))
_CLIMB_DEPS = frozenset(("conj", "advcl", "xcomp", "acl", "dobj", "pobj", "prep", "pcomp"))
#: Common nouns that, with "the", refer back to an organisation just named ("the group said").
_GENERIC_ORGS = frozenset(("group", "organization", "organisation", "agency", "company", "firm", "association",
                           "coalition", "alliance", "newspaper", "paper", "broadcaster", "outlet", "publication",
                           "website"))
#: Modals of what a subject should or would do, not what it did: a quotation in that clause is not its words.
_COUNTERFACTUAL = frozenset(("should", "would", "could", "might", "must", "ought"))
#: Words opening a clause that names what was said without saying it (not "how", which news also
#: uses for "that": "The caller mentioned how some people ... were warned").
_QUESTION_WORDS = frozenset(("what", "whatever", "why", "whether", "who", "whom"))
#: Nouns that "according to" cites as the source of someone's words, even unnamed ("according to police
#: sources"); figures and data sets ("the census", "estimates") are not among them.
_SPEAKING_NOUNS = INSTITUTIONS | DOCUMENTS | SPOKESPEOPLE | _MEMBERS | frozenset((
    "source", "media", "article", "email", "claim", "remark", "comment", "word", "account", "testimony", "post",
    "interview", "channel", "newspaper", "outlet", "publication", "version", "eyewitness", "witness", "expert",
    "analyst", "lawyer", "official", "journalist", "reporter", "insider", "diplomat", "resident", "observer",
    "prosecutor", "investigator", "organization", "organisation", "group", "spokesman", "spokeswoman"))
#: Nouns for something said or written, whose owner said it ("Lavrov's statement", "Farrakhan’s comments",
#: a legal filing: "Saucier’s federal lawsuit alleges", "Rodriguez’s online petition says").
_UTTERANCES = DOCUMENTS | frozenset(("comment", "remark", "word", "claim", "testimony", "post", "interview", "email",
                                     "article", "tweet", "speech", "lawsuit", "indictment", "affidavit", "petition",
                                     "letter", "column"))
#: Verbs whose subject receives a message rather than sends it ("X got a message saying ..."): the
#: saying belongs to the message, not to X.
_RECEIVING = frozenset(("get", "gets", "got", "gotten", "getting", "receive", "receives", "received", "receiving",
                        "obtain", "obtains", "obtained", "see", "sees", "saw", "seen", "read", "reads", "hear", "hears",
                        "heard", "find", "finds", "found"))  # forms: the pipeline has no lemmatizer


def _forms(verb: str) -> tuple[str, ...]:
    if verb in _IRREGULAR:  # ("writing", not "writeing"; "bragging", not "braging")
        participle = () if any(form.endswith("ing") for form in _IRREGULAR[verb]) else (verb + "ing",)
        return (verb, verb + "s", *participle, *_IRREGULAR[verb])
    if verb.endswith("e"):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    plural = verb + "es" if verb.endswith(("s", "sh", "ch", "x")) else verb + "s"
    return verb, plural, verb + "ed", verb + "ing"


SAYING_FORMS: dict[str, str] = {form: verb for verb in SAYING for form in _forms(verb)}


@dataclass(frozen=True, slots=True)
class Cue:
    """Something in a sentence that attributes speech: the cue word, its speaker, the reported clause."""

    start: int
    end: int
    text: str
    sentence: int
    speaker: str | None
    speaker_span: tuple[int, int] | None
    content: tuple[int, int] | None = None
    plural: bool = False  # a plural subject ("Rombot's lawyers said") is no antecedent of he/she
    scope: tuple[int, int] | None = None  # the clause a verb governs, even when all of it is quoted
    personal: bool = True  # its subject may be a person: a pronoun, a name, or a noun for people or speakers


def _person_name(ent: Any) -> str:
    """A person entity's name without leading titles, descriptions or lower-case words, nor a verb of saying
    the model ran the name into ("Billionaire George Soros" is George Soros, "Loomer Tweeted" Loomer)."""
    tokens = list(ent)
    owned = [i for i, t in enumerate(tokens[:-1]) if t.lower_ in ("'s", "’s")]  # the parser may take "’s" for
    tokens = tokens[owned[-1] + 1 :] if owned else tokens  # a quote mark: "CRIF’s Francis Kalifat" is Francis Kalifat
    while tokens and (tokens[0].lower_ in TITLES | PERSON_NOUNS or not tokens[0].text[:1].isupper()
                      or tokens[0].ent_type_ == "NORP"
                      or tokens[0].pos_ in ("PRON", "DET")):  # "Which Clinton quickly corrected:" is Clinton
        tokens = tokens[1:]
    while tokens and tokens[-1].lower_ in SAYING_FORMS:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    # a name the model cut short runs on into the proper noun it compounds, next to it ("Ursula von der" +
    # "Leyen’s") or past name particles ("Ursula von" + "der Leyen"), not into a title ("Everytown President")
    # nor into another name ("Bush" + "White House")
    last = tokens[-1]
    while last.dep_ == "compound" and last.head.i > last.i and last.head.pos_ == "PROPN" \
            and last.head.lower_ not in TITLES and all(t.lower_ in _NAME_PARTICLES for t in ent.doc[last.i + 1 : last.head.i]):
        last = last.head
    return _clean_name(ent.doc.text[tokens[0].idx : last.idx + len(last.text)])


def _without_run_ons(persons: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Persons with a name that runs on past another full name of the article cut back to it: title case
    leads the model on into the next word ("Louis Farrakhan Refers to the U.S. as ..." is Louis Farrakhan),
    while a full name is not followed by more of it (but "Martin Luther King Jr" keeps its suffix)."""
    full = {name for _, name in persons if " " in name}

    def cut(name: str) -> str:
        shorter = [n for n in full if name.startswith(n + " ") and name[len(n) + 1 :].rstrip(".") not in _SUFFIXES]
        return max(shorter, key=len) if shorter else name

    return [(ent, cut(name)) for ent, name in persons]


def _gender_of(pronoun: Any) -> str:
    """ "he" for he/him, "she" for she/her."""
    return "he" if pronoun.lower_ in ("he", "him") else "she"


def _acronym(token: Any) -> bool:
    """Whether a token is an acronym the model took for a common noun ("ICE reports that", "Swedish TV
    reported") or, in capitals, for a question word ("WHO said there should not be restrictions"): a name."""
    return token.is_upper and token.is_alpha and len(token.text) >= 2 and (
        token.pos_ == "NOUN" or token.pos_ == "PRON" and token.tag_ in ("WP", "WDT"))


def _is_person(ent: Any) -> bool:
    """A PERSON entity, or a two- or three-word ORG entity that reads as a person's name; neither ends in a
    title that no surname is (`_JOB_ENDINGS`; "Mark Judge", "Steve King", "Ed Pastor" are names)."""
    if ent[-1].lower_ in _JOB_ENDINGS:
        return False
    if ent.label_ == "PERSON":  # common nouns only are no name ("Remarks by ..." is not someone)
        return ent.text not in NOT_PERSONS and any(t.pos_ != "NOUN" for t in ent) and not _runs_on(ent) \
            and not (len(ent) == 1 and _after_the(ent.doc, ent.start))
    words = ent.text.split()
    # a name modifying a noun is not a person's ("Zaporizhzhya Oblast authorities")
    return (ent.label_ == "ORG" and 2 <= len(words) <= 3 and ent.root.dep_ != "compound"
            and all(t.pos_ == "PROPN" for t in ent)
            and all(w[0].isupper() and not w.isupper() for w in words)
            and ent.start > 0 and ent.doc[ent.start - 1].lower_ not in ("the", "&")
            and not _inside_longer_name(ent)
            and not any(w.lower() in INSTITUTIONS for w in words))


def _camel_case(token: Any) -> bool:
    """Whether a word has a capital inside it ("LifeSiteNews", "WikiLeaks"): a brand's name, whatever the
    model tagged it."""
    return token.is_alpha and token.text[:1].isupper() and not token.is_upper and any(c.isupper() for c in token.text[1:])


def _after_the(doc: Any, start: int) -> bool:
    """Whether a name follows "the": "the Enquirer", one word tagged a person or a nationality ("The Oregonian"),
    names an outlet or organisation (not "the Prime-Minister Johnson", a title before the name)."""
    return start > 0 and doc[start - 1].lower_ == "the"


def _runs_on(ent: Any) -> bool:
    """Whether a capitalised function word follows the entity inside a sentence of prose ("the website Watts Up
    With That?"): the entity is the start of a title the model cut short, not a person's name (in a title-case
    headline, "Trump To Putin:", it says nothing)."""
    if ent.end >= len(ent.doc):
        return False
    after = ent.doc[ent.end]
    prose = sum(t.is_alpha and t.is_lower and len(t) > 3 for t in ent.sent) >= 2
    return prose and not after.is_sent_start and after.pos_ in ("ADP", "DET", "PRON") and after.text[:1].isupper()


def _inside_longer_name(ent: Any) -> bool:
    """Whether an entity continues a name or phrase: after a preposition ("the Vienna Convention on
    Consular Relations") or after "and" joining it to something other than a person ("Immigrations
    and Customs Enforcement", but not "Emmanuel Macron and Olaf Scholz")."""
    before = ent.doc[ent.start - 1]
    if before.pos_ in ("ADP", "DET"):
        return True
    return before.pos_ == "CCONJ" and ent.start > 1 and ent.doc[ent.start - 2].ent_type_ != "PERSON"


def _not_speaking(head: Any) -> frozenset[str]:
    """Dependents of a speaking noun phrase's head that name someone other than the speaker.

    An owner or a modifier: "a spokesman for Zelensky" is not Zelensky, "Neruda's driver" not
    Neruda, "a caller to the Michael Savage radio show" not Savage (but "Lavrov's statement" is
    Lavrov's); anyone inside an appositive ("Selivanov, deputy head of the X Ministry"); and the
    parts of a proper noun that names no person ("Billie Winner-Davis", mistyped, is not "Winner").
    """
    if _utterance(head) or any(_utterance(g) for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                               for g in c.children if g.dep_ == "pobj"):  # "Farrakhan’s history of ... comments"
        return frozenset(("appos",))  # not "Fessio’s Catholic World Report, another voice of the opposition to Francis"
    if head.pos_ == "NOUN" or head.lower_ in TITLES:
        return _OWNER_DEPS
    return _NAME_PART_DEPS if head.pos_ == "PROPN" else frozenset(("appos",))


def _personal(subject: Any) -> bool:
    """Whether a subject may be someone speaking: a pronoun, a proper noun, or a noun for people or speakers
    ("a spokesman", "the caller"), not a thing the model misparsed as the subject ("her sentence ... and
    accused Sessions", "The previous bill ... did not promise")."""
    word = subject.lower_
    nouns = TITLES | PERSON_NOUNS | SPOKESPEOPLE | _SPEAKING_NOUNS
    return subject.pos_ in ("PRON", "PROPN") or word in nouns or word.endswith("s") and word[:-1] in nouns


def _utterance(noun: Any) -> bool:
    """Whether a noun names something said or written ("statement", "comments"): its owner said it."""
    word = noun.lower_
    return word in _UTTERANCES or word.endswith("s") and word[:-1] in _UTTERANCES


def _speaking_noun(noun: Any) -> bool:
    """Whether a noun names a source of someone's words ("sources", "a claim", "Western media"); no lemmatizer
    runs: a plural is the singular with -s or -es."""
    word = noun.lower_
    return word in _SPEAKING_NOUNS or word.endswith("s") and (word[:-1] in _SPEAKING_NOUNS
                                                              or word[:-2] in _SPEAKING_NOUNS)


def _dated(head: Any) -> set[int]:
    """Tokens of the prepositional phrases of ``head`` that give a date ("says The Express UK in 2016"): when
    it spoke, not part of its name."""
    return {t.i for c in head.children if c.dep_ == "prep"
            and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children) for t in c.subtree}


def _one_edit(known: str, written: str) -> bool:
    """Whether a surname of six letters or more is written with one letter added, dropped or changed
    ("Baerbok", "Kiriyenko"): a misspelling or another transliteration of the same name."""
    if min(len(known), len(written)) < 6 or known == written or abs(len(known) - len(written)) > 1:
        return False
    if _gendered_forms(known, written):
        return False
    cut = next((i for i, (a, b) in enumerate(zip(known, written)) if a != b), min(len(known), len(written)))
    return known[cut + 1 :] == written[cut + 1 :] or known[cut + 1 :] == written[cut:] or known[cut:] == written[cut + 1 :]


def _gendered_forms(one: str, other: str) -> bool:
    """Whether two surnames differ only in a Slavic gender ending ("Zelensky", "Zelenska"; "Ivanov",
    "Ivanova"): a husband and wife, or father and daughter, not one name misspelt ("Lukashenka" is
    "Lukashenko" transliterated from Belarusian)."""
    masculine, feminine = sorted((one.lower(), other.lower()), key=lambda name: name.endswith("a"))
    return feminine.endswith("a") and (feminine == masculine + "a" or (
        feminine[:-1] == masculine[:-1] and masculine[-1] in "iy"))


def _relative_to_stance(clause: Any) -> bool:
    """Whether a "that" clause after a stance noun is a relative one whose verb takes the noun as its object
    ("voiced the frustration that many Democrats feel", "the view that his predecessor had held"), not its content."""
    return clause.lower_ in _TAKING_STANCE and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in clause.children)


def _org_name(text: str) -> str:
    """An organisation's name as written, without a leading "the" ("the US embassy" is "US embassy")."""
    return _clean_name(text).removeprefix("the ").removeprefix("The ")


def _clean_name(text: str) -> str:
    text = text.strip(" \t\n,.;:'\"“”‘’")
    for suffix in ("'s", "’s"):
        text = text.removesuffix(suffix)
    return " ".join(text.split())


class Article:
    """One cleaned text with its spaCy parse, attributed sentence by sentence.

    ``doc`` is the parse of the whole text, with a sentence starting at every line (so no
    sentence crosses a paragraph); its entities and sentences are read once here.
    """

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], doc: Any, direct: list[tuple[int, int]],
                 turns: Sequence[Turn] = ()) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.direct = direct
        self.turns = {turn.words: turn.label for turn in turns}  # a transcript's turns: words -> speaker's label
        self._direct_starts = [s for s, _ in direct]
        self.sents = self._paragraph_sentences(doc)
        # sentences told by the writer before each one: those wholly inside a quotation do not count, since a
        # speaker stays the topic for as long as their own words run ("X said: “... / ... / ...” / He added")
        told = [not self.quoted(s.start_char, s.end_char) for _, s in self.sents]
        self._told = [0, *itertools.accumulate(told)]
        self.headline_end = self._headline_end()
        # a name the model also tags as a place in the article is that place ("Border Patrol San Diego" read as
        # a person, "— CBP San Diego" as a city), as are the NOT_PERSONS everywhere
        places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC")}
        persons = [(e, name) for e in doc.ents if _is_person(e) and e.text not in places and (name := _person_name(e))]
        persons = _without_run_ons(self._outside_headline(persons))
        forces = {_org_name(e.text) for e in doc.ents if e.label_ == "ORG" and any(
            t.lower_ == "police" for t in e) and len(e) > 1 and "\n" not in e.text}  # not run on over lines
        self.force = forces.pop() if len(forces) == 1 else None  # the one police force named ("Dallas Police")
        self.names = {name for _, name in persons}
        self.surnames = {name.split()[-1] for name in self.names}
        self._named = {i: name for e, name in persons for i in range(e.start, e.end)}  # token -> name as written
        self.roles = self._roles(persons)
        self.speakers: list[tuple[int, str | None, bool]] = []  # (sentence, speaker, is a person)
        self.subjects: list[tuple[int, str]] = []  # (sentence, person in subject position)
        self.main_subjects: list[tuple[int, str]] = []  # (sentence, person subject of its main verb)
        self.org_subjects: list[tuple[int, str]] = []  # (sentence, organisation in subject position)
        self.institution_subjects: list[tuple[int, str]] = []  # (sentence, institution in subject position)
        self.described: list[int] = []  # sentences with an unnamed person described as a subject ("the leader")
        self.mentions: list[tuple[int, str]] = []  # (sentence, person named outside quotations)
        self.objects: list[tuple[int, str]] = []  # (sentence, person object of its main verb: "X asked Y")
        self.genders: dict[str, str] = {}  # person -> "he" or "she" by the writer's pronouns (`read` fills it first)
        self.cues: list[Cue] = []

    # --- names -------------------------------------------------------------------------------

    def _near(self, earlier: int, sentence: int) -> bool:
        """Whether sentence ``earlier`` is at most PRONOUN_WINDOW of the writer's sentences before ``sentence``
        (or is it)."""
        return earlier <= sentence and self._told[sentence + 1] - self._told[earlier + 1] <= PRONOUN_WINDOW

    def _headline_end(self) -> int:
        """Where the headline ends (0 when there is none): a first paragraph ending in a word (no full stop,
        colon or quotation mark), in an article with a body."""
        if len(self.paragraphs) < 2:
            return 0
        h_start, h_end = self.paragraphs[0]
        return h_end if self.text[h_start:h_end].rstrip()[-1:].isalnum() else 0

    def _outside_headline(self, persons: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
        """Persons, less names found only in a headline: its title case misleads the model
        ("... While Husband Shot Officers, 911 Call Shows" is nobody's name) and a real name there
        comes back in the body."""
        body = {name.split()[-1] for e, name in persons if e.start_char >= self.headline_end}
        return [(e, name) for e, name in persons if e.start_char >= self.headline_end or name.split()[-1] in body]

    def canonical(self, name: str) -> str:
        """The fullest form of a person's name in the article, when only one fits."""
        fuller = [n for n in self.names if n != name and n.endswith(" " + name)] or [  # else one with a suffix
            n for n in self.names if n != name and " ".join(split_suffix(n.split())[0]).endswith(" " + name)]
        if not fuller and " " not in name:  # a surname misspelt ("Baerbok" for "Annalena Baerbock")
            fuller = [n for n in self.names if " " in n and _one_edit(n.split()[-1], name)]
            fuller = fuller if len({n.split()[-1] for n in fuller}) == 1 else []
        if not fuller:  # a surname written first ("Lu Kang" ... "Lu said"), when only one name opens so
            first = [n for n in self.names if n.startswith(name + " ")] if " " not in name else []
            return first[0] if len(first) == 1 else name
        longest = max(fuller, key=len)
        return longest if all(longest.endswith(n) for n in fuller) else name

    def _paragraph_sentences(self, doc: Any) -> list[tuple[int, Any]]:
        """(paragraph index, sentence) of every sentence with text inside a paragraph."""
        starts = [s for s, _ in self.paragraphs]
        result = []
        for sent in doc.sents:
            index = bisect.bisect_right(starts, sent.start_char) - 1
            if index >= 0 and sent.start_char < self.paragraphs[index][1] and sent.text.strip():
                result.append((index, sent))
        return result

    def _roles(self, persons: list[tuple[Any, str]]) -> dict[str, set[str]]:
        """Title words each person is introduced with ("Russian Ambassador to Italy, Sergey Razov")."""
        roles: dict[str, set[str]] = {}
        for ent, name in persons:
            root = ent.root
            words = {t.lower_ for t in ent if t.lower_ in TITLES}
            titled = [t for t in root.children if t.dep_ in ("compound", "appos")]
            titled += [t for c in titled for t in c.children if t.dep_ == "compound"]  # "Attorney General X"
            words |= {t.lower_ for t in titled if t.pos_ == "NOUN" or t.lower_ in TITLES}
            if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
                words.add(root.head.lower_)
                of = root.head.head if root.head.dep_ == "pobj" else None  # "The TV host of The Next Revolution,
                if of is not None and of.dep_ == "prep" and of.head.pos_ == "NOUN":  # Steve Hilton": the name hangs
                    words.add(of.head.lower_)  # on the show's title
            words |= {w for t in words for w in _SPELLED_OUT.get(t, ())}
            roles.setdefault(self.canonical(name), set()).update(words)
        return roles

    def _person(self, token: Any, introducing: bool = False) -> str | None:
        """The person a proper-noun token names, if any (NER may miss a repeated surname). ``introducing``:
        the token opens a line that introduces a quotation ("Trump: “...”"), where a capital means a name."""
        if name := self._named.get(token.i):
            return self.canonical(name)
        # a known surname, even tagged as a common noun inside a sentence ("..., Flake said"), opening one
        # as the subject of a verb of saying ("Waters concludes by ...") or tagged a person ("Trump offered")
        opening_speaker = introducing or token.dep_ == "nsubj" and token.head.lower_ in SAYING_FORMS
        proper = token.pos_ == "PROPN" or token.ent_type_ == "PERSON" or (
            token.text[:1].isupper() and (not token.is_sent_start or opening_speaker))
        if proper and _clean_name(token.text) in self.surnames and token.text not in NOT_PERSONS:
            return self.canonical(_clean_name(token.text))
        return None

    def _phrase(self, head: Any, stop: frozenset[str] = frozenset()) -> list[Any]:
        """Tokens of the noun phrase headed by ``head``, without its clauses (nor ``stop`` dependents)."""
        tokens, todo = [head], [head]
        while todo:
            for child in todo.pop().children:
                if child.dep_ in _NP_DEPS and child.dep_ not in stop:
                    tokens.append(child)
                    todo.append(child)
        return sorted(tokens, key=lambda t: t.i)

    def _persons_in(self, head: Any) -> list[str]:
        own = self._person(head)
        if own:  # "Macron and Scholz" are two people; so is "Uniper CFO, Tiina Tuomela" to the model, and
            # a name compounding another ("Trump continued pounding Sessions" misparsed as one phrase)
            joined = (self._person(t) for t in head.children if t.dep_ in ("conj", "appos", "compound"))
            return list(dict.fromkeys([own, *(p for p in joined if p)]))
        named = [p for t in self._phrase(head) if t.dep_ == "appos" and (p := self._person(t) or self._name_like(t))]
        named = named or [p for c in head.children if c.dep_ == "acl" and c.lower_ in ("named", "called")
                          for t in c.children if t.dep_ in ("oprd", "dobj", "attr") and (p := self._person(t))]
        named = named or self._titled_name(head)
        if named:  # "The TV host of The Next Revolution, Steve Hilton", "a spokesman named Said Khecharem"
            return list(dict.fromkeys(named))
        if head.lower_ in INSTITUTIONS:  # "the Trump administration", "Zaporizhzhya Oblast authorities"
            return []
        return list(dict.fromkeys(p for t in self._phrase(head, _not_speaking(head)) if (p := self._person(t))))

    # --- speakers ----------------------------------------------------------------------------

    def _titled_name(self, head: Any) -> list[str]:
        """The person a title names after what they head, with no comma ("the head of the Russian Foreign Ministry
        Sergei Lavrov", "the acting commander of the 36th marine brigade Sergey Volynsky", "NATO commander in
        Europe General Philip Breedlove"): the title heads something (not "the lawyer of Donald Trump"), and the
        "of" (in, at, to) phrase ends in the name after words that name what is headed, not the person's own
        title ("the press secretary of Governor Ron DeSantis" is not DeSantis)."""
        if head.lower_ not in _HEADING_TITLES:
            return []
        names = [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "at", "to")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        person = self._person(names[0]) if len(names) == 1 else None
        if person is None or [t for t in self._phrase(names[0]) if not t.is_punct][-1].i != names[0].i:
            return []
        entity = next((e for e in head.doc.ents if e.start <= names[0].i < e.end), None)
        name_start = entity.start if entity is not None and entity.label_ == "PERSON" else names[0].i
        lead = [t for t in names[0].subtree if t.i < name_start and t.dep_ != "det"]
        while lead and (lead[-1].lower_.rstrip(".") in TITLES | PERSON_NOUNS or lead[-1].ent_type_ == "NORP"):
            lead.pop()  # "Ukrainian President", "Governor", "rapper"
        return [person] if lead else []

    def _span(self, tokens: list[Any]) -> tuple[int, int]:
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

    def _institution(self, head: Any) -> str | None:
        """The name of an institution (of a document's issuer, of a spokesperson) a noun phrase gives, if any.

        A spokesperson's description is remembered as a role, so a later "he" or "the spokesman"
        can refer to it.
        """
        # "the country's Foreign Ministry" is named "Foreign Ministry": a common-noun owner names nothing;
        # nor does any owner of a bare name ("CRIF’s Francis Kalifat", "Russia's Gazprom")
        if head.lower_ in _MEMBERS:
            return self._member_of(head)
        if head.lower_ in TITLES - SPOKESPEOPLE - INSTITUTIONS:  # "the AG said": a person, typed ORG
            return None
        if head.lower_ in SPOKESPEOPLE and any(t.lower_ in _UNOFFICIAL for t in head.subtree if t.i < head.i):
            return None
        before = [t for t in head.children if t.i < head.i]
        if head.lower_ in _BARE_INSTITUTIONS and all(t.dep_ == "det" and t.lower_ == "the" for t in before):
            return self.force if self.force and head.lower_ == "police" else head.lower_
        if head.lower_ in _BARE_INSTITUTIONS and all(t.dep_ == "amod" and t.is_lower for t in before):
            return head.doc.text[before[0].idx : head.idx + len(head.text)]  # "federal prosecutors"
        single_document = head.lower_ in DOCUMENTS and not self._publication(head)
        document = single_document or head.tag_ == "NNS" and head.lower_[:-1] in DOCUMENTS
        bare = head.lower_ not in INSTITUTIONS | SPOKESPEOPLE and not single_document
        owners = {t.i for c in head.children if c.dep_ == "poss" and (c.pos_ == "NOUN" or bare) for t in c.subtree}
        # a coordinated proper noun that opens with no entity of its own is part of one name ("Customs and
        # Border Protection", "Customs and Border Patrol San Diego"); an entity of its own is a second speaker
        # ("Russia and China"), and so is any other conjunct ("The United States and British military spokesmen")
        joined = [c for c in head.children if c.dep_ == "conj"]
        if any(c.ent_type_ and c.ent_iob_ == "B" for c in joined):
            return None
        entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        one_name = head.pos_ == "PROPN" and all(
            t.pos_ in ("PROPN", "CCONJ") for c in joined for t in c.subtree) and all(
            not t.ent_type_ or entity is not None and entity.start <= t.i < entity.end
            for c in joined for t in list(c.subtree)[:1])
        if joined and not one_name:
            return None
        kept = {t.i for c in joined for t in c.subtree} | {t.i for t in head.children if t.dep_ == "cc"} if one_name else set()
        dropped = _dated(head)
        tokens = [t for t in self._phrase(head, frozenset(("appos",))) if t.i not in owners and t.i not in dropped
                  and (t.dep_ not in ("det", "punct", "cc", "conj") or t.i == head.i or t.i in kept
                       or t.dep_ in ("cc", "conj") and t.head.i != head.i)]  # "Department of Housing and Urban Development"
        if document:  # "reports from X"
            tokens = [t for t in tokens if t.i < head.i and t.lower_ != "press"]
            if not tokens:
                return self._issuer(head)
        if head.lower_ in SPOKESPEOPLE and self._speaks_for_organisation(head, tokens):
            tokens = [t for t in tokens if t.i < head.i]  # "a Justice Department spokesman" speaks as the department
        if head.pos_ == "PROPN":  # "The interventionist Post" is the Post
            while tokens and tokens[0].is_lower and tokens[0].dep_ in ("amod", "advmod"):
                tokens = tokens[1:]
        if not tokens or (head.lower_ not in INSTITUTIONS | DOCUMENTS | SPOKESPEOPLE
                          and head.ent_type_ not in _NAME_LABELS):
            return None
        if head.lower_ not in INSTITUTIONS | DOCUMENTS | SPOKESPEOPLE and any(t.i in self._named for t in tokens):
            return None  # a person's name the model broke ("EU Commission President Ursula von der Leyen", "Leyen" a place)
        named = any(t.ent_type_ in (*_NAME_LABELS, "NORP", "PERSON") or self._person(t) for t in tokens)
        if not named and sum(t.text[:1].isupper() for t in tokens) < 2:
            return None
        if not any(t.text[:1].isupper() for t in tokens):  # "the health ministry", typed ORG, says not whose
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        name = _org_name(head.doc.text[start:end])
        if name and head.lower_ in SPOKESPEOPLE:
            self.roles.setdefault(name, set()).add(head.lower_)
        return name or None

    def _publication(self, head: Any) -> bool:
        """Whether a name ending in a document's word names a publication ("Catholic World Report"), not a report
        named after its author or issuer ("the Mueller Report", "the Warren Commission Report"): two words or more
        before it, in the organisation the model typed, with no institution's word and no person's name."""
        entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if head.pos_ != "PROPN" or entity is None or entity.label_ != "ORG":
            return False
        before = [t for t in entity if t.i < head.i and t.dep_ not in ("det", "case", "poss")]
        return len(before) >= 2 and not any(t.lower_ in INSTITUTIONS or self._person(t)
                                            or _clean_name(t.text) in self.surnames for t in before)

    def _speaks_for_organisation(self, head: Any, tokens: list[Any]) -> bool:
        """Whether a spokesperson is described by an organisation's name alone ("a Justice Department
        spokesman", not "Pelosi's spokeswoman", "a Trump spokesman" or "the spokesman for Zelensky"), so
        speaks as it. The model types surnames as places and organisations too, so the name must hold an
        institution's word, two words of an organisation or two proper nouns the model typed as nothing ("the
        Downing Street spokesperson"), and hold no known person. (One word the model typed as an organisation is
        as often a surname: "A Kushner spokesman".)"""
        before = [t for t in tokens if t.i < head.i]
        organisation = any(t.lower_ in INSTITUTIONS for t in before) \
            or sum(t.ent_type_ in _NAME_LABELS for t in before) >= 2 \
            or sum(t.pos_ == "PROPN" and not t.ent_type_ for t in before) >= 2
        return bool(before) and all(t.i <= head.i for t in tokens) and organisation and not any(
            t.ent_type_ == "PERSON" or t.lower_ in ("'s", "’s") or self._person(t) or _clean_name(t.text) in self.surnames
            for t in before)

    def _issuer(self, document: Any) -> str | None:
        """Who issued a document named after it ("a report in The Daily Sheeple", "a statement by the Kremlin"):
        the one name its "in", "by" or "from" governs (one the model typed as no entity too: "a report by
        The Intercept")."""
        names = [g for c in document.children if c.dep_ == "prep" and c.lower_ in ("in", "by", "from")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"
                 and g.ent_type_ in ("ORG", "PERSON", "FAC", *_MISTYPED)]  # not where or when ("from Great Britain",
        # "in January", "in English")
        if len(names) != 1:
            return None
        if person := self._person(names[0]):
            return person
        entity = next((e for e in document.doc.ents if e.start <= names[0].i < e.end), None)
        return (_org_name(entity.text) or None) if entity is not None else self._bare_name(names[0])

    def _made_by(self, head: Any) -> str | None:
        """Who made a claim, remark or statement a participle says made it ("a surprising claim made by
        Pennsylvania Congressman Scott Perry", "remarks released by the Kremlin"): the one name its agent gives."""
        if not _speaking_noun(head):
            return None
        agents = [g for c in head.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                  for g in a.children if g.dep_ == "pobj"]
        if len(agents) != 1:
            return None
        persons = self._persons_in(agents[0])
        return persons[0] if len(persons) == 1 else self._institution(agents[0])

    def _member_of(self, head: Any) -> str | None:
        """The one organisation named before ``head`` in its phrase ("Immigrations and Customs Enforcement
        (ICE) officials"), by its name as the model found it."""
        before, depth = [], 0
        for t in self._phrase(head):
            depth += (t.text == "(") - (t.text == ")")
            if t.i < head.i and not depth and t.text not in "()" and not (t.dep_ == "det" and not before):
                before.append(t)
        acronym = [t for t in before if t.is_upper and len(t.text) >= 2 and t.is_alpha]  # "ICE officials"
        if not any(t.ent_type_ in ("ORG", "FAC") for t in before) and not acronym or any(
                t.ent_type_ in ("GPE", "NORP", "PERSON") or t.pos_ not in ("PROPN", "CCONJ") and t not in acronym
                for t in before):
            return None
        return _clean_name(head.doc.text[before[0].idx : before[-1].idx + len(before[-1].text)]) or None

    def _named_before(self, sentence: int, head: Any) -> str | None:
        """The institution a definite "the embassy" refers back to: the one speaker so far whose name has
        that word ("the US embassy in Beijing said ... the embassy said"), or the one institution with it
        that was the subject of a sentence ("the US embassy in China issued a health warning ... The
        embassy said")."""
        if head.lower_ not in INSTITUTIONS or head.lower_ in _BARE_INSTITUTIONS or [t.lower_ for t in head.children] != ["the"]:
            return None
        named = [(i, name) for i, name, person in self.speakers if name and not person] + self.institution_subjects
        earlier = {name for i, name in named if i <= sentence and head.lower_ in name.lower().split()}
        return earlier.pop() if len(earlier) == 1 else None

    def _generic(self, sentence: int, head: Any) -> str | None:
        """The organisation a definite "the group" names in apposition, or else refers back to: the one named as a
        subject or speaking in the last few sentences ("The bipartisan U.S. Conference of Mayors passed ... “...,” the group said",
        "According to The Washington Times, ... The paper noted that", "NBC News said ... The media outlet reported"),
        unless someone else spoke after it was last a subject; of several named there, the one named last when it
        also spoke last."""
        before = [t.lower_ for t in head.children if t.i < head.i and not (t.dep_ == "compound" and t.pos_ == "NOUN")]
        if head.lower_ not in _GENERIC_ORGS or before != ["the"]:  # also "the media outlet", "the news agency"
            return None
        # the organisation named in apposition ("the watchdog group, the Foundation for Accountability and Civic Trust
        # (FACT), says"), which the model may read as a conjunct with no "and"
        joined = ("appos",) if any(c.dep_ == "cc" for c in head.children) else ("appos", "conj")
        named = {name for c in head.children if c.dep_ in joined and c.ent_type_ == "ORG" and c.pos_ == "PROPN"
                 and (name := self._institution(c))}
        if named:
            return named.pop() if len(named) == 1 else None
        named = self.org_subjects + [(i, name) for i, name, person in self.speakers if name and not person]
        recent = {name for i, name in named if 0 <= sentence - i <= PRONOUN_WINDOW}
        # whoever spoke last may be it, when the model took its name for a person's ("Whataburger told Fox News"),
        # unless the organisation is the subject of a later sentence ("Ms. Sanders wrote ... . The Correspondents’
        # Association seemed unmoved. “...,” the group wrote")
        spoke = [(i, name) for i, name, _ in self.speakers if name and 0 <= sentence - i <= PRONOUN_WINDOW][-1:]
        if len(recent) > 1:  # of several, the one named last when it alone spoke last ("Le Figaro recalled ... . The
            last = max(i for i, name in named if name in recent)  # New York Times pointed out that ... . The
            latest = {name for i, name in named if i == last}  # publication also recalled that")
            return latest.pop() if len(latest) == 1 and spoke and spoke[0][1] in latest else None
        if not recent:
            return None
        organisation = recent.pop()
        if not spoke or spoke[0][1] == organisation:
            return organisation
        later = any(name == organisation and spoke[0][0] < i <= sentence for i, name in self.org_subjects)
        return organisation if later else None

    def _document_before(self, sentence: int, head: Any) -> str | None:
        """The issuer a definite "the release" refers back to: the one speaker since a sentence of the last few
        named a document so ("the State Department said in a public release ... the release said")."""
        if head.lower_ not in DOCUMENTS or not self._refers_back(head):
            return None
        named = {i for i, (_, sent) in enumerate(self.sents) if 0 < sentence - i <= PRONOUN_WINDOW and any(
            t.lower_ == head.lower_ and not self.quoted(t.idx, t.idx + 1) for t in sent)}
        since = [c.speaker for c in self.cues if c.speaker and min(named, default=sentence) <= c.sentence < sentence]
        # the issuer spoke last: anyone speaking since may have issued it ("the department announced ...")
        return since[-1] if since and set(since) == {since[-1]} else None

    def _piece_before(self, sentence: int, head: Any) -> str | None:
        """The outlet a definite "the article" refers back to: the one the last few sentences named as the
        publisher of the last piece they mention ("a hit piece in the Washington Post ... . The article stated",
        "The New Yorker has just published an article ... . The article recounted"); so for "the report" and
        the last report named by its issuer ("The majority report by the Permanent Subcommittee ... says")."""
        if head.lower_ not in _PIECES | DOCUMENTS or not self._refers_back(head):
            return None
        nouns = _PIECES if head.lower_ in _PIECES else {head.lower_}  # (a document: "the report", a report)
        for i in range(sentence - 1, max(sentence - 1 - PRONOUN_WINDOW, -1), -1):
            pieces = [t for t in self.sents[i][1] if t.lower_ in nouns and not self.quoted(t.idx, t.idx + 1)]
            outlet = (self._issuer(pieces[-1]) or self._publisher(pieces[-1])) if pieces else None
            if outlet or pieces and not self._refers_back(pieces[-1]):
                return outlet
        return None  # (past "the article" again, to the piece it refers to: "As the article acknowledged")

    @staticmethod
    def _refers_back(noun: Any) -> bool:
        """Whether a noun is definite with nothing of its own ("the article"), so names what it refers to."""
        return [t.lower_ for t in noun.children if t.i < noun.i] == ["the"]

    def _publisher(self, piece: Any) -> str | None:
        """The organisation that is the subject of the verb whose object is ``piece`` ("The New Yorker has just
        published an article")."""
        if piece.dep_ != "dobj":
            return None
        subject = next((c for c in piece.head.children if c.dep_ == "nsubj"), None)
        entity = next((e for e in piece.doc.ents if subject is not None and e.start <= subject.i < e.end), None)
        return _org_name(entity.text) or None if entity is not None and entity.label_ == "ORG" else None

    def _official_before(self, sentence: int, head: Any) -> str | None:
        """The organisation a definite "the official" speaks for: the one whose official spoke last in the last
        few sentences ("An ADL official told JTA ... The official said"), never a person named before them."""
        if head.lower_ not in _MEMBERS or not self._refers_back(head):
            return None
        spoke = [c.speaker for c in self.cues if c.speaker and c.speaker_span and 0 < sentence - c.sentence
                 <= PRONOUN_WINDOW and head.lower_ in self.text[c.speaker_span[0] : c.speaker_span[1]].lower().split()]
        return spoke[-1] if spoke else None

    def _pronoun(self, sentence: int, continuing: bool, pronoun: Any = None) -> str | None:
        """The person a he/she refers to, only when one person is the clear antecedent (never one of a later
        sentence: direct quotations are attributed once the whole article is read). With no subject near, a
        person only mentioned counts, in the same paragraph, before ``pronoun`` when it is given: a mention in
        the paragraph before ("... released by Mike Tokes, one of the dispatchers is heard ... \n “...,” he
        declared") is a guess. Before all that, the one person named before ``pronoun`` in its own sentence, as a
        subject, is it ("Viktor Orban has been a lone voice ..., and on Wednesday he declared")."""
        if (same := self._subject_before_pronoun(sentence, pronoun)) is not None:
            return same
        recent = [(i, name) for i, name, person in self.speakers if (person or name is None)
                  and self._near(i, sentence)]
        if recent:
            last_at, last = recent[-1]
            if last is None:  # the last to speak was someone unnamed: he/she may be them, unless a person
                # named as a subject since is the topic now ("He also claimed ... . Andriy Melnyk, Ukrainian
                # ambassador to Germany, defended ... . “...,” he told journalist Thilo Jung")
                if not any(last_at < i <= sentence for i, _ in self.subjects):
                    return None
            elif not (pronoun is not None and self._other_gender(last, pronoun)):  # (a "she" after a man spoke:
                # someone in the window, "Haig said he merely sold ... . Laura Loomer also started ... . She wrote")
                if sentence - last_at > PRONOUN_WINDOW and any(last_at < i <= sentence and name != last
                                                               for i, name, _ in self.speakers):
                    return None  # reached past a long quotation only when nobody, not even an organisation, spoke since
                others = {name for i, name in self.subjects if last_at <= i <= sentence and name != last
                          and not (pronoun is not None and self._other_gender(name, pronoun))}
                if others and pronoun is not None and self._same_gender(last, pronoun) \
                        and not any(self._same_gender(name, pronoun) for name in others):
                    others = set()  # only the last speaker is known to be a "she" ("Swetnick says in her ... .
                    # Kavanaugh and Judge were students ... . She said")
                if any(last_at < i < sentence for i in self.described):
                    return None  # "X said ... . The head of the Commission has called ... . She added": her, maybe
                if continuing or not others:
                    return last
        window = {name for i, name in self.subjects if 0 <= sentence - i <= 3}
        if not window:  # "After an announcement by X, ... . According to him, ...", "X's Address in which he told"
            # (not past a paragraph's end)
            window = {name for i, name in self.mentions if 0 <= sentence - i <= 1
                      and self.sents[i][0] == self.sents[sentence][0]} | self._named_before_pronoun(pronoun)
        if pronoun is not None:  # not someone the writer calls by the other gender's pronouns
            window = {name for name in window if not self._other_gender(name, pronoun)}
        if len(window) > 1:  # of several, the one person the sentence before is about ("Trump did not
            # answer ... . He also said ...")
            previous = {name for i, name in self.main_subjects if i == sentence - 1}
            window = previous if len(previous) == 1 else window
        if len(window) != 1:
            return None
        # someone the sentence before acts on may as well be he/she ("An incredulous Carlson asked fellow guest
        # Catherine Lombardo, ... . “...,” she said")
        person = window.pop()
        return None if any(i == sentence - 1 and name != person for i, name in self.objects) else person

    def _same_gender(self, person: str, pronoun: Any) -> bool:
        """Whether the writer's own pronouns make ``person`` a he or a she as ``pronoun`` is."""
        return self.genders.get(person) == _gender_of(pronoun)

    def _other_gender(self, person: str, pronoun: Any) -> bool:
        """Whether the article introduced ``person`` with words of the other gender than ``pronoun`` ("he and
        his wife Sadie ... “...,” he said" is not Sadie), or, introduced with none, refers to them with the
        other gender's pronouns."""
        words = self.roles.get(person, set())  # ("Rep." spells out as congressman and congresswoman: neither)
        same, other = (_MASCULINE_ROLES, _FEMININE_ROLES) if _gender_of(pronoun) == "he" else (
            _FEMININE_ROLES, _MASCULINE_ROLES)
        if words & same or words & other:
            return bool(words & other) and not words & same
        return self.genders.get(person) not in (None, _gender_of(pronoun))

    def _subject_before_pronoun(self, sentence: int, pronoun: Any) -> str | None:
        """The person named before ``pronoun`` in its sentence, outside quotations, when that is the only person
        named or described there, the subject of a main clause ("Viktor Orban has been a lone voice ..., and on
        Wednesday he declared"; not "Although Tom Smith objected, she insisted", nor "Tom Smith interviewed
        the actress, and she told him"), nobody else spoke last, and no pronoun of the other gender comes
        between ("Kavanaugh then covered the woman’s mouth with his hand ..., but she says")."""
        if pronoun is None:
            return None
        before = self._before(pronoun)
        other = _FEMININE if _gender_of(pronoun) == "he" else _MASCULINE
        if any(t.lower_ in other for t in before):
            return None
        named = {p for t in before if (p := self._person(t))}
        subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") and self._persons_in(t)]
        if len(named) != 1 or {p for t in subjects for p in self._persons_in(t)} != named:
            return None
        person = named.pop()
        own = {t.i for s in subjects for t in s.subtree}
        people = TITLES | PERSON_NOUNS | _FEMININE_ROLES | _MASCULINE_ROLES
        if any(t.lower_ in people and t.pos_ == "NOUN" and t.i not in own for t in before):
            return None  # someone else described before it may be he/she
        if any(s.head.dep_ in ("advcl", "ccomp", "relcl", "acl") or any(c.dep_ == "mark" for c in s.head.children)
               for s in subjects):
            return None  # a subordinate clause's subject ("When Tom Smith arrived, she said")
        spoke = [name for i, name, _ in self.speakers if 0 <= sentence - i <= PRONOUN_WINDOW and i < sentence]
        return person if not spoke or spoke[-1] in (None, person) else None

    def _before(self, pronoun: Any) -> list[Any]:
        """The tokens before ``pronoun`` in its sentence, outside quotations."""
        return [t for t in pronoun.sent if t.i < pronoun.i and not self.quoted(t.idx, t.idx + 1)]

    def _named_before_pronoun(self, pronoun: Any) -> set[str]:
        """Persons who own something named before ``pronoun`` in its sentence, outside quotations ("Louis
        Farrakhan's Saviours’ Day 2018 Address in which he told"); none without a pronoun. Any other name there
        may be someone the pronoun is not ("After meeting Putin, he said")."""
        if pronoun is None:
            return set()
        return {p for t in self._before(pronoun) if self._owner(t) and (p := self._person(t))}

    @staticmethod
    def _owner(token: Any) -> bool:
        """Whether a token is the possessive of its noun phrase, or the name it ends ("Louis Farrakhan's")."""
        return token.dep_ == "poss" or token.head.dep_ == "poss" and token.dep_ in ("compound", "flat")

    def _it(self, sentence: int, pronoun: Any) -> str | None:
        """The organisation or country "it" refers to: the one subject before it in its sentence that names
        one ("Although Russia prepares ..., it insists that", "the US government expelled ... for what it
        said was"), never a person or a thing; with none (subjects of what it said do not count), the one
        organisation that spoke last in the last few sentences, as he/she would resolve."""
        found = set()
        said = {t.i for c in pronoun.head.children if c.dep_ == "ccomp" for t in c.subtree}  # "..., it said"
        for token in pronoun.sent:
            if token.i >= pronoun.i or token.i in said or token.dep_ not in ("nsubj", "nsubjpass") \
                    or token.pos_ == "PRON" \
                    or self.quoted(token.idx, token.idx + 1) or self._persons_in(token):
                continue
            entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if entity is not None and entity.label_ in ("GPE", "ORG") and entity.root.i == token.i:
                found.add(_org_name(entity.text))
            elif name := self._institution(token) or self._generic(sentence, token):
                found.add(name)
            else:
                return None  # another subject first: "it" may be that
        if not found:  # "..., Congo's government said. ..., it said"
            recent = [(name, person) for i, name, person in self.speakers if 0 <= sentence - i <= PRONOUN_WINDOW]
            organisations = {name for name, person in recent if name and not person}
            return recent[-1][0] if recent and not recent[-1][1] and len(organisations) == 1 else None
        return found.pop() if len(found) == 1 else None

    def _rival(self, sentence: int, pronoun: Any, person: str | None) -> bool:
        """Whether someone other than ``person`` is named before ``pronoun`` in its sentence: he/she may
        be them ("The Home Office admitted Hamza Sodagar, though he has said ...")."""
        return person is not None and any(
            (other := self._person(t)) and other != person or self._unnamed_person(sentence, t)
            for t in self._before(pronoun))

    def _unnamed_person(self, sentence: int, token: Any) -> bool:
        """Whether a subject describes, by a title of something ("The head of the European Commission has
        already called ..."), a person no name or introduction with that title gives (not "the judge"
        introduced as Judge Patti Saris; nor "The French leader", which refers back)."""
        return any(c.dep_ == "prep" for c in token.children) and self._unresolved_description(sentence, token)

    def _unresolved_description(self, sentence: int, token: Any) -> bool:
        """Whether a subject of no verb of saying describes by a title a person no name or introduction with
        that title gives ("But the PRC leader was not much convinced"): a later he/she may be them."""
        return (token.dep_ in ("nsubj", "nsubjpass") and token.lower_ in TITLES | PERSON_NOUNS
                and token.head.lower_ not in SAYING_FORMS and not self._persons_in(token)
                and self._description(sentence, token, refer_back=False) is None)

    def _description(self, sentence: int, head: Any, refer_back: bool = True) -> str | None:
        """The person a definite description ("the Ambassador", "said the presenter") refers to.

        The one person introduced with that title; when nobody was, a title word refers back like
        he/she would (to the one person recently speaking), since news names a speaker before
        describing them (unless not ``refer_back``). A title owned by someone ("Khweis’ defense
        attorney") is definite too, but names only a person introduced with it, never its owner.
        """
        if head.lower_ in INSTITUTIONS | _BARE_INSTITUTIONS:  # "The city’s police" is a force, not its chief
            return None
        owners = {(self._person(c) or _clean_name(c.text)).split()[-1] for c in head.children
                  if c.dep_ in ("poss", "nmod")}
        # a headline drops "the" ("“...”: Congressman Says ..."): its bare title is definite too
        definite = any(t.lower_ == "the" and t.dep_ == "det" for t in head.children) or (
            head.idx < self.headline_end and not any(t.dep_ == "det" for t in head.children))
        if not owners and not definite:
            return None
        wanted = _ABBREVIATED.get(head.lower_, (head.lower_,))
        matches = [name for name, words in self.roles.items()
                   if all(w in words for w in wanted) and name.split()[-1] not in owners]
        if head.lower_ in _INTERVIEWERS and not matches:  # "the presenter" is the one introduced as host
            matches = [name for name, words in self.roles.items() if words & _INTERVIEWERS]
        if owners:
            return matches[0] if len(matches) == 1 else None
        if len(matches) > 1:  # the plain title before a lesser one ("Attorney General" before "Deputy ...")
            plain = [name for name in matches if not self.roles[name] & _LESSER]
            matches = plain if len(plain) == 1 else matches
        if len(matches) > 1:  # "the former president": of the presidents, the one just mentioned
            matches = [n for n in matches if any(n == m and 0 <= sentence - i <= PRONOUN_WINDOW for i, m in self.mentions)]
            if len(matches) > 1:  # and of those, the main subject of the sentence before ("After meeting President
                matches = [n for n in matches if (sentence - 1, n) in self.main_subjects]  # Putin, President Trump
            return matches[0] if len(matches) == 1 else None  # said ... . President Trump went on ... . The president said")
        if matches:
            return matches[0]
        if head.lower_ not in TITLES | PERSON_NOUNS or not refer_back or self._introduced_unnamed(head) \
                or any(c.lower_ in _ANONYMOUS for c in head.children) or self._of_someone_named(head) \
                or head.lower_ in _INTERVIEWERS:
            return None  # "The unidentified woman says", "The lawyer of Donald Trump said", "the host suggested"
        person = self._pronoun(sentence, False)
        if person and head.lower_ in _OFFICES and self.roles.get(person, set()) & TITLES:
            return None  # introduced by another title, they hold no such office ("President Trump ... the judge noted")
        return person

    def _of_someone_named(self, head: Any) -> bool:
        """Whether a title is that of a person it names ("the lawyer of Donald Trump", "the spokesman for
        Zelensky"): it refers to someone tied to that name, whom a he/she's antecedent may not be."""
        return any(self._person(g) for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                   for g in c.children if g.dep_ == "pobj")

    def _introduced_unnamed(self, head: Any) -> bool:
        """Whether someone nobody names was introduced earlier with the description's title ("A professor at
        Southern New Hampshire University failed ... . The professor wrote"): the description is that person,
        not whoever a he/she would be. A title in apposition to a name or after a copula ("X, a professor at
        Y", "X is a professor") introduces X, not someone new; a common noun for people ("A caller to the
        show ... who called himself Rick ... The caller") introduces someone the article names later, unless
        the article says it will not ("The unidentified woman says ... . The woman says")."""
        if head.lower_ not in TITLES | PERSON_NOUNS:
            return False
        opening = ("a", "an", *_ANONYMOUS) if head.lower_ in TITLES else _ANONYMOUS
        return any(t.lower_ == head.lower_ and t.dep_ not in ("appos", "attr", "compound")
                   and any(d.lower_ in opening and d.dep_ in ("det", "amod") for d in t.children)
                   and not self._persons_in(t) and not self.quoted(t.idx, t.idx + 1)
                   for t in head.doc[: head.i])

    def speaker(self, sentence: int, head: Any, verb: str = "") -> tuple[str | None, tuple[int, int] | None]:
        """Speaker named by the noun (or pronoun) ``head``, and where the text names it."""
        if head.pos_ == "PRON" and not _acronym(head):
            if head.lower_ == "it":
                return self._it(sentence, head), self._span([head])
            if head.lower_ in PERSON_PRONOUNS:
                person = self._pronoun(sentence, verb in CONTINUING, head)
                person = None if person and self._other_gender(person, head) else person
                return (None if self._rival(sentence, head, person) else person), self._span([head])
            return None, self._span([head])
        span = self._span(self._phrase(head))
        persons = self._persons_in(head)
        if persons:
            return (persons[0] if len(persons) == 1 or self._speaking_together(head, persons) else None), span
        return (self._owned_spokesperson(sentence, head) or self._institution(head) or self._made_by(head)
                or self._named_before(sentence, head) or self._generic(sentence, head)
                or self._piece_before(sentence, head) or self._document_before(sentence, head)
                or self._official_before(sentence, head)
                or self._description(sentence, head)
                or self._officer_of(head) or self._bare_name(head)), span

    def _speaking_together(self, head: Any, persons: list[str]) -> bool:
        """Whether the persons are named one "and" another as the subject of a verb of saying itself ("Kristine
        Phillips and Deanna Paul wrote"): both speak, so the first named is a speaker (not so for two names in
        apposition or run into one phrase, nor for a subject reached from another verb, which may be a misread
        object: "Swisher meant Eric Holder and Clinton corrected her, adding")."""
        joined = {self._person(c) for c in head.children if c.dep_ == "conj"}
        return head.dep_ == "nsubj" and head.head.lower_ in SAYING_FORMS and set(persons[1:]) <= joined and any(
            c.dep_ == "cc" and c.lower_ == "and" for c in head.children)

    def _officer_of(self, head: Any) -> str | None:
        """A title an organisation owns ("Raytheon’s CEO was quoted as saying") names its holder by that
        description when nobody was introduced with it (a person's or country's title names someone else)."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if head.lower_ not in TITLES or owner is None or owner.pos_ != "PROPN" or owner.ent_type_ not in ("", "ORG") \
                or self._person(owner):
            return None
        return _clean_name(head.doc.text[owner.left_edge.idx : head.idx + len(head.text)]) or None

    def _owned_spokesperson(self, sentence: int, head: Any) -> str | None:
        """ "Her spokeswoman said": the spokesperson of the person his/her refers to, by that description."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if head.lower_ not in SPOKESPEOPLE or owner is None:
            return None
        person = self._pronoun(sentence, False)
        if person is None or self._rival(sentence, owner, person):
            return None
        name = f"{person}’s {head.lower_}"
        self.roles.setdefault(name, set()).add(head.lower_)
        return name

    def _name_like(self, token: Any) -> str | None:
        """An appositive the model missed that reads as a person's name ("Uniper CFO, Tiina Tuomela")."""
        words = [t for t in token.subtree if t.dep_ in ("compound", "flat") or t.i == token.i]
        if token.pos_ != "PROPN" or not 2 <= len(words) <= 3 or any(t.ent_type_ in _PLACE_LABELS for t in words):
            return None
        if any(not t.text[:1].isupper() or t.is_upper or t.lower_ in TITLES | INSTITUTIONS for t in words):
            return None
        return self.canonical(_clean_name(token.doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]))

    def _bare_name(self, head: Any) -> str | None:
        """A proper noun the model tagged as no entity, as a kind no speaker is ("Gazprom"), or as a person
        after "the" ("according to the Enquirer"): its name.

        The subject of a verb of saying that is a name can only be its speaker; what kind of
        name the model could not tell does not matter.
        """
        acronym = _acronym(head) or _camel_case(head)
        mistyped = head.ent_type_ in _MISTYPED or _after_the(head.doc, head.i) and (
            head.ent_type_ == "PERSON" or head.ent_type_ == "NORP" and head.tag_ == "NNP")  # not "the Germans"
        if not (head.pos_ == "PROPN" or acronym) or not mistyped or not head.text[:1].isupper():
            return None
        if head.lower_ in TITLES:
            return None
        first = head  # through compounds of compounds ("the Dallas Morning News", "Dallas" a part of "Morning")
        while parts := [t for t in first.children if t.i < first.i and (
                t.dep_ in ("compound", "flat") and t.pos_ == "PROPN" or head.is_upper and t.ent_type_ == "NORP")]:
            first = parts[0]
        return self.canonical(_clean_name(head.doc.text[first.idx : head.idx + len(head.text)])) or None

    # --- cues --------------------------------------------------------------------------------

    def quoted(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a direct quotation."""
        index = bisect.bisect_right(self._direct_starts, start) - 1
        return index >= 0 and self.direct[index][1] >= end

    def _quoted_share(self, start: int, end: int) -> float:
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in self.direct)
        return inside / max(1, end - start)

    def _subject(self, verb: Any) -> Any:
        """The subject of a verb of saying, climbing from a participle or conjunct to its clause.

        A subject inside a quotation is the quotation's own ("“... A hat signed by X,” Joe Gallow
        wrote" gives "wrote" two subjects): the one outside it is the speaker, and a verb whose only
        subject is quoted has none (its clause is part of what someone else quotes).
        """
        # "“...,” summed up X": right after a closing mark, with no subject of its own (not the
        # appositive's comma in "X, a professor, told The Sun Online ...")
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        # a passive's doer ("As reported by The Washington Times, ..."), unless it only relays another's
        # saying ("X told The Associated Press as reported by 9 News")
        if verb.tag_ == "VBN" and len(agents) == 1 and verb.head.lower_ not in SAYING_FORMS:
            return agents[0]
        follows_quote = (verb.i > 0 and verb.doc[verb.i - 1].text in "”\"’»"
                         and not any(c.dep_ == "nsubj" for c in verb.children))
        for child in verb.children:  # "“...,” summed up MEP Marie-Pierre Vedrenne."
            if follows_quote and child.dep_ == "dobj" and child.i > verb.i and child.pos_ == "PROPN":
                return child
        if verb.lower_ != "quoted" and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) \
                and not Article._reported_by_someone(verb):
            return None  # "he was publicly reminded that": the passive's subject was told, by someone unnamed
        node = verb
        for _ in range(4):
            # "Larijani was quoted as saying": the passive subject of "quoted" speaks
            subjects = [c for c in node.children
                        if c.dep_ == "nsubj" or c.dep_ == "nsubjpass" and node.lower_ == "quoted"]
            if subjects and all(Article._misread_object(c) for c in subjects):
                return None
            if subjects and node.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in node.children):
                return None  # a bare participle has no subject of its own: the model misread a noun before it
                # ("captured on video in Tehran, Iran chanting ... and stating that", "Iran" read as the subject)
            outside = [c for c in subjects if not self.quoted(c.idx, c.idx + 1)]
            if subjects and not outside:  # "The Guardian reported that “Chris Bryant, a senior Labour backbencher,”
                return None  # has written to ...": the quoted name is the reporter's words, no subject of its own
            for child in Article._nearest_subject(node, outside or subjects):
                if child.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                    return node.head
                return child
            if (cited := Article._cited_as(node)) is not None:
                return cited
            if node.dep_ not in _CLIMB_DEPS or node.head is node:
                return Article._inverted_subject(verb) or Article._fronted_appositive(verb)
            if node.dep_ == "acl" and node.head.pos_ == "NOUN" and node.head.head.lower_ in _RECEIVING:
                return None  # "got a message saying “...”": whoever sent it is not named
            if node.dep_ == "advcl" and node.tag_ in ("VBD", "VBZ", "VBP"):
                return None  # a finite clause has a subject of its own, which the model lost ("Francis repeated a
                # quote by his predecessor Benedict XVI, who ... lamented “...”", "lamented" an advcl)
            if node is verb and verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "relcl":
                return None  # "X has warned against the kind Y is calling for, writing that": the participle
                # may hang from the main clause or the relative one; the model cannot tell whose
            node = Article._parallel_saying(node) or node.head
        return None

    @staticmethod
    def _reported_by_someone(verb: Any) -> bool:
        """Whether ``verb`` lies in what a verb of saying reports (climbing through reported clauses and
        conjuncts only: "X said ... and the population was not told that" is X's, "When he was told that ...,
        Smith said" is not)."""
        node = verb
        while node.dep_ in ("ccomp", "conj") and node.head is not node:
            node = node.head
            if node.lower_ in SAYING_FORMS:
                return True
        return False

    @staticmethod
    def _parallel_saying(node: Any) -> Any:
        """The verb of saying that a second one joins, when the model hangs the second on the clause the first
        reports ("The Guardian said Manafort returned there ... and said its sources had ...", "said" a conjunct of
        "returned"): two verbs of saying joined so share the first's subject, not the reported one's. Not so
        for an attribution closing its sentence ("X wasn't sure ... and said ..., he told Y"), which reports
        the whole, second verb and subject included."""
        clause = node.head
        if node.dep_ != "conj" or node.lower_ not in SAYING_FORMS or clause.dep_ != "ccomp":
            return None
        outer = clause.head
        return outer if outer.lower_ in SAYING_FORMS and outer.i < clause.i else None

    @staticmethod
    def _misread_object(subject: Any) -> bool:
        """Whether a subject after its verb is an object the model misread: of verbs, only one of saying inverts
        its subject ("... and has said that ..." joined to "praised Hitler as ...", "Hitler" read as the subject),
        while a copula may ("Among those who commented ... was Donald Trump Jr.")."""
        verb = subject.head
        return subject.i > verb.i and verb.pos_ == "VERB" and verb.lower_ not in SAYING_FORMS

    @staticmethod
    def _cited_as(node: Any) -> Any:
        """The object of a verb that cites someone "as saying" ("The Guardian cited two unidentified sources as
        saying ...", "the agency quoted Peskov as saying"): the one cited speaks, not the one citing."""
        if node.dep_ != "pcomp" or node.head.lower_ != "as" or node.head.dep_ != "prep":
            return None
        return next((c for c in node.head.head.children if c.dep_ == "dobj"), None)

    @staticmethod
    def _nearest_subject(verb: Any, subjects: list[Any]) -> list[Any]:
        """Of several subjects the model hangs on one verb, the one right before it: a noun phrase ends in its
        head, so the earlier ones are its modifiers ("Nation of Islam leader and prominent antisemite Louis
        Farrakhan chanted", "Nation" and "Farrakhan" both read as subjects, is Farrakhan)."""
        before = [c for c in subjects if c.i < verb.i]
        return before[-1:] or subjects[:1]

    @staticmethod
    def _inverted_subject(verb: Any) -> Any:
        """The noun phrase between a comma and the verb when the model gave the verb no subject
        ("..., the US embassy in Beijing said in an email." read as an appositive)."""
        if verb.i == 0 or verb.doc[verb.i - 1].pos_ not in ("NOUN", "PROPN"):
            return None
        head = verb.doc[verb.i - 1]
        while head.dep_ in ("pobj", "prep", "compound", "flat") and head.head.i < verb.i:
            head = head.head
        edge = head.left_edge.i
        if head.pos_ not in ("NOUN", "PROPN") or edge == 0 or verb.doc[edge - 1].text != "," or head.right_edge.i != verb.i - 1:
            return None
        return head

    @staticmethod
    def _fronted_appositive(verb: Any) -> Any:
        """A name the model hangs as an appositive inside a phrase opening the sentence, when the verb has no
        subject ("In a new undercover video from Project Veritas, Omar Smith, who is a staffer ..., said that"):
        the name and its clauses run up to the verb, with only punctuation between."""
        fronted = [c for c in verb.children if c.dep_ == "prep" and c.i < verb.i]
        names = [t for c in fronted for t in c.subtree if t.dep_ == "appos" and t.pos_ == "PROPN"
                 and all(g.is_punct for g in verb.doc[t.right_edge.i + 1 : verb.i])]
        return names[-1] if names else None

    def _content(self, tokens: list[Any]) -> tuple[int, int] | None:
        """Character span of reported content, without a leading "that" or edge punctuation.

        None when, with no "that" before, it is all one direct quotation or opens with one ("saying,
        “...”"): that is a direct quotation, not reported speech; "said that “...”" is both.
        """
        that = False
        while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ == "that"
                          and tokens[0].dep_ == "mark"):
            that = that or tokens[0].lower_ == "that"
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\"»“" or tokens[-1].is_space):
            tokens = tokens[:-1]
        if sum(not t.is_punct for t in tokens) < 3:
            return None
        if tokens[0].lower_ in _QUESTION_WORDS:
            return None  # "he said what many of us thought", "Graham finally said what everyone had been waiting on"
        start, end = self._span(tokens)
        if not that and (self._quoted_share(start, end) > 0.9 or start - 1 in self._direct_starts):
            return None
        return start, end

    @staticmethod
    def _aside(token: Any) -> bool:
        """Whether a verb of saying is the writer's aside, not reported speech: "it's worth noting that",
        "it should be noted that", "that's not to say"."""
        if token.head.lower_ == "worth":
            return True
        children = {c.dep_: c for c in token.children}
        if "nsubjpass" in children and children["nsubjpass"].lower_ == "it" and any(
                c.dep_ == "aux" and c.tag_ == "MD" for c in token.children):
            return True
        return "neg" in children and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)

    def _trailing(self, token: Any) -> tuple[tuple[int, int], Any] | None:
        """A sentence closed by its attribution that the model did not parse as one: "..., AFP reports.",
        "..., reported The Daily Wire.", "..., the US embassy in Beijing said in an email."

        The verb is finite, follows a comma with at most a short noun phrase (its speaker) between,
        and is followed by nothing but a short verbless phrase (or the speaker, inverted); the
        reported content is everything before the comma. Returns (content, speaker's head).
        """
        if token.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        sent = token.sent
        tail = [t for t in sent if t.i > token.i and not t.is_punct and not t.is_space]
        if len(tail) > 8 or any(t.pos_ in ("VERB", "AUX") or self.quoted(t.idx, t.idx + 1) for t in tail):
            return None  # a quotation after the verb is what it says ("..., X said literally: “...”")
        comma = next((t for t in reversed(sent[: token.i - sent.start]) if t.text == ","), None)
        if comma is None:
            return None
        zone = [t for t in sent if comma.i < t.i < token.i]
        if len(zone) > 7 or any(t.pos_ in ("VERB", "AUX", "PUNCT") for t in zone):
            return None
        before = [t for t in sent if t.i < comma.i]
        roots = [t for t in before if not sent.start <= t.head.i < comma.i or t.head.i == t.i]
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for r in roots for c in r.children):
            return None  # a clause with a subject of its own, not "Commenting on what’s going on, X said"
        content = self._content(before)
        if content is None:
            return None
        nouns = [t for t in zone if t.pos_ in ("NOUN", "PROPN", "PRON") and not comma.i < t.head.i < token.i]
        if not zone:  # inverted: "..., reported The Daily Wire."
            nouns = [t for t in tail if t.pos_ in ("NOUN", "PROPN") and t.head.i == token.i]
        return content, (nouns[0] if len(nouns) == 1 else None)

    def _unparsed_clause(self, token: Any) -> tuple[int, int] | None:
        """The rest of the sentence after a verb of saying the model gave no clause, when it plainly opens
        one: "that" right after the verb ("experts warn that its too soon ...", "that" read as a
        determiner) or a date between the verb and a finite clause ("Tedros said Wednesday the death toll
        stood at 207", read as a relative clause of "Wednesday"); never after a passive ("were warned")."""
        sent = token.sent
        after = [t for t in sent if t.i > token.i]
        dated = 0
        while dated < len(after) and after[dated].ent_type_ in ("DATE", "TIME") and after[dated].dep_ != "pobj":
            dated += 1
        rest = after[dated:]
        that = bool(rest) and rest[0].lower_ == "that"
        opens = that or dated and rest and rest[0].pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ")
        finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not self.quoted(t.idx, t.idx + 1) for t in rest[1:])
        if not opens or not finite or any(c.dep_ == "auxpass" for c in token.children):
            return None
        return self._content(rest)

    def _as_clause(self, token: Any) -> tuple[int, int] | None:
        """The rest of the sentence after "As X noted," opening it: what X said ("As Slavo noted, should the disease
        spread ..., one can assume that ...")."""
        sent = token.sent
        if token.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i == sent.start
                                            for c in token.children):
            return None
        edge = token.right_edge.i
        if edge + 1 >= sent.end or token.doc[edge + 1].text != ",":
            return None
        return self._content([t for t in sent if t.i > edge + 1])

    def _verb_cue(self, index: int, token: Any) -> Cue | None:
        verb = SAYING_FORMS.get(token.lower_)
        if verb is None or token.pos_ != "VERB" or self._aside(token):
            return None
        if verb in _PARTICLE and not any(c.dep_ in ("prt", "dobj") and c.lower_ == _PARTICLE[verb]
                                         for c in token.children):
            return None
        if verb == "put" and not (any(c.dep_ == "nsubj" for c in token.children) and any(
                t.lower_ in ("as", "how") for t in token.doc[max(token.left_edge.i - 1, 0) : token.left_edge.i + 1])):
            return None  # only "as X put it": not the writer's "To put it simply", nor "Smith put it down"
        stance = [a for o in token.children if o.dep_ == "dobj" and o.lower_ in _STANCE_NOUNS for a in o.children
                  if a.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)
                  and not _relative_to_stance(a)] if verb in _STANCE_VERBS else []
        if verb in _STANCE_VERBS and not stance:
            return None
        if any(c.dep_ == "aux" and c.lower_ in ("do", "does", "did") and c.i == token.sent.start for c in token.children):
            return None  # the writer's question ("Does Ramadan remind us of “...”?", "Did the minister say that ...?")
            # reports no saying: no cue, so no reported speech from it
        subject = self._subject(token)
        if verb in _AFTER_QUOTE:  # or right before one ("Graham continued, “...”", "Swisher asked her, “...”")
            left = min(token.i, subject.left_edge.i) if subject is not None else token.i
            before = left > 0 and token.doc[left - 1].text in "”\"’»"
            addressed = token.nbor() if token.i + 1 < len(token.doc) and token.nbor().dep_ in ("dobj", "dative") \
                and token.nbor().pos_ in ("PRON", "PROPN") else token
            end = addressed.idx + len(addressed.text)
            if not before and self.text[end : end + 3].lstrip(" ,:")[:1] not in ("“", '"', "«", "„"):
                return None
        speaker, span = self.speaker(index, subject, verb) if subject is not None else (None, None)
        if speaker is None and subject is not None and not _personal(subject):
            speaker, span = self._misread_subject(token, subject) or (speaker, span)
        if verb == "suggest" and speaker is None and token.tag_ != "VBG":  # "the evidence suggests", "all the
            return None  # circumstances suggested"; "..., suggesting that" goes with its clause's subject
        content = scope = None
        # the clause after the verb, when the model also hangs one before it ("The figure itself is not new:
        # General Mark Milley ... said that ...")
        clauses = stance or [c for c in token.children if c.dep_ == "ccomp"]
        clause = next((c for c in clauses if c.i > token.i), clauses[0] if clauses else None)
        if clause is not None and clause.i < token.i:  # "..., X said" needs its comma (or closing quote),
            edge = clause.right_edge  # which the model may count as the clause's own last token
            after = edge if edge.text == "," else edge.nbor() if edge.i + 1 < len(token.doc) else None
            clause = clause if after is not None and after.text in ",”\"»" else None
            if clause is not None and SAYING_FORMS.get(clause.lower_) not in (None, *_AFTER_QUOTE) and any(
                    c.dep_ == "nsubj" for c in clause.children):
                clause = None  # another's attribution, not content ("The musician recalled how ...: ..., X said")
        if clause is not None and verb != "accuse":
            # a relative's words before the verb are not what was said ("what it said was Cuba's failure",
            # "which NASA says is the windiest")
            tokens = [t for t in clause.subtree if t.i > token.i] if clause.i > token.i else list(clause.subtree)
            # a second verb of saying joined to the clause says something else ("Khweis said he regretted his
            # actions and said his decision ... was a drunken one")
            joined = [t for t in tokens if t.dep_ == "conj" and t.lower_ in SAYING_FORMS and t.head.i != token.i]
            if joined:
                tokens = [t for t in tokens if t.i < joined[0].i]
                while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
                    tokens.pop()
            content, scope = self._content(tokens), self._span(list(clause.subtree))
        elif clause is None and (trailing := self._trailing(token)) is not None:
            content, head = trailing
            scope = content
            if head is not None:
                subject = head
                speaker, span = self.speaker(index, head, verb)
        elif clause is None and (unparsed := self._unparsed_clause(token) or self._as_clause(token)) is not None:
            content = scope = unparsed
        if subject is not None and subject.lower_ == "i":  # the writer's own words ("I've often said ...") report
            content = scope = None  # nobody's speech; in a quotation they are the speaker's, never reached here
        plural = subject is not None and (subject.tag_ in ("NNS", "NNPS") or subject.lower_ in ("they", "we", "those",
                                                                                               "these")
                                          or any(c.dep_ == "conj" for c in subject.children))  # "X and Y wrote"
        return Cue(token.idx, token.idx + len(token.text), token.text, index, speaker, span, content, plural, scope,
                   subject is None or _personal(subject))

    def _misread_subject(self, verb: Any, subject: Any) -> tuple[str, tuple[int, int]] | None:
        """The person whose appositive the model read as the subject of a verb of saying ("Christine South, head of
        IFRC’s emergency operations, said:", "operations" the subject): a name, then commas around a verbless
        phrase holding that subject, right before the verb."""
        comma = verb.i - 1
        if comma < 0 or verb.doc[comma].text != ",":
            return None
        opening = next((t.i for t in reversed(verb.doc[verb.sent.start : comma]) if t.text == ","), None)
        if opening is None or opening == verb.sent.start or not opening < subject.i < comma or any(
                t.pos_ in ("VERB", "AUX") for t in verb.doc[opening:comma]):
            return None
        person = self._person(verb.doc[opening - 1])
        return (person, self._span([verb.doc[opening - 1]])) if person else None

    def _misparsed_cue(self, index: int, token: Any) -> Cue | None:
        """A bare attribution the model read as a noun phrase ("“...,” Salvini claims.", "Salvini" an adjective
        of the noun "claims"): a known person's name between a closing mark and a verb of saying that ends
        the sentence is the speaker."""
        if token.pos_ == "VERB" or token.lower_ not in SAYING_FORMS or token.i < 2 or token.i + 1 >= token.sent.end:
            return None
        name, mark, after = token.doc[token.i - 1], token.doc[token.i - 2], token.doc[token.i + 1]
        person = self._person(name)
        if mark.text not in "”\"’»" or after.text not in (".", "!", "?") or person is None:
            return None
        return Cue(token.idx, token.idx + len(token.text), token.text, index, person, self._span([name]))

    def _reading_cue(self, index: int, token: Any) -> Cue | None:
        """A document read out ("“...,” J Street’s statement read", "“...,” read a report in The Daily Sheeple"):
        "read" reports what a document says, its subject or, inverted right after a closing mark, its object;
        whoever else reads only receives (and the model may tag this "read" a noun)."""
        if token.lower_ not in ("read", "reads") or token.i == 0:
            return None
        document = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if document is None and token.doc[token.i - 1].text in "”\"’»":
            document = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
        if document is None or document.lower_ not in DOCUMENTS:
            return None
        speaker, span = self.speaker(index, document)  # "the message reads" names no one: the quotation
        if speaker is None:  # keeps the speaker the paragraph before gave it ("X denied this information.")
            return None
        return Cue(token.idx, token.idx + len(token.text), token.text, index, speaker, span, personal=False)

    @staticmethod
    def _speaking_source(source: Any) -> bool:
        """Whether "according to" cites someone's words, named or not ("police sources", "Western media
        reports", "the organization", "dozens of eyewitnesses"), rather than figures ("the 2011 census")."""
        nouns = [source, *(g for c in source.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj")]
        return any(_speaking_noun(n) for n in nouns)

    @staticmethod
    def _reported_subject(according: Any) -> Any:
        """The noun subject of a verb of saying, or of a verb with a clause of its own, that "according to X, ..."
        opens ("According to Carlson, the owner of the tape maintains that ...", "According to the Daily Mail,
        experts warn the outbreak ..."): the words are that subject's, X only reports them ("According to Y, X
        said ..." is X's), so a subject nobody names leaves them unknown. A passive's subject is what was said
        ("According to CNN, the cases were reported by ...")."""
        verb = according.head
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.lower_ in SAYING_FORMS)]
        if verb.pos_ != "VERB" or verb.lower_ not in SAYING_FORMS and not any(
                c.dep_ == "ccomp" and c.i > v.i for v in verbs for c in v.children):
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > according.i), None)
        return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None

    @staticmethod
    def _misread_appositive(according: Any, source: Any) -> Any:
        """A name the model hangs on the source of "according to" as an appositive when it is the subject of
        the clause after it, whose verb has no subject ("According to an ex-Secret Service agent, Vice-President
        Joe Biden was regularly engaged in ..."): only the verb's auxiliaries and adverbs stand between them."""
        verb = according.head
        if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
                                                    for c in verb.children):
            return None
        names = [c for c in source.children if c.dep_ == "appos" and c.i > source.i and c.pos_ == "PROPN"]
        between = verb.doc[names[-1].right_edge.i + 1 : verb.i] if names else None
        if not names or not all(t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "advmod", "neg") for t in between):
            return None
        return names[-1]

    def _phrase_cue(self, index: int, sent: Any, token: Any) -> Cue | None:
        """ "according to X, ..." and "in the words of X" as cues."""
        if token.lower_ == "according":
            prep = next((c for c in token.children if c.lower_ == "to"), None)
        elif token.lower_ == "words" and token.head.lower_ == "in":
            prep = next((c for c in token.children if c.lower_ == "of"), None)
            token = token.head
        else:
            return None
        source = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if source is None:
            return None
        speaker, span = self.speaker(index, source)
        phrase = list(token.subtree)
        before = [t for t in sent if t.i < phrase[0].i]
        after = [t for t in sent if t.i > phrase[-1].i]
        content = None
        if (speaker is not None or source.pos_ in ("PRON", "PROPN") or self._speaking_source(source)) \
                and token.lower_ == "according":
            # "according to X, ...", also after an adverb ("However, according to X, ...")
            if all(t.is_punct or t.dep_ == "cc" or t.pos_ == "ADV" and t.dep_ == "advmod" for t in before):
                content = self._content(after)
                reporter = self._reported_subject(token)
                if reporter is not None and self.speaker(index, reporter)[0] is None:
                    speaker, span = None, self._span(self._phrase(reporter))
                elif (subject := self._misread_appositive(token, source)) is not None:
                    content = self._content([t for t in sent if t.i >= subject.left_edge.i])
                    speaker = self._person(source) or self._institution(source)  # ("According to CNN, Joe Biden was")
                    span = self._span([t for t in self._phrase(source) if t.i < subject.left_edge.i and not t.is_punct])
            elif all(t.is_punct or t.is_space for t in after):
                content = self._content(before)
        text = self.text[token.idx : prep.idx + len(prep.text)]
        return Cue(token.idx, prep.idx + len(prep.text), text, index, speaker, span, content)

    def read(self) -> None:
        """Find every cue, sentence by sentence, keeping the history pronouns resolve against."""
        self.genders = self._infer_genders()
        for index, (_, sent) in enumerate(self.sents):
            cues = []
            for token in sent:
                start = token.idx
                if self.quoted(start, start + len(token.text)):
                    continue
                cue = (self._verb_cue(index, token) or self._phrase_cue(index, sent, token)
                       or self._misparsed_cue(index, token) or self._reading_cue(index, token))
                if cue is not None:
                    # a later pronoun may refer to it; an unnamed subject of saying makes it unclear, unless it
                    # speaks only inside what another said ("..., and said someone from his office had told")
                    nested = any(c.content and c.content[0] <= cue.start < c.content[1] for c in cues)
                    cues.append(cue)
                    if cue.speaker or (cue.speaker_span and cue.text.lower() in SAYING_FORMS and not cue.plural
                                       and cue.personal and not nested):
                        self.speakers.append((index, cue.speaker, cue.speaker in self.roles and not cue.plural))
            self.cues.extend(cues)
            contents = [c.content for c in cues if c.content]
            for token in sent:
                start = token.idx
                if self.quoted(start, start + 1) or any(s <= start < e for s, e in contents):
                    continue
                if token.dep_ == "pobj" and token.head.dep_ == "agent":  # "She was supported by Kevin McCarthy":
                    self.subjects.extend((index, name) for name in self._persons_in(token))  # the doer is a subject
                if token.dep_ in ("nsubj", "nsubjpass") and not self._misread_object(token) or self._root_doer(token):
                    self.subjects.extend((index, name) for name in self._persons_in(token))
                    if self._unresolved_description(index, token):
                        self.described.append(index)
                    if token.lower_ in INSTITUTIONS and (name := self._institution(token)):
                        self.institution_subjects.append((index, name))
                    if token.head.i == sent.root.i:  # (a root doer is its own head)
                        self.main_subjects.extend((index, name) for name in self._persons_in(token))
                    for part in (token, *(c for c in token.children if c.dep_ == "conj")):  # "X and Y met"
                        entity = next((e for e in token.doc.ents if e.start <= part.i < e.end), None)
                        if entity is not None and entity.label_ == "ORG" and entity.root.i == part.i:
                            self.org_subjects.append((index, _org_name(entity.text)))
                if person := self._person(token):
                    self.mentions.append((index, person))
                if token.dep_ in ("dobj", "dative") and token.head.i == sent.root.i:
                    self.objects.extend((index, name) for name in self._persons_in(token))

    def _infer_genders(self) -> dict[str, str]:
        """The gender the writer's pronouns give each person: in the writer's words, the he/his or she/her after
        the first name of a sentence and before any other name refer to that person ("Julie Swetnick says in her
        affidavit that she saw Brett Kavanaugh ..."); a person gets the gender of all such pronouns, when there
        are some and none of the other."""
        votes: dict[str, set[str]] = {}
        for _, sent in self.sents:
            named = [(t.i, person) for t in sent if not self.quoted(t.idx, t.idx + 1) and (person := self._person(t))]
            if not named:
                continue
            first, person = named[0]
            until = next((i for i, other in named if other != person), sent.end)
            for token in sent.doc[first + 1 : until]:
                if not self.quoted(token.idx, token.idx + 1):
                    if token.lower_ in _MASCULINE:
                        votes.setdefault(person, set()).add("he")
                    elif token.lower_ in _FEMININE:
                        votes.setdefault(person, set()).add("she")
        return {person: genders.pop() for person, genders in votes.items() if len(genders) == 1}

    @staticmethod
    def _root_doer(token: Any) -> bool:
        """Whether a noun the model made its sentence's root has the sentence's finite verb hung on it ("Andre
        Baumann, deputy environment minister of Baden-Württemberg, called on German citizens ...", "called" read
        as a clause of Baumann's): the noun is that verb's subject."""
        return token.dep_ == "ROOT" and token.pos_ in ("PROPN", "NOUN") and any(
            c.dep_ == "acl" and c.tag_ in ("VBD", "VBN", "VBZ", "VBP")
            and not any(g.dep_.startswith("nsubj") for g in c.children) for c in token.children)

    # --- direct quotations -------------------------------------------------------------------

    def _sentences_of(self, start: int, end: int) -> list[int]:
        return [i for i, (_, sent) in enumerate(self.sents)
                if sent.start_char < end and start < sent.end_char]

    def _own_cue(self, start: int, end: int) -> Cue | None:
        """Step 1: a cue in the quotation's own sentences, or a bare attribution right after it ("“How dare
        you!” Jeff Sessions said in California": the model ends the sentence at the mark)."""
        sentences = set(self._sentences_of(start, end))
        cues = [c for c in self.cues if c.sentence in sentences and not start <= c.start < end]
        if not cues and self.text[end - 2 : end - 1] in ("!", "?"):  # and no quotation of its own
            after = [i for i in self._sentences_of(end, end + 2) if i not in sentences
                     and not self.text[end : self.sents[i][1].start_char].strip()
                     and not any(self.sents[i][1].start_char <= s < self.sents[i][1].end_char for s in self._direct_starts)]
            cues = [c for c in self.cues if c.sentence in after and c.content is None and c.speaker
                    and c.text.lower() in SAYING_FORMS]
        if self._hangs_from_another_subject(start, end):  # "The professor, according to BuzzFeed News, failed
            cues = [c for c in cues if c.text.lower() != "according to"]  # Arnolds because “...”": hers
        named = [c for c in cues if c.text.lower() == "in the words of"]
        if named:
            return named[0]
        if any(c.speaker for c in cues):  # a verb with no subject at all says nothing of who spoke ("“...,” said
            cues = [c for c in cues if c.speaker_span]  # Michael H. Wong of ... says", "said" a parataxis)
        if any(c.speaker and c.text.lower() in SAYING_FORMS for c in cues):  # "..., he told X, according to RIA":
            cues = [c for c in cues if c.text.lower() != "according to"]  # the outlet reports, the subject speaks
        # the innermost clause holding it: "... he told them that “...”, according to the Examiner"
        holding = [(c, scope) for c in cues if (scope := c.scope or c.content) and scope[0] <= start
                   and end <= scope[1] + 2]
        if holding:
            innermost, scope = min(holding, key=lambda pair: pair[1][1] - pair[1][0])
            return self._nested_speaker(innermost, scope, cues, start) or innermost
        return min(cues, key=lambda c: min(abs(c.start - end), abs(c.end - start)), default=None)

    @staticmethod
    def _nested_speaker(reporter: Cue, scope: tuple[int, int], cues: list[Cue], start: int) -> Cue | None:
        """A verb of saying with a named speaker inside the reporter's clause, before the quotation ("Fox News
        reported that in a 2003 radio interview, Ernest Hancock said to Kyrsten Sinema: “...”"): the
        quotation is that speaker's words, which the outer cue's speaker only reports. Words of someone
        unnamed stay the reporter's ("The embassy said a US government employee reported experiencing a
        “...”"), as the labels have them."""
        nested = [c for c in cues if c is not reporter and c.text.lower() in SAYING_FORMS and c.speaker
                  and scope[0] <= c.start < start]
        return nested[-1] if nested else None

    def _hangs_from_another_subject(self, start: int, end: int) -> bool:
        """Whether the quotation hangs from a verb outside it whose subject is a person, named, described or
        he/she ("the professor thought Australia “is not a country,” according to a report in BuzzFeed News"):
        the quoted words are that person's, so "according to" names only who reported them, not their
        speaker (but "According to the Committee, the interview could have been about “...”" is the
        Committee's)."""
        sentences = self._sentences_of(start, end)
        if not sentences:
            return False
        _, sent = self.sents[sentences[0]]
        node = next((t for t in sent if start < t.idx < end - 1 and not start < t.head.idx < end - 1), None)
        while node is not None and node.head.i != node.i:
            node = node.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and not start <= c.idx < end]
            if node.pos_ in ("VERB", "AUX") and any(c.lower_ in PERSON_PRONOUNS or c.lower_ in TITLES | PERSON_NOUNS
                                                    or self._persons_in(c) for c in subjects):
                return True
        return False

    def _holding_subject(self, start: int, end: int) -> Cue | None:
        """Step 1b: the named subject of the verb whose object holds the quotation, with no cue of saying
        ("Rep. Danny Davis defended Farrakhan as an “outstanding human being”", "the European
        Commission plans to “take control of these funds”"). The quotation must hang from that verb
        through objects and prepositions only: words quoted inside a noun's clause ("Trump's claim that
        he “never took control”") or a relative clause ("a man who called himself ...") have
        another owner; nor may the verb say what its subject should or would have done ("Washington
        should have sat down with Russia “sometime in 2007 ...”" is the writer's view, in someone's words).
        """
        sentences = self._sentences_of(start, end)
        if not sentences:
            return None
        index = sentences[0]
        _, sent = self.sents[index]
        inside = [t for t in sent if start < t.idx < end - 1 and not t.is_punct]
        roots = [t for t in inside if not start < t.head.idx < end - 1]
        if not roots or start <= sent.start_char + 1:  # a sentence opening with a quotation is step 3's
            return None
        node = roots[0]
        while True:
            if node.dep_ not in ("pobj", "prep", "dobj", "attr", "oprd", "amod", "xcomp", "compound") or node.head is node:
                return None
            node = node.head
            if node.pos_ == "VERB" and not start <= node.idx < end:
                break
        if node.dep_ in ("relcl", "acl", "advcl", "ccomp") or node.lower_ in SAYING_FORMS:
            return None
        if node.dep_ in _NOMINAL_DEPS:  # a verb in a noun's place is a misparse, its subject a guess ("Footage
            return None  # From The Las Vegas Massacre Shows “Helicopter Hovering Overhead”", "Shows" a pobj)
        if any(c.dep_ == "aux" and c.lower_ in _COUNTERFACTUAL for c in node.children):
            return None  # what someone should have done is the writer's words ("Washington should have sat down")
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON" and subject.lower_ not in PERSON_PRONOUNS \
                or self.quoted(subject.idx, subject.idx + 1):
            return None
        if subject.pos_ != "PRON" and not self._persons_in(subject) and subject.ent_type_ not in _NAME_LABELS \
                and subject.lower_ not in _MEMBERS:
            return None  # "Solar Storm Will Strike Earth Tonight, ‘Weak Power Grid Fluctuations’ Possible"
        speaker, span = self.speaker(index, subject)
        if speaker is None:
            return None
        return Cue(node.idx, node.idx + len(node.text), node.text, index, speaker, span)

    def _intro(self, before: int) -> Cue | None:
        """Step 2: an introduction ending with a colon at ``before``: its cue, or its speaking subject."""
        sentences = self._sentences_of(before - 1, before)
        if not sentences:
            return None
        index = sentences[0]
        _, sent = self.sents[index]
        cues = [c for c in self.cues if c.sentence == index and c.end <= before]
        if cues:
            return cues[-1]
        tokens = [t for t in sent if t.idx < before]
        for token in reversed(tokens):  # "an interview with lawyer Arno Klarsfeld:"
            if token.dep_ == "pobj" and token.head.lower_ == "with" and (person := self._person(token)):
                return Cue(before - 1, before, ":", index, person, self._span(self._phrase(token)))
        words = [t for t in tokens if not t.is_punct and not t.is_space]
        # a transcript's "Dima: “...”", "Sen. Lindsey Graham to committee Democrats: “...”" (no verb)
        to = next((k for k, t in enumerate(words) if t.lower_ == "to"), len(words))
        named = [t for t in words[:to] if t.lower_ not in TITLES] if not any(t.pos_ in ("VERB", "AUX") for t in words) else []
        names = {self._person(t, introducing=True) for t in named}
        if named and len(names) == 1 and None not in names:
            return Cue(before - 1, before, ":", index, names.pop(), self._span(words))
        # "Some Farrakhan quotes:", "Trump's remarks:": a verbless heading over one person's words
        heading = named[-1] if named and named[-1].lower_ in _QUOTING_NOUNS else None
        owners = ({self._person(t, introducing=True) for t in heading.children if t.dep_ in ("compound", "poss", "amod")}
                  - {None}) if heading is not None else set()
        if len(owners) == 1:  # (the name owns the heading noun itself: not "Some Trump critics' comments:")
            return Cue(before - 1, before, ":", index, owners.pop(), self._span(words))
        # a root after the colon is the quotation's own verb (its subject is not the speaker: "To quote Cajetan
        # again: “Indeed the Church has ...”") or an attribution after it ("Zelensky’s office was outraged: “...,”
        # the aide complained"): the verb before the colon with a subject of its own introduces when it says or
        # tells how ("Marine Le Pen spoke about the restrictions: “They sanctioned ...”", the model's root
        # "sanctioned"; "Biden was indignant:"; not "Islam exists only as an enemy of all:"), or when one named person
        # does it ("Brandee Porterfield, however, shot back:")
        verb = sent.root
        if verb.idx > before:
            verb = next((t for t in reversed(tokens) if t.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "nsubj" for c in t.children)), None)
            telling = verb is not None and (sent.root.lower_ in SAYING_FORMS or verb.lower_ in SAYING_FORMS
                                            or verb.lower_ in _SPEAKING or self._feeling(verb)
                                            or self._person_acting(verb))
            verb = verb if telling else None
        subject = self._subject(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        if subject is None:
            return None
        if verb.lower_ not in SAYING_FORMS and subject.pos_ == "PROPN" and not subject.ent_type_:
            return None  # a headline's "Secret Gun Control Agenda Revealed:" names a topic, not who speaks
        speaker, span = self.speaker(index, subject)
        # a copula makes its attribute, when the colon closes it, the same one ("Another Republican who wants to
        # stop investigating is former RNC Chair, Michael Steele:")
        attribute = next((c for c in sent.root.children if c.dep_ == "attr"), None) if sent.root.lower_ in (
            "is", "was") else None
        if speaker is None and attribute is not None and attribute.right_edge.i + 1 < len(sent.doc) \
                and sent.doc[attribute.right_edge.i + 1].idx == before - 1:
            speaker, span = self.speaker(index, attribute)
        return Cue(before - 1, before, ":", index, speaker, span)

    def _person_acting(self, verb: Any) -> bool:
        """Whether a verb other than a copula has one named person as its subject ("Chris Marczak, defended the
        curriculum:")."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return verb.lower_ not in _COPULAS and len(subjects) == 1 \
            and len(self._persons_in(subjects[0])) == 1

    @staticmethod
    def _feeling(verb: Any) -> bool:
        """Whether a copula gives its subject a feeling of its own, with nothing it is about ("Biden was
        indignant:"), not a reaction to what someone else said ("Trump was furious about the tweet:")."""
        return verb.lower_ in _COPULAS and any(
            c.dep_ == "acomp" and not any(g.dep_ == "prep" for g in c.children) for c in verb.children)

    def _described_after(self, own: Cue | None, intro: Cue | None) -> Cue | None:
        """A quotation's own cue, unless it only describes a spokesperson whom a colon introduction named before
        it ("Zelensky’s office was outraged: “...,” the Ukrainian presidential aide complained": the office)."""
        if own is None or intro is None or intro.speaker is None:
            return own or intro
        described = own.speaker is not None and own.speaker not in self.names and self.roles.get(own.speaker, {""}) \
            <= SPOKESPEOPLE
        return intro if described else own

    def _closing_cue(self, p_start: int, p_end: int, cues: list[Cue]) -> Cue | None:
        """A paragraph's last sentence saying who spoke without what ("The DPR Central Bank denied
        this information."): the quotation opening the next paragraph is what it said."""
        last = self._sentences_of(p_end - 1, p_end)
        # not a cue inside what another reports ("Grassley said his staff contacted the individuals at the party
        # at which the conduct Ford complained of took place: ...")
        cues = [c for c in cues if not any(o.content and o.content[0] <= c.start < o.content[1] for o in cues)]
        cue = cues[-1] if cues else None
        if cue is None or not last or cue.sentence != last[-1] or cue.speaker is None or cue.content:
            return None
        return cue

    def _colon_before(self, start: int, floor: int) -> int | None:
        """Offset just past a colon that introduces text at ``start`` (blanks between), if any."""
        i = start
        while i > floor and self.text[i - 1].isspace():
            i -= 1
        return i if i > floor and self.text[i - 1] == ":" else None

    def _person_between(self, start: int, end: int, speaker: str | None) -> bool:
        """Whether text[start:end] names, outside quotations, a person other than ``speaker``."""
        for _, sent in self.sents:
            if sent.start_char >= end or sent.end_char <= start:
                continue
            for token in sent:
                if start <= token.idx < end and not self.quoted(token.idx, token.idx + 1):
                    person = self._person(token)
                    if person and person != speaker:
                        return True
        return False

    def _named_subject(self, start: int, end: int) -> bool:
        """Whether the quotation's sentence has a subject of its own outside quotations, not a pronoun.

        "... Raisi replied. And the Foreign Ministry demanded that he “stop ...”": the quotation
        belongs to that subject, so no speaker from elsewhere in the paragraph may be lent to it.
        """
        for index in self._sentences_of(start, end):
            _, sent = self.sents[index]
            if self.quoted(sent.root.idx, sent.root.idx + 1):  # Its regime “has yet to ...”
                continue
            subjects = [t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")
                        and not self.quoted(t.idx, t.idx + 1)]
            if any(t.pos_ != "PRON" and t.lower_ not in DOCUMENTS for t in subjects):  # not "the message reads"
                return True
        return False

    def _opens_sentence(self, start: int) -> bool:
        """Whether the quotation at ``start`` opens its sentence. Only such a quotation can be the first part of
        one split by a later attribution ("“A.” ... “B,” Weinhold told"); one set inside the writer's sentence
        ("he had a graffiti artist paint it in “traffic cone orange.” As Gonzalez explained, “...”") quotes words
        the writer chose to frame, whose speaker the next quotation's cue does not tell."""
        sentences = self._sentences_of(start, start + 1)
        return bool(sentences) and not self.text[self.sents[sentences[0]][1].start_char : start].strip()

    def _verbless(self, paragraph: int) -> bool:
        """Whether a paragraph has no finite verb outside its quotations ("Its regime “has yet to...”")."""
        return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not self.quoted(t.idx, t.idx + 1)
                       for p, sent in self.sents if p == paragraph for t in sent)

    def attribute_direct(self) -> list[Quote]:
        """Speakers for every direct quotation, paragraph by paragraph (steps 1 to 4)."""
        result: list[Quote] = []
        carry: Cue | None = None
        gap = 0
        for index, (p_start, p_end) in enumerate(self.paragraphs):
            quotes = [(s, e) for s, e in self.direct if p_start <= s < p_end]
            found: list[Cue | None] = []
            for start, end in quotes:
                if (start, end) in self.turns:
                    found.append(self._turn_cue(start, end))
                    continue
                colon = self._colon_before(start, p_start)
                found.append(self._described_after(self._own_cue(start, end), self._intro(colon) if colon else None)
                             or self._holding_subject(start, end))
            paragraph_cues = [c for c in self.cues if p_start <= c.start < p_end]
            # someone else named before its first quotation ends a continuation; after it, named in the
            # writer's words ("“Our daily life was ...” Kweis graduated from ..."), they do not
            if carry is not None and self._person_between(p_start, quotes[0][0] if quotes else p_end, carry.speaker):
                carry = None
            for i, (start, end) in enumerate(quotes):
                if found[i] is not None or (start, end) in self.turns or self._named_subject(start, end):
                    continue  # a turn is its label's only: nothing is lent to it
                # another person named between them ("“A.” Kweis graduated ... “B,” Weinhold told")
                # may be the speaker: nothing is lent across them
                before = next((j for j in range(i - 1, -1, -1) if found[j] is not None), None)
                after = next((j for j in range(i + 1, len(quotes)) if found[j] is not None), None)
                earlier = found[before] if before is not None and not self._person_between(
                    quotes[before][1], start, found[before].speaker) else None
                later = found[after] if after is not None and self._opens_sentence(start) and not (
                    self._person_between(end, quotes[after][0], found[after].speaker)) else None
                opening = not self.text[p_start:start].strip()
                reported = [c for c in paragraph_cues if c.end <= start and c.speaker]
                continues = carry if carry and (opening or self._verbless(index)) else None
                found[i] = earlier or continues or later or (
                    reported[-1] if reported else None)
            for (start, end), cue in zip(quotes, found):
                result.append(Quote(start, end, "direct", cue.speaker if cue else None,
                                    cue.speaker_span if cue else None, cue.text if cue else None))
            colon = self._colon_before(p_end, p_start)
            if any(q in self.turns for q in quotes):
                carry = None  # a turn's speaker goes on in no other line
            elif colon:
                carry, gap = self._intro(colon), 0
            elif quotes:
                carry, gap = found[-1], 0
                # another speaker after the last quotation ends it, not the outlet reporting it
                # ("..., Schaaf said Friday, according to NBC Bay Area.") nor a verb with no subject at all
                if carry is not None and any(c.start > quotes[-1][1] and c.speaker != carry.speaker and c.speaker_span
                                             and not (c.text.lower() == "according to" and carry.speaker
                                                      and carry.text.lower() in SAYING_FORMS)
                                             for c in paragraph_cues):
                    carry = None
            elif closing := self._closing_cue(p_start, p_end, paragraph_cues):
                carry, gap = closing, 0
            elif carry is not None and carry.speaker and paragraph_cues and all(
                    c.speaker == carry.speaker for c in paragraph_cues):
                gap = 0  # the same speaker goes on in reported speech ("“...” There is always a risk ..., Hunter added.")
            elif paragraph_cues or gap >= 1:
                carry = None
            else:
                gap += 1
        return result

    def _turn_cue(self, start: int, end: int) -> Cue:
        """A transcript turn's label as its cue: the one person the label names ("Hadeed", "HANNITY", "Molester
        McCarrick"; a first name that opens one known name: "Abid" for Abid Awan; initials: "DB" for Dennis
        Bernstein), else nobody ("Influential Roman", "Judge", "Q")."""
        label_start, label_end = self.turns[(start, end)]
        label = self.text[label_start:label_end]
        words = [w.title() if w.isupper() and len(w) > 1 else w for w in re.findall(r"[\w’'-]+", label)]
        named = {self.canonical(w) for w in words if w in self.surnames and w not in NOT_PERSONS} | {
            n for w in words if w not in self.surnames for n in self.names if n.startswith(w + " ")}
        if not named and label.isalpha() and label.isupper() and 2 <= len(label) <= 3:  # "DB" for Dennis Bernstein
            named = {n for n in self.names if len(n.split()) == len(label) and initials(n) == label}
        persons = {n for n in named if " " in n} or named
        speaker = persons.pop() if len(persons) == 1 else None
        sentence = next(iter(self._sentences_of(label_start, label_end)), -1)
        return Cue(label_end, label_end + 1, ":", sentence, speaker, (label_start, label_end) if speaker else None)

    def _relays(self, cue: Cue) -> bool:
        """Whether a cue may only relay the words of a speaker its clause opens with: "according to" or a verb
        before its clause ("The BBC adds that the WHO said ..."), unless someone unnamed says it ("One of the
        women says Franken suggested that ...": her words, about his) or a person referred to by a pronoun or a
        title ("The Russian leader stressed that the EU authorities themselves admit that ...": his words)."""
        if cue.text.lower() == "according to":
            return True
        if cue.end > cue.content[0] or cue.speaker_span is None:
            return cue.end <= cue.content[0]
        words = self.text[cue.speaker_span[0] : cue.speaker_span[1]].lower().split()
        return cue.speaker is not None and not (words and words[-1] in {*PERSON_PRONOUNS, *TITLES, *PERSON_NOUNS})

    def _opens_with_speaker(self, cue: Cue, content: tuple[int, int]) -> bool:
        """Whether ``cue`` is a verb of saying inside ``content`` whose subject opens it: what an outlet reports
        is that subject's words. An unnamed subject keeps them too ("The unidentified woman says ..., according
        to the NYDN" is unknown, not the NYDN's), when it runs straight into its verb (not "X confirmed that
        residents ..., adding that", where the model may hang the verb on another noun)."""
        if not cue.speaker_span or cue.text.lower() not in SAYING_FORMS or cue.speaker_span[0] != content[0] \
                or cue.end > content[1]:
            return False
        return cue.speaker is not None or "," not in self.text[cue.speaker_span[1] : cue.start]

    def indirect(self) -> list[Quote]:
        """Reported speech of every cue with a reported clause, minus clauses inside another one.

        "According to" an outlet around a named speaker's words ("Trump said he'll ..., according to a
        report by Bloomberg.com"), or a verb before them ("The BBC adds that the WHO said it was ..."), gives
        way to that speaker's clause, as in step 1, when the speaker opens what it reports (not "...
        Farrakhan's Address in which he told an audience that ..., according to X"); a verb closing the
        clause does not ("The Mail reports that ..., the WHO said" is the WHO's).
        """
        spans = [c for c in self.cues if c.content]
        spans = [c for c in spans if not self._relays(c) or not any(self._opens_with_speaker(o, c.content) for o in spans)]
        # "according to" inside what a verb of saying reports is part of it ("According to the Daily Mail, ...,
        # a scientist has warned" is one row, the scientist's)
        spans = [c for c in spans if c.text.lower() != "according to" or not any(
            o.text.lower() in SAYING_FORMS and o.content[0] <= c.start < o.content[1] for o in spans)]
        kept = [c for c in spans if not any(o is not c and o.content[0] <= c.content[0] and c.content[1] <= o.content[1]
                                            and o.content != c.content for o in spans)]
        unique = {c.content: c for c in reversed(kept)}
        return [Quote(s, e, "indirect", c.speaker, c.speaker_span, c.text) for (s, e), c in unique.items()]


def find_quotes(text: str, paragraphs: list[tuple[int, int]], doc: Any,
                direct: list[tuple[int, int]], turns: Sequence[Turn] = ()) -> list[Quote]:
    """Direct quotations with speakers, and reported speech, of one article.

    ``doc`` is the spaCy parse of ``text`` (see `Article`); ``direct`` the quotations
    `rules.direct_quotes` found, with the words of the transcript ``turns`` among them.
    """
    article = Article(text, paragraphs, doc, direct, turns)
    article.read()
    quotes = article.attribute_direct() + article.indirect()
    return sorted(quotes, key=lambda q: (q.start, q.end, q.kind))
