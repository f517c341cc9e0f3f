"""Negation cues: "never store secrets in Git" must not count as "store secrets in Git".

NegEx-style: a cue shortly before a hit in the same clause negates it, so does a
hard cue inside the gap of a proximity match ("Flux has no rich UI"), and so does an
evaluative phrase right after it ("plain Secrets in Git are a bad idea"). Clause
breaks (commas, full stops, "but", "while", and an "and"/"so" that opens a clause with its own
subject or verb) end a cue's scope. A cue glued to a word by a hyphen ("--no-remote-bases") names
something and negates nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress
from operator import itemgetter

from gitops_tutor.grading.shape import word_set
from gitops_tutor.grading.text import Token, stem, tokenize

WINDOW_BEFORE = 5
WINDOW_AFTER = 4

HARD_CUES = frozenset(
    {
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent",
        "cannot", "cant", "wont", "wouldnt", "shouldnt", "mustnt", "neednt", "hasnt", "havent",
        "without", "avoid", "avoids", "avoided", "avoiding", "neither", "nor", "nothing", "none",
        "nobody", "stop", "stopped", "lacks", "lack", "nowhere",
        # a verb of disabling negates its object: "turn off required reviews" (the lexicon reads "turn
        # off", "switch off" as "disabled") does not require them
        "disable", "disables", "disabled", "disabling",
    }
)  # fmt: skip
DISABLING = frozenset({"disable", "disables", "disabled", "disabling"})
NOT_EQUAL_SIGNS = frozenset({"!=", "≠", "=/="})
# "X instead of Y": Y is negated, X is not; so these only look forward.
CONTRASTIVE_CUES: tuple[tuple[str, ...], ...] = (
    ("instead", "of"),
    ("rather", "than"),
    ("in", "place", "of"),
    ("as", "opposed", "to"),
    ("better", "than"),
    ("safer", "than"),
    # "not just as traceable" is "less traceable": unlike "not just X" (= "not only X") it denies.
    ("not", "just", "as"),
    ("not", "only", "as"),
)
PSEUDO_NEGATIONS: tuple[tuple[str, ...], ...] = (
    ("not", "only"),
    ("not", "just"),
    ("no", "matter"),
    ("no", "doubt"),
    ("dont", "forget"),
    ("never", "forget"),
    ("not", "least"),
    ("no", "problem"),
    ("or", "not"),
    ("without", "doubt"),
    ("without", "a", "doubt"),
    ("no", "wonder"),
    # Discourse markers deny nothing: "if I'm not mistaken you revert it" asserts the revert.
    ("not", "mistaken"),
    ("if", "im", "not", "wrong"),
    ("if", "i", "am", "not", "wrong"),
    ("dont", "quote", "me"),
    ("not", "gonna", "lie"),
    ("not", "going", "to", "lie"),
    ("dont", "get", "me", "wrong"),
    ("never", "mind"),
    # "Nothing stops one team from editing another team's objects": a risk, so it asserts what follows.
    ("nothing", "stops"),
    ("nothing", "stopped"),
    ("nothing", "stopping"),
    ("nothing", "prevents"),
    ("nothing", "prevented"),
    ("nothing", "blocks"),
    ("nothing", "blocked"),
    ("nothing", "keeps"),
)
# Doubts: "I'm not sure you revert it", "I don't remember exactly": the speaker neither asserts nor
# denies what follows in the clause, so a negated match there counts neither way (Cues.conditional).
DOUBTS: tuple[tuple[str, ...], ...] = (
    ("not", "sure"),
    ("not", "100"),
    ("not", "certain"),
    ("not", "quite", "sure"),
    ("not", "really", "sure"),
    ("not", "totally", "sure"),
    ("not", "entirely", "sure"),
    ("not", "completely", "sure"),
    ("not", "a", "hundred"),
    ("dont", "remember"),
    ("do", "not", "remember"),
    ("dont", "recall"),
    ("cant", "remember"),
    ("cant", "recall"),
    ("dont", "know"),
)
POST_CUES: tuple[tuple[str, ...], ...] = (
    ("bad", "idea"),
    ("anti", "pattern"),
    ("antipattern",),
    ("a", "mistake"),
    ("is", "wrong"),
    ("are", "wrong"),
    ("not", "recommended"),
    ("discouraged",),
    ("be", "avoided"),
    ("insecure",),
    ("unsafe",),
    ("not", "safe"),
    ("not", "allowed"),
    ("forbidden",),
    ("not", "gitops"),
    ("not", "the", "gitops"),
    ("is", "bad"),
    ("are", "bad"),
    ("doesnt", "matter"),
    ("does", "not", "matter"),
    ("not", "important"),
    ("irrelevant",),
    ("pointless",),
    ("unnecessary",),
    ("not", "needed"),
    ("isnt", "needed"),
    ("doesnt", "help"),
    ("does", "not", "help"),
    ("wont", "help"),
    ("wouldnt", "help"),
    ("would", "not", "help"),
    ("too", "late"),
    ("discontinued",),
    ("is", "off", "by", "default"),
    ("are", "off", "by", "default"),
    ("archived",),
    ("abandoned",),
    ("isnt", "enough"),
    ("not", "enough"),
    ("never", "needed"),
    ("not", "required"),
    ("never", "required"),
    ("never", "acceptable"),
    ("doesnt", "work"),
    ("cant", "work"),
    ("cannot", "work"),
    ("can", "not", "work"),
    ("doesnt", "meet"),
    ("does", "not", "meet"),
    ("wont", "meet"),
    ("does", "not", "work"),
    ("wont", "work"),
    ("would", "not", "work"),
    ("wouldnt", "work"),
    ("is", "optional"),
    ("are", "optional"),
    ("not", "part", "of"),
    ("isnt", "part", "of"),
    ("arent", "part", "of"),
    ("no", "longer", "needed"),
    ("not", "supported"),
    ("isnt", "supported"),
    ("arent", "supported"),
    ("unsupported",),
    ("not", "possible"),
    ("isnt", "possible"),
    ("impossible",),
    ("a", "myth"),
    # Denials said after the idea (issue 12, trap authors): "a wait isn't needed", "the groups claim
    # isn't used", "that is not how it works", "the annotation makes no difference".
    ("not", "necessary"),
    ("isnt", "necessary"),
    ("arent", "necessary"),
    ("arent", "needed"),
    ("isnt", "required"),
    ("arent", "required"),
    ("isnt", "used"),
    ("arent", "used"),
    ("is", "not", "used"),
    ("are", "not", "used"),
    ("not", "how", "it", "works"),
    ("isnt", "how", "it", "works"),
    ("has", "nothing", "to", "do", "with"),
    ("have", "nothing", "to", "do", "with"),
    ("makes", "no", "difference"),
    ("make", "no", "difference"),
    ("dont", "matter"),
    ("wont", "matter"),
    ("doesnt", "trigger", "anything"),
    ("does", "not", "trigger", "anything"),
    ("triggers", "nothing"),
    ("doesnt", "happen"),
    ("does", "not", "happen"),
    ("never", "happens"),
    ("isnt", "the", "reason"),
    ("not", "the", "reason"),
    ("isnt", "true"),
    ("not", "true"),
    ("dont", "really", "matter"),
    ("doesnt", "really", "matter"),
    ("not", "really", "needed"),
    ("isnt", "really", "needed"),
    ("arent", "really", "needed"),
    ("not", "really", "necessary"),
    ("isnt", "really", "necessary"),
    ("doesnt", "change", "anything"),
    ("doesnt", "really", "change", "anything"),
    ("does", "not", "change", "anything"),
    ("changes", "nothing"),
)

# Cues that only say "not": in a rubric phrasing ("nobody review*", "lookup doesnt help") any of
# them stands for any other, so "never reviewed" meets "nobody review*".
NEGATORS = frozenset(
    {
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cannot", "cant",
        "wont", "wouldnt", "hasnt", "havent", "without", "nobody", "none", "nothing",
    }
)  # fmt: skip
# "and"/"so"/"or"/"then" followed by a subject or a finite verb start a new clause, which ends a
# cue's scope: "no credentials and drift is corrected" says nothing against drift, while in
# "no credentials and keys" the noun list stays negated.
CLAUSE_CONJUNCTIONS = frozenset({"and", "so", "or", "then"})
SUBJECT_PRONOUNS = frozenset({"it", "they", "we", "you", "i", "he", "she", "there", "everything", "everyone"})
FINITE_VERBS = frozenset(
    {
        "is", "are", "was", "were", "am", "has", "have", "had", "can", "could", "will", "would", "shall", "should",
        "may", "might", "must", "does", "do", "did", "gets", "get", "got", "stays", "remains", "becomes", "keeps",
        "isnt", "arent", "doesnt", "dont", "cant", "cannot", "wont", "wasnt", "its", "thats", "theres", "whats",
    }
)  # fmt: skip
# Words that open a new clause's subject after a "without" phrase ("without selfHeal the change stays").
NEW_SUBJECTS = SUBJECT_PRONOUNS | {"the", "this", "that", "these", "those", "anyone", "someone", "anybody", "somebody"}
OBJECT_PRONOUNS = frozenset({"it", "them", "that", "this", "those", "these"})
# An imperative prohibition opening a sentence rejects every wrong claim in it.
PROHIBITIONS = frozenset({("dont",), ("never",), ("avoid",), ("do", "not")})
SENTENCE_LEADS = frozenset({"so", "and", "but", "also", "please", "just", "then"})
# Words that open the main clause after a condition or a prohibition ("if it breaks *just* run X").
MAIN_CLAUSE_MARKERS = frozenset({"just", "simply", "then", "instead", "you", "we", "i", "they"})
# A negation inside a condition or a default describes when, it denies nothing (Cues.conditional).
CONDITIONS = frozenset({"if", "unless", "whenever"})
DEFINING = frozenset({"is", "are", "was", "were", "means", "mean", "thats", "its", "s"})  # "app-of-apps is when ..."
CONDITION_OPENERS = frozenset({"when", "without", "otherwise", "until"})
OUT_OF_THE_BOX = ["out", "of", "the", "box"]  # a default, as "by default" is
# A reason always opens a clause of its own: a cue before it does not reach the reason.
REASON_WORDS = frozenset({"because", "since", "cause", "cuz", "coz"})
# "cause" is the spoken "because" only where neither a verb nor a noun can stand: after a negation, a
# modal or "to" it is the verb ("it doesn't cause any downtime", "won't cause drift"), after "the" a noun;
# a denial before it reaches past it.
CAUSE_AS_WORD_AFTER = HARD_CUES | frozenset(
    {"to", "will", "would", "can", "could", "may", "might", "does", "do", "did", "also", "the", "a", "root", "main"}
)
# "not reverted *until* someone commits": a negation before "until" limits how long, it does not deny
# what happens at the end ("until someone commits" is when the change goes); nor does it reach past it.
TIME_LIMITS = frozenset({"until", "till", "til"})
# "It says nothing about *whether* it works": a negation before an embedded question denies the
# telling, not what the question asks about.
EMBEDDED_QUESTIONS = frozenset({"whether"})
# Double negatives: "can't merge *without* a review", "won't accept a merge without review": the second
# word turns the first round, so neither negates (an affirmation).
SECOND_NEGATIONS = frozenset({"without"})  # "never X unless Y" makes X a condition, not a claim: left alone
DOUBLE_NEGATIVE_REACH = 8  # words from the first negation to the second
# "Don't create the child apps *by hand* / *in the UI* / *with kubectl*": the manner is what is denied.
MANNER_WORDS = frozenset({"manual", "manually"})
MANNER_FORMS = frozenset({"by hand", "manually"})
MANNER_PHRASES: tuple[tuple[str, ...], ...] = (
    ("by", "clicking"), ("in", "the", "ui"), ("from", "the", "ui"), ("through", "the", "ui"), ("via", "the", "ui"),
    ("from", "a", "laptop"), ("from", "your", "laptop"), ("with", "kubectl"), ("with", "argocd"), ("with", "helm"),
)  # fmt: skip
PURPOSE_SUBJECTS = SUBJECT_PRONOUNS | {"this", "that", "nobody", "no", "noone", "nothing"}
# Verbs that open advice in this field ("backport", "pin", "suspend" ...), and words that may precede them.
IMPERATIVES = word_set(
    """backport bring suspend pause pin use commit add keep put turn enable disable set make merge revert protect
    rotate store move mark annotate label run apply push tag sign scan require give grant split copy resume open
    create delete remove land cherry-pick port sync lock block restrict forbid enforce test check alert"""
)
# "Plus lock the branch so history can't be rewritten", "maybe add a test so the bug can't return": advice too
ADVICE_LEADS = frozenset(
    {"then", "and", "just", "also", "immediately", "always", "first", "please", "so", "but", "plus", "maybe", "ideally"}
    | {"additionally", "we", "i", "id", "wed", "you", "should", "must"}
)
MANNER_REACH = 3  # words after a match in which "by <-ing>" names how, not whether
VERB_REACH = 4  # words after the conjunction in which a finite verb marks a new clause
PURPOSE_REACH = 6  # words between "so that" and the cue it governs
# Compounds where a hyphenated cue still negates: "no-one reviewed it".
NEGATIVE_COMPOUNDS = frozenset({("no", "one")})

HARD, CONTRASTIVE = 1, 2
_PHRASE_STARTS = frozenset(phrase[0] for phrase in (*PSEUDO_NEGATIONS, *CONTRASTIVE_CUES, *POST_CUES))
# Words that do not use up the window: "don't need Sealed Secrets or SOPS or any external store".
FREE_WORDS = frozenset({"or", "nor", "and", "any", "either", "a", "an", "the"})


PSEUDO, CONTRA, POST, DOUBT = 0, 1, 2, 3
# Phrase cues by first word, so an answer is only checked where such a word occurs.
_PHRASES: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _kind, _group in ((PSEUDO, PSEUDO_NEGATIONS), (CONTRA, CONTRASTIVE_CUES), (POST, POST_CUES), (DOUBT, DOUBTS)):
    for _phrase in _group:
        _PHRASES.setdefault(_phrase[0], []).append((_phrase, _kind))
_WATCHED = HARD_CUES | _PHRASE_STARTS | CLAUSE_CONJUNCTIONS


class Cues:
    """Per-token cue marks for one answer, computed once and shared by every rubric pattern.

    Only positions holding a cue, a phrase start or a conjunction are looked at, so the cost
    follows the few such words rather than the length of the answer.
    """

    def __init__(self, tokens: Sequence[Token], text: str = "") -> None:
        self.tokens = tokens
        n = len(tokens)
        raws = list(map(itemgetter(0), tokens))
        watched = list(compress(range(n), map(_WATCHED.__contains__, raws)))
        self.before = before = [0] * n
        self.after = [False] * n
        for i in watched:
            if raws[i] in HARD_CUES and not _blocks_a_thing(raws, i):
                before[i] = HARD
        _cancel_double_negatives(before, tokens, raws, watched)
        self._doubts: set[int] = set()  # positions where a doubt ("not sure", "don't remember") starts
        for kind in (PSEUDO, CONTRA, POST, DOUBT):  # pseudo first: "not only" negates nothing, "instead of" wins
            for i in watched:
                for phrase, phrase_kind in _PHRASES.get(raws[i], ()):
                    if phrase_kind != kind or tuple(raws[i : i + len(phrase)]) != phrase:
                        continue
                    if kind == DOUBT:
                        self._doubts.add(i)
                    elif kind == POST:
                        self.after[i] = True
                    else:
                        before[i : i + len(phrase)] = [CONTRASTIVE if kind == CONTRA else 0] * len(phrase)
        if text:
            _drop_hyphenated_cues(before, tokens, text, [i for i in watched if before[i] == HARD])
            if "`" in text:
                _drop_cues_in_code(before, self.after, tokens, text, watched)
        # cue position -> the quotation holding it: '"No UI" is out of date' denies nothing outside it
        self._quoted = _quoted_cues(before, self.after, tokens, text, watched) if '"' in text or "“" in text else {}
        self._quotations = [m.span() for m in QUOTATION.finditer(text)] if '"' in text or "“" in text else []
        self._raws = raws
        self._text = text
        self._without = "without" in raws  # whether ``stressed`` can hold at all
        self._otherwise = "otherwise" in raws or "else" in raws  # "disable X first, otherwise X ..."
        # "live != desired" is read "live differs from desired": that "differs" denies a phrasing it
        # splits ("base64 .. encryption" in "base64 != encryption"), but nothing after it.
        self._unequal = (
            {i for i, t in enumerate(tokens) if text[t.start : t.end] in NOT_EQUAL_SIGNS}
            if ("=" in text or "≠" in text)
            else set()
        )
        self._opens_clause: dict[int, bool] = {}  # conjunction position -> starts a clause (computed when reached)

    def quoted(self, positions: Sequence[int]) -> bool:
        """Whether the whole match stands inside one quotation: 'their claim: "admission control is
        redundant"' mentions a claim, it does not make it."""
        start, end = self.tokens[positions[0]].start, self.tokens[positions[-1]].end
        return any(s <= start and end <= e for s, e in self._quotations)

    def _stops_at(self, i: int) -> bool:
        if self._raws[i] in REASON_WORDS or self._raws[i] in TIME_LIMITS or self._raws[i] in EMBEDDED_QUESTIONS:
            return not self._cause_is_a_verb(i)  # "not GitOps because it's push-based": the reason is asserted
        if self._raws[i] not in CLAUSE_CONJUNCTIONS:
            return False
        known = self._opens_clause.get(i)
        if known is None:
            known = self._opens_clause[i] = _opens_clause(self._raws, self.tokens, i)
        return known

    def _cause_is_a_verb(self, i: int) -> bool:
        """Whether "cause" at ``i`` is the verb or the noun ("doesn't cause downtime"), not "because"."""
        return self._raws[i] == "cause" and i > 0 and self._raws[i - 1] in CAUSE_AS_WORD_AFTER

    def rejects(self, positions: Sequence[int]) -> bool:
        """Whether a wrong claim's match is a warning against it rather than advice.

        Either a rejecting word opens its sentence part before it ("never run kubectl apply
        by hand, ..."), or a modal after it leads to a bad consequence ("would be too late",
        "would leave the cluster different from Git", "Argo would put the bad version back").
        """
        if self.negates(positions):
            return True
        tokens = self.tokens
        first, last = positions[0], positions[-1]
        sentence = tokens[first].sentence
        if self._prohibited(first) or self._in_condition(first, last):
            return True
        if self.reported(positions) or self._rejected_before(first):
            return True
        if any(self._raws[i] in ("only", "just") and self._raws[i - 1 : i] == ["not"] for i in positions):
            return True  # "not only on commits", "is not just a label": deny the claims "only ...", "just ..."
        if self._raws[max(0, first - 2) : first] in (["not", "just"], ["not", "only"]):
            return True  # "fixes any difference, not just once at deploy time": denies "once at deploy time"
        if self._excepted(positions):
            return True
        if any(self._raws[i] in MODALS for i in range(first + 1, last)):
            return False  # "an agent would need inbound access and would break": the claim is the modal's own
        end = min(len(tokens), last + 1 + CONSEQUENCE_REACH)
        for i in range(last + 1, end):
            if tokens[i].sentence != sentence or self._raws[i] in RESULTS:
                break  # "X, so after the force-push it would still deploy the bad version": X is asserted
            if self._raws[i] in MODALS:
                reach = min(len(tokens), i + 1 + CONSEQUENCE_AFTER_MODAL)
                if any(
                    tokens[j].stem in CONSEQUENCE_STEMS and tokens[j].sentence == sentence for j in range(i + 1, reach)
                ):
                    return True
        return False

    def _excepted(self, positions: Sequence[int]) -> bool:
        """Whether a claim that something holds for all ("git has everything") is limited right after it
        ("... except the keys"): the answer denies the "all"."""
        raws, last = self._raws, positions[-1]
        if not any(raws[i] in UNIVERSALS for i in positions):
            return False
        following = raws[last + 1 : last + 3]
        return bool(following) and (following[0] in EXCEPTIONS or following in (["apart", "from"], ["other", "than"]))

    def _rejected_before(self, first: int) -> bool:
        """Whether "avoid", "instead" open the sentence part before the match, or "unlike" its clause.
        "Flux, unlike Argo CD, runs ..." still says what Flux does; "unlike what some do, X" rejects X."""
        tokens, raws = self.tokens, self._raws
        sentence, clause = tokens[first].sentence, tokens[first].clause
        for i in range(first - 1, max(-1, first - 1 - WINDOW_BEFORE * 2), -1):
            if tokens[i].sentence != sentence:
                return False
            if raws[i] in REJECTING_BEFORE:
                return True
            if raws[i] == "unlike" and (tokens[i].clause == clause or self._attributes(i)):
                return True
        return False

    def _attributes(self, unlike: int) -> bool:
        """Whether an "unlike" clause points at what others do or think ("unlike what some teams do")."""
        tokens, raws = self.tokens, self._raws
        j = unlike + 1
        while j < len(tokens) and tokens[j].clause == tokens[unlike].clause:
            if raws[j] == "what" or raws[j] in REPORTERS:
                return True
            j += 1
        return False

    def reported(self, positions: Sequence[int]) -> bool:
        """Whether the match is a belief the answer attributes rather than makes: "people often think
        X", "the junior said X", "it's a myth that X", "a common mistake is X", or a war story told as
        what went wrong ("we once did X and ...", "we used to X"). Such a match is no claim either way."""
        tokens, raws = self.tokens, self._raws
        first = positions[0]
        sentence = tokens[first].sentence
        for i in range(first - 1, max(-1, first - 1 - WINDOW_BEFORE * 2), -1):
            if tokens[i].sentence != sentence:
                break
            raw = raws[i]
            if raw in BELIEF_WORDS:
                return True
            if raw in REPORTING_VERBS and (self._reporter_before(i) or raws[i - 2 : i] == ["mistake", "to"]):
                return True  # "a common mistake to think X": a belief reported as wrong
            if raw in ("is", "was") and i > 0 and raws[i - 1] in MISTAKES:
                return True  # "the classic mistake is X"
            if raw == "to" and raws[i - 2 : i] in (["we", "used"], ["i", "used"], ["they", "used"]):
                return True
            if raw == "once" and (raws[i - 1 : i] in (["we"], ["i"]) or raws[i + 1 : i + 2] in (["we"], ["i"])):
                return True
        return False

    def _reporter_before(self, verb: int) -> bool:
        """Whether someone other than the speaker holds the belief: "people (often) think", "my
        colleague assumes", "the junior said"; "I think", "you'd say" are the answer's own."""
        tokens, raws = self.tokens, self._raws
        for j in range(verb - 1, max(-1, verb - 1 - REPORTER_REACH), -1):
            if tokens[j].clause != tokens[verb].clause or raws[j] in SPEAKERS:
                return False
            if raws[j] in REPORTERS:
                return True
        return False

    def prohibited(self, positions: Sequence[int]) -> bool:
        """Whether the match stands in an imperative prohibition ("Don't just turn off self-heal so manual
        edits stick"): what it names is warned against, not stated."""
        return self._prohibited(positions[0])

    def _prohibited(self, first: int) -> bool:
        """Whether the sentence is an imperative prohibition ("Don't hand out X or create Y, because ..."):
        it governs every claim in it, however far from its opening word."""
        tokens, raws = self.tokens, self._raws
        sentence = tokens[first].sentence
        start = first
        while start > 0 and tokens[start - 1].sentence == sentence:
            start -= 1
        while start < first and raws[start] in SENTENCE_LEADS:
            start += 1
        opening = tuple(raws[start : start + 2])
        if not (opening[:1] in PROHIBITIONS or opening in PROHIBITIONS):
            return False
        # it governs its own clause only: "Don't bother with Git, just run X" still advises X, but in
        # "Don't just turn off self-heal so edits stick" the "just" belongs to the prohibition
        skip = start + len(opening if opening in PROHIBITIONS else opening[:1])
        if skip < first and raws[skip] in ("just", "simply"):
            skip += 1
        return tokens[start].clause == tokens[first].clause and not any(
            raws[i] in MAIN_CLAUSE_MARKERS for i in range(skip, first)
        )

    def _in_condition(self, first: int, last: int | None = None) -> bool:
        """Whether a claim stands in an if-clause ("roll forward only if revert isn't possible"). A match
        that runs on from the condition into the clause after it ("if it was intended, sync it away")
        pairs a case with its advice: that is a claim, not a condition."""
        tokens, raws = self.tokens, self._raws
        clause = tokens[first].clause
        if last is not None and tokens[last].clause != clause:
            return False
        marker = None  # "if it breaks *just* run X": X is the advice, not the condition
        for i in range(first - 1, -1, -1):
            if tokens[i].clause != clause:
                return False
            if raws[i] in CONDITIONS or (
                raws[i] == "when" and self._trailing_when(i, last if last is not None else first)
            ):
                return marker is None or marker <= i + 1  # "if *you* don't ..." is the condition's subject
            if raws[i] in MAIN_CLAUSE_MARKERS and marker is None:
                marker = i  # the one nearest the claim
        return False

    def _trailing_when(self, when: int, last: int) -> bool:
        """Whether "when" opens a condition after its main clause that holds the match: "split into
        instances *when* sharding can't help" does not deny that sharding helps (three correct answers
        in the development data read as negated). Not "X is when ..." (a definition), and not when a new
        subject after it starts the main clause ("when checks fail *it* promotes ...": that is a claim)."""
        raws, tokens = self._raws, self.tokens
        if when == 0 or tokens[when - 1].clause != tokens[when].clause or raws[when - 1] in DEFINING:
            return False
        return not any(raws[j] in NEW_SUBJECTS for j in range(when + 2, last + 1))

    def _purpose(self, cue: int) -> bool:
        """A cue inside a purpose clause names a risk, it does not deny it: "backport it *so that*
        the next promotion doesn't overwrite it", "*to avoid* overwriting" both say it would."""
        raws = self._raws
        if raws[cue] in ("avoid", "avoiding") and cue > 0 and raws[cue - 1] == "to":
            return True
        if raws[cue] == "no" and raws[cue + 1 : cue + 2] in (["risk"], ["danger"], ["chance"]):
            return True  # "so there is no risk that Flux reverts your fix" names the risk (selfplay-6)
        clause = self.tokens[cue].clause
        for j in range(cue - 1, max(-1, cue - 1 - PURPOSE_REACH), -1):
            if self.tokens[j].clause != clause:
                return False
            if raws[j] == "that" and j > 0 and raws[j - 1] == "so" or raws[j] in ("otherwise", "lest"):
                return True
            if raws[j] == "so":
                return self._advice_before(j)
        return False

    def _advice_before(self, so: int) -> bool:
        """Whether the clause before "so" is advice ("backport the fix to dev and staging *so* the next
        promotion doesn't overwrite it"): then "so" opens a purpose, and a cue after it names the risk the
        advice prevents. After a statement ("selfHeal is off, so the change isn't reverted") it is a result."""
        tokens, raws = self.tokens, self._raws
        start = so
        while start > 0 and tokens[start - 1].clause == tokens[so].clause:
            start -= 1
        while start < so and raws[start] in ADVICE_LEADS:
            start += 1
        return start < so and raws[start] in IMPERATIVES

    def negates(self, positions: Sequence[int]) -> bool:
        """Whether the match at ``positions`` (sorted token indexes) is negated."""
        first, last = positions[0], positions[-1]
        clause = self.tokens[first].clause
        matched = set(positions)
        for i in range(first + 1, last):
            if i not in matched and (self.before[i] == HARD or i in self._unequal) and self._reaches(i, first):
                return True
        budget = WINDOW_BEFORE
        manner = (
            self._manner_follows(last) or self._raws[first] in TIME_LIMITS or self._raws[first] in EMBEDDED_QUESTIONS
        )
        for i in range(first - 1, -1, -1):
            if self.tokens[i].clause != clause or budget == 0 or self._stops_at(i) or manner:
                break
            if self.before[i] and not self._purpose(i) and self._reaches(i, first) and not self._phrase_ended(i, first):
                return True
            if self.tokens[i].raw not in FREE_WORDS:
                budget -= 1
        for i in range(last + 1, min(len(self.tokens), last + 1 + WINDOW_AFTER)):
            if self.tokens[i].clause != clause or self._purpose_opens(i):
                # "The usual trick, lookup of the existing Secret, doesn't help": a verdict right after
                # the comma that closes the match's phrase still judges it
                return self.tokens[i].clause != clause and self.after[i] and self._set_off(first, i)
            if self.after[i] and self._reaches(i, first):
                return True
        return False

    def _set_off(self, first: int, verdict: int) -> bool:
        """Whether the match's clause is an aside set off by commas right before ``verdict`` (an appositive
        "X, <match>, doesn't help"): the clause starts at a comma and the verdict opens the next one."""
        tokens, text = self.tokens, self._text
        start = first
        while start > 0 and tokens[start - 1].clause == tokens[first].clause:
            start -= 1
        if start == 0 or tokens[start - 1].sentence != tokens[first].sentence:
            return False
        before = text[tokens[start - 1].end : tokens[start].start]
        between = text[tokens[verdict - 1].end : tokens[verdict].start]
        return before.strip() == "," and between.strip() == ","

    def _purpose_opens(self, i: int) -> bool:
        """Whether "so (that)" and a subject open a purpose or result clause at ``i``: "so it doesn't
        happen again", "so that nobody ...": what that clause denies is not the words before it."""
        raws = self._raws
        if raws[i] != "so":
            return False
        k = i + 2 if raws[i + 1 : i + 2] == ["that"] else i + 1
        return k < len(raws) and raws[k] in PURPOSE_SUBJECTS

    def _names_manner(self, j: int) -> bool:
        """ "by hand", "manually" (the lexicon reads both as "manual"), not "manual changes"."""
        token = self.tokens[j]
        if token.raw == "manually" or self._raws[j : j + 2] == ["by", "hand"]:
            return True
        return token.raw in MANNER_WORDS and self._text[token.start : token.end].lower() in MANNER_FORMS

    def manner_denied(self, positions: Sequence[int]) -> bool:
        """Whether a match that holds its own negation ("never creat* child*" in "don't create the child
        apps by hand") is followed by a manner: the answer denies the manner, not the act."""
        return any(self.before[i] == HARD for i in positions) and self._manner_follows(positions[-1])

    def _manner_follows(self, last: int) -> bool:
        """Whether "by <-ing>" follows the match in its clause: "don't fix drift by kubectl-editing it
        back" denies the manner, not the fixing, so a cue before the match does not negate it."""
        tokens, raws = self.tokens, self._raws
        clause = tokens[last].clause
        for j in range(last + 1, min(len(tokens) - 1, last + 1 + MANNER_REACH)):
            if tokens[j].clause != clause:
                return False
            if raws[j] == "by" and tokens[j + 1].clause == clause and raws[j + 1].endswith("ing"):
                return True
            if self._names_manner(j) or any(tuple(raws[j : j + len(p)]) == p for p in MANNER_PHRASES):
                return True
        return False

    def doubted(self, positions: Sequence[int]) -> bool:
        """Whether a doubt opens the match's clause before it ("I'm not sure you need to revert it"):
        the speaker neither asserts nor denies it."""
        if not self._doubts:
            return False
        tokens = self.tokens
        first = positions[0]
        clause = tokens[first].clause
        return any(p < first and tokens[p].clause == clause for p in self._doubts)

    def conditional(self, positions: Sequence[int]) -> bool:
        """Whether the clause of a negated match states a condition or a default rather than a denial:
        "if you don't turn prune on ...", "by default it won't delete ...", "Without wait: true, Ready ..."."""
        tokens, raws = self.tokens, self._raws
        first = positions[0]
        clause = tokens[first].clause
        start = first
        while start > 0 and tokens[start - 1].clause == clause:
            start -= 1
        if raws[start] in CONDITION_OPENERS:
            return True
        if self._in_condition(first, positions[-1]):
            return True
        if any(
            raws[i] == "by" and raws[i + 1] == "default" or raws[i : i + 4] == OUT_OF_THE_BOX
            for i in range(start, first)
        ):
            return True
        if self._default_opens_sentence(start):
            return True
        end = positions[-1] + 1
        return any(raws[i] == "by" and raws[i + 1] == "default" for i in range(end, min(len(raws) - 1, end + 4)))

    def _default_opens_sentence(self, start: int) -> bool:
        """Whether "by default" or "out of the box" earlier in the sentence governs the clause starting at
        ``start`` through "and"/"or": "By default it won't delete ... and it won't undo a kubectl change"
        describes the default twice."""
        tokens, raws = self.tokens, self._raws
        sentence = tokens[start].sentence
        if start == 0 or raws[start] not in ("and", "or"):
            return False
        for i in range(start - 1, -1, -1):
            if tokens[i].sentence != sentence:
                return False
            if tuple(raws[i : i + 2]) == ("by", "default") or tuple(raws[i : i + 4]) == ("out", "of", "the", "box"):
                return True
        return False

    def stressed(self, positions: Sequence[int]) -> bool:
        """Whether the match sits in a sentence-opening "Without X, <bad result>": the sentence says what
        goes wrong without X, so it stresses X rather than denying it ("Without the age key, nothing
        can decrypt the files"). "Without X, it still works" says X is not needed: not stressed."""
        if self._otherwise and self._disabled_first(positions):
            return True
        if not self._without:
            return False  # most answers never say "without"
        tokens, raws = self.tokens, self._raws
        first = positions[0]
        clause, sentence = tokens[first].clause, tokens[first].sentence
        start = first
        while start > 0 and tokens[start - 1].clause == clause:
            start -= 1
        if raws[start] != "without" or (start > 0 and tokens[start - 1].sentence == sentence):
            return False
        if any(self.before[i] == HARD for i in range(start + 1, positions[-1] + 1)):
            return False  # "Without no ..." or a second cue inside the phrase
        end = positions[-1] + 1
        while end < len(tokens) and tokens[end].clause == clause:
            end += 1
        result = range(end, len(tokens))
        bad = (i for i in result if tokens[i].sentence == sentence)  # the result must be a bad one:
        return any(self.before[i] == HARD or tokens[i].stem in CONSEQUENCE_STEMS for i in bad)  # "still works" is not

    def unequal_between(self, positions: Sequence[int]) -> bool:
        """Whether a "!=" stands between the words of an idea: "base64 != encryption" denies that base64
        is encryption, whatever order the idea's terms come in."""
        low, high = min(positions), max(positions)
        return any(low < i < high for i in self._unequal)

    def _disabled_first(self, positions: Sequence[int]) -> bool:
        """Whether the match is what a sentence disables before an "otherwise" that says what it would do:
        "Disable self-heal first, otherwise Argo CD puts it back" stresses what self-heal does."""
        tokens, raws = self.tokens, self._raws
        first, last = positions[0], positions[-1]
        sentence = tokens[first].sentence
        cue = next((i for i in range(first - 1, max(-1, first - 1 - WINDOW_BEFORE), -1) if raws[i] in DISABLING), None)
        if cue is None or tokens[cue].clause != tokens[first].clause:
            return False
        after = range(last + 1, len(tokens))
        return any(raws[i] in ("otherwise", "else") for i in after if tokens[i].sentence == sentence)

    def _phrase_ended(self, cue: int, first: int) -> bool:
        """Whether the phrase a "without" governs ends before ``first``: "without selfHeal the change
        stays", "without it the change stays" (speech drops the comma that would end the scope).

        It ends after a pronoun ("without it"), or where a new subject follows a word that is not
        an -ing verb ("selfHeal | the change"); "without testing the change" keeps its object.
        """
        raws = self._raws
        if raws[cue] != "without" or first <= cue + 1:
            return False
        if raws[cue + 1] in OBJECT_PRONOUNS:
            return True
        for k in range(cue + 2, first + 1):
            previous = raws[k - 1]
            if raws[k] in NEW_SUBJECTS and previous not in FREE_WORDS and not previous.endswith("ing"):
                return True
        return False

    def _reaches(self, cue: int, word: int) -> bool:
        """A cue inside a quotation negates only words inside the same quotation."""
        quote = self._quoted.get(cue)
        if quote is None:
            return True
        start, end = quote
        return start <= self.tokens[word].start < end


CODE = re.compile(r"```.*?(?:```|$)|`[^`\n]+`", re.DOTALL)


QUOTATION = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”')


def _quoted_cues(
    before: Sequence[int], after: Sequence[bool], tokens: Sequence[Token], text: str, watched: Sequence[int]
) -> dict[int, tuple[int, int]]:
    """Cue position -> character span of the quotation it stands in (only cues inside one)."""
    spans = [m.span() for m in QUOTATION.finditer(text)]
    out: dict[int, tuple[int, int]] = {}
    for i in watched:
        if before[i] or after[i]:
            start = tokens[i].start
            for span in spans:
                if span[0] <= start < span[1]:
                    out[i] = span
    return out


def _drop_cues_in_code(
    before: list[int], after: list[bool], tokens: Sequence[Token], text: str, watched: Sequence[int]
) -> None:
    """Code is evidence, not prose: "--no-prune" or "prune: false" in a code block negates nothing."""
    spans = [m.span() for m in CODE.finditer(text)]
    for i in watched:
        start = tokens[i].start
        if any(s <= start < e for s, e in spans):
            before[i] = 0
            after[i] = False


# "Don't do X, because ...": a wrong claim named with its bad consequence is a warning, not advice.
# A modal after the claim in its sentence, followed by one of these, marks the mention as rejected:
# "a PostSync hook would be too late", "rollout undo would leave the cluster different from Git".
MODALS = frozenset({"would", "will", "could", "might", "can", "may", "wouldnt", "wont", "cant", "gets", "get"})
CONSEQUENCE_STEMS = frozenset(
    stem(word)
    for word in word_set(
        """late early break breaks broken fail fails failing lose loses lost leave leaves left different
    revert reverts reverted undo undoes undone overwrite overwrites overwritten bypass bypasses drift drifts
    fight fights fighting wrong bad worse risk risky danger dangerous conflict conflicts race miss misses missed
    wipe wipes wiped mess diverge diverges hide hides mask masks stale loop loops flap flaps silently
    inconsistent lie lies confusing confuse useless pointless noisy outofsync"""
    )
)
RESULTS = frozenset({"so", "therefore", "thus", "hence"})  # a modal after these is the claim's consequence
CONSEQUENCE_REACH = 14  # words after the claim in which the modal must come
CONSEQUENCE_AFTER_MODAL = 6  # words after the modal in which the consequence must come
# Words before a claim in its sentence that reject it: "instead of", "rather than" are cues already.
# (Same-clause cues are handled by ``negates``; these reach across commas within the sentence.)
REJECTING_BEFORE = frozenset({"avoid", "avoids", "avoiding", "instead"})
UNIVERSALS = frozenset({"everything", "all", "every", "always", "anything", "any"})
EXCEPTIONS = frozenset({"except", "but", "besides", "apart", "save"})
BELIEF_WORDS = frozenset({"myth", "misconception", "wrongly", "falsely", "mistakenly"})  # "it's a myth that X"
MISTAKES = frozenset({"mistake", "misconception", "myth", "fallacy", "misunderstanding", "trap", "pitfall"})
# "Some think X, but ...", "people say X", "the junior assumed X": a reported belief, not the answer's own claim.
REPORTING_VERBS = word_set(
    """think thinks thought believe believes believed say says said claim claims claimed assume assumes assumed
    expect expects expected suggest suggests suggested argue argues argued told treat treats treated"""
)
REPORTERS = word_set(
    """some people many folks others everyone someone somebody colleague colleagues junior juniors
    team teams devs developers dev newcomers beginners candidates vendor vendors manager lead blogs tutorials"""
)
SPEAKERS = frozenset({"i", "we", "you", "id", "wed", "youd", "ill", "well"})  # "I think X" is the answer's own claim
REPORTER_REACH = 3  # words from the reporting verb back to who holds the belief ("people often wrongly think")


STOPS = frozenset({"stop", "stops", "stopped"})
STOPPING = STOPS | {"ceases", "cease", "quits"}  # after a negation: "never stops running" keeps it running

# A concept that names a loss ("Reverts and rollbacks stop working", "Git no longer records which
# image runs (audit, ...)", "Drift goes unnoticed between runs") is said by an answer that denies the
# lost thing: "you can't roll back", "no audit", "no drift detection". These label words mark such a
# loss; the words of the label part holding one are what an answer may deny to state the concept.
LOSS_WORDS = frozenset(
    {
        "stop",
        "stops",
        "stopped",
        "cannot",
        "cant",
        "lost",
        "lose",
        "loses",
        "unnoticed",
        "skips",
        "break",
        "breaks",
        "never",
    }
)
LOSS_PHRASES = (("no", "longer"),)
# Label parts: "Force pushes rewrite history *and break* the audit trail" loses the trail, not the rewriting.
_LABEL_PARTS = re.compile(
    r";|:|\s[-–]\s|—|\b(?:so|but)\b|(?=\band\s+(?:break|breaks|loses?|stops?|skips|cannot|cant)\b)",
    re.IGNORECASE,
)
NOTHING = frozenset({"nothing", "nobody", "noone"})  # a label's own empty subject: "nothing is reviewed"
ABILITY = frozenset({"can", "to", "able", "may"})  # "a rollout that can stop on failure" names a guard, not a loss
NOT_LOST = frozenset(
    {"need", "needed", "required", "must", "is", "are", "the", "a", "an", "of", "to", "in", "and", "or"}
)  # fmt: skip
# A phrasing that names the stopping itself ("pause* reconcil*") is not the lost thing.
STOPPING_PREFIXES = ("stop", "paus", "suspend", "halt", "freez", "disabl", "break", "skip", "lose", "lost")


def loss_scope(label: str) -> frozenset[str]:
    """Words and stems a concept's label says are lost or stop working ("Reverts and rollbacks stop
    working" -> revert, rollback), each part of the label judged on its own. A loss word that opens
    its part is an instruction ("Break the loop"), one after "can" an ability ("can stop on failure"),
    one glued by a hyphen a name ("break-glass"): none of these is a loss."""
    out: set[str] = set()
    for part in _LABEL_PARTS.split(label):
        tokens = tokenize(part)
        raws = [t.raw for t in tokens]
        if not any(_names_a_loss(part, tokens, i) for i in range(len(raws))):
            continue
        kept = [r for r in raws if r not in LOSS_WORDS and r not in NEGATORS and r not in NOT_LOST and r != "longer"]
        out.update(kept)
        out.update(map(stem, kept))
    for part in _LABEL_PARTS.split(label):  # "nothing is reviewed or reconciled": what follows is what is missing
        raws = [t.raw for t in tokenize(part)]
        for i in (i for i, r in enumerate(raws) if r in NOTHING):
            after = [r for r in raws[i + 1 :] if r not in NEGATORS and r not in NOT_LOST]
            out.update(after)
            out.update(map(stem, after))
    for word in re.findall(r"\bun(?:re|)[a-z]{4,}(?:ed|able)\b", label.lower()):  # "untested": "nobody tested it"
        root = word[2:]
        out.update((word, stem(word), root, stem(root)))
    return frozenset(out)


def _names_a_loss(part: str, tokens: Sequence[Token], i: int) -> bool:
    raws = [t.raw for t in tokens]
    if raws[i] == "longer":
        return i > 0 and raws[i - 1] == "no"
    if raws[i] not in LOSS_WORDS or i == 0 or raws[i - 1] in ABILITY:
        return False
    token = tokens[i]
    return part[token.end : token.end + 1] != "-" and part[token.start - 1 : token.start] != "-"


def _blocks_a_thing(raws: Sequence[str], i: int) -> bool:
    """ "stop" denies an activity ("Flux stops reconciling"), but "controller flags stop cross-namespace
    references" blocks a thing: it says the references are the danger, not that they are absent."""
    return raws[i] in STOPS and not (i + 1 < len(raws) and raws[i + 1].endswith("ing"))


def _cancel_double_negatives(
    before: list[int], tokens: Sequence[Token], raws: Sequence[str], watched: Sequence[int]
) -> None:
    """ "You can't merge without a review": a negation followed in its clause by "without" is turned
    round by it, so neither negates. So is a stopping verb and an activity right after a negation: "it
    never stops running" says it always runs (QA fresh-eyes-5 G1 read it as denying continuous
    reconciliation); "doesn't stop the sync from applying it" is left alone (it denies a prevention)."""
    for i in watched:
        if before[i] != HARD or raws[i] in SECOND_NEGATIONS:
            continue
        if raws[i] not in STOPS and i + 2 < len(raws) and raws[i + 1] in STOPPING and raws[i + 2].endswith("ing"):
            before[i] = before[i + 1] = 0
            continue
        for j in range(i + 1, min(len(raws), i + 1 + DOUBLE_NEGATIVE_REACH)):
            if tokens[j].clause != tokens[i].clause:
                break
            if raws[j] in SECOND_NEGATIONS:
                before[i] = before[j] = 0
                break


def _opens_clause(raws: Sequence[str], tokens: Sequence[Token], i: int) -> bool:
    """Whether the conjunction at ``i`` opens a clause of its own (subject pronoun or finite verb follows)."""
    clause = tokens[i].clause
    following = [j for j in range(i + 1, min(len(raws), i + 1 + VERB_REACH)) if tokens[j].clause == clause]
    if not following:
        return False
    if raws[following[0]] in SUBJECT_PRONOUNS or any(raws[j] in FINITE_VERBS for j in following):
        return True
    # "... no longer in Git *and prune them*": a verb with an object pronoun is a predicate of its own
    return len(following) >= 2 and raws[following[1]] in ("them", "it") and raws[following[0]] not in FREE_WORDS


def _drop_hyphenated_cues(before: list[int], tokens: Sequence[Token], text: str, cues: Sequence[int]) -> None:
    """A cue glued to a word by a hyphen names something ("--no-remote-bases", "no-op"): not a negation."""
    n = len(tokens)
    for i in cues:
        token = tokens[i]
        joined_next = i + 1 < n and text[token.end : tokens[i + 1].start] == "-"
        joined_previous = i > 0 and text[tokens[i - 1].end : token.start] == "-"
        if joined_next and (token.raw, tokens[i + 1].raw) in NEGATIVE_COMPOUNDS:
            continue
        if joined_next or joined_previous or text[max(0, token.start - 2) : token.start] == "--":
            before[i] = 0
