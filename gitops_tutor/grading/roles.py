"""Who does what: a concept said about the other party of a comparison is a swap, not a hit.

Rubrics that contrast two things ("sync status" and "health status", Argo CD and Flux, a
feature flag and a canary) label each concept with its subject first: "Sync status compares
Git with the live state", "Health status says whether the resources work". An answer that
says "Health status compares Git with the live state" keeps every key word of the first
concept and gives it to the wrong party; a fair interviewer calls that swapped. The subject
of a concept is the first word of its label; it is a party when the prompt sets it against
another subject. A rubric with fewer than two parties contrasts nothing and is left alone.
Measured on the blind tuning half with its own wrong claims stripped: 24 -> 21 wrong or negated
answers passing; adversarial probes (tests/grading/probes.yaml) 35 -> 29 traps passing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.negation import HARD_CUES
from gitops_tutor.grading.shape import FUNCTION_WORDS
from gitops_tutor.grading.text import Token, tokenize

# Words that may come before a clause's subject: "A canary ...", "And the Flux controllers ...".
# A clause that opens with a preposition (CONTEXT_WORDS: "In Flux you sign ...") names a
# context, not its subject.
LEAD_WORDS = frozenset(
    {"a", "an", "the", "its", "it", "and", "each", "every", "your", "our", "this", "that", "then", "so", "also",
     "only", "meanwhile", "whereas", "while", "but", "although", "though", "git", "app", "application"}
)  # fmt: skip
# First label words that are no party of a comparison: verbs, adjectives and places
# ("Deleting the CRD ...", "Environments can be compared ...", "Custom resources ...").
NOT_PARTIES = frozenset(
    {"environ", "custom", "delet", "use", "run", "keep", "set", "add", "make", "put", "cost", "chang", "both",
     "no", "not", "without", "never", "all", "one", "two", "same", "new", "old", "first", "second", "answer"}
)  # fmt: skip
LABEL_PRONOUNS = frozenset({"it", "this", "that", "they", "there"})
CONTRAST_WINDOW = 12  # words apart two parties may be named in the prompt
CONNECTORS = frozenset(
    {"and", "or", "vs", "versus", "from", "than", "between", "compared", "while", "whereas", "against", "over", "to",
     "so", "but", "instead"}
)  # fmt: skip
MAX_SUBJECT_GAP = 16  # words between a clause's subject and what it says about it
CARRY_UNITS = 2  # clauses back a subject-less clause may take its subject from
MIN_CLAUSE_WORDS = 3  # a clause that lends its subject has a predicate, not just a name
CONTINUATIONS = frozenset({"so", "and", "which", "then", "thus", "hence"})  # ", so there is no release"
SUBJECT_WORDS = 2  # "a feature flag controls ...": the subject may be the second word of a compound
CONTEXT_WORDS = frozenset(
    {"in", "on", "with", "for", "by", "at", "from", "to", "under", "after", "before", "during", "when", "if", "unlike",
     "like", "than", "via", "through", "without"}
)  # fmt: skip


def concept_subjects(labels: Sequence[str], prompt: str, aliases: AliasMap) -> list[str | None]:
    """Per concept label, the stem of its subject, or None; all None when nothing is contrasted.

    A subject is a party only when the prompt sets it against another one: both named within
    CONTRAST_WINDOW words with a connector between them ("sync status and health status",
    "feature flags differ from a canary"). "Sealed Secrets ... renews its sealing key" names two
    things, but contrasts nothing.
    """
    prompt_tokens = aliases.apply(tokenize(prompt))
    prompt_stems = {t.stem for t in prompt_tokens}
    subjects = [_first_content_stem(aliases.apply(tokenize(label)), prompt_stems) for label in labels]
    parties = _contrasted({s for s in subjects if s}, prompt_tokens)
    if len(parties) < 2:
        return [None] * len(labels)
    return [s if s in parties else None for s in subjects]


def _contrasted(candidates: set[str], prompt: Sequence[Token]) -> set[str]:
    where = [(k, t.stem) for k, t in enumerate(prompt) if t.stem in candidates]
    out: set[str] = set()
    for i, (k, a) in enumerate(where):
        for m, b in where[i + 1 :]:
            if a == b or prompt[m].word - prompt[k].word > CONTRAST_WINDOW:
                continue
            if any(prompt[j].raw in CONNECTORS for j in range(k + 1, m)):
                out |= {a, b}
    return out


def _first_content_stem(tokens: Sequence[Token], allowed: set[str]) -> str | None:
    """The stem of a label's subject, or None when the label opens with no noun a prompt could name as a
    party: a pronoun ("It undermines ..."), a grammar word ("App-of-apps ..." reads "of", "In practice:
    ..."), or a word in NOT_PARTIES."""
    if tokens and tokens[0].raw in LABEL_PRONOUNS:
        return None  # "It undermines ...": the subject is the pronoun, not the verb after it
    for token in tokens:
        if token.raw in LEAD_WORDS:
            continue
        if token.raw in FUNCTION_WORDS or token.raw in CONTEXT_WORDS:
            return None
        return token.stem if token.stem in allowed and token.stem not in NOT_PARTIES else None
    return None


# "a source such as a GitRepository": the prompt's example of a party stands for that party.
EXAMPLE_MARKERS: tuple[tuple[str, ...], ...] = (("such", "as"), ("like",), ("eg",), ("e", "g"), ("for", "example"))
EXAMPLE_REACH = 3  # words after the party in which the marker must come


def party_examples(prompt: str, parties: frozenset[str], aliases: AliasMap) -> dict[str, str]:
    """Stem of each example the prompt gives of a party -> the party's stem."""
    tokens = aliases.apply(tokenize(prompt))
    raws = [t.raw for t in tokens]
    out: dict[str, str] = {}
    for k, token in enumerate(tokens):
        if token.stem not in parties:
            continue
        for j in range(k + 1, min(len(tokens), k + 1 + EXAMPLE_REACH)):
            marker = next((m for m in EXAMPLE_MARKERS if tuple(raws[j : j + len(m)]) == m), None)
            if marker is None:
                continue
            after = j + len(marker)
            while after < len(tokens) and raws[after] in LEAD_WORDS:
                after += 1
            if after < len(tokens) and tokens[after].stem not in parties:
                out[tokens[after].stem] = token.stem
            break
    return out


def swapped(
    tokens: Sequence[Token],
    match: tuple[int, ...],
    own: str,
    subjects: frozenset[str],
    examples: Mapping[str, str] | None = None,
) -> bool:
    """Whether the clause holding ``match`` is about another subject and never names ``own``.

    A clause that opens with so/and/which and no subject ("..., so there is no release history")
    continues the one before it in the same sentence, up to CARRY_UNITS clauses back; a bare
    label or parenthesis ("(staging)") is no clause and lends no subject.
    """
    first = match[0]
    sentence = tokens[first].sentence
    position = first
    examples = examples or {}

    def party(token: Token) -> str:
        return examples.get(token.stem, token.stem)

    for carried in range(CARRY_UNITS + 1):
        start, end = _unit_span(tokens, position)
        if any(party(tokens[k]) == own for k in range(start, end)):
            return False
        if carried and end - start < MIN_CLAUSE_WORDS:
            return False
        content = [t for t in tokens[start : min(first, end)] if t.raw not in LEAD_WORDS][:SUBJECT_WORDS]
        if content and content[0].raw in CONTEXT_WORDS:
            return False
        rival = [t for t in content if party(t) in subjects]
        relative = _relative_subject(tokens, start, min(first, end), rival[0] if rival else None)
        if relative is not None:
            candidates, explicit = relative
            named = [t for t in candidates if party(t) in subjects]
            if named:
                return party(named[0]) != own
            if explicit:
                return False  # "a repo that the fleet repo points at": a subject of its own, no party
        if rival:
            return party(rival[0]) != own and tokens[first].word - rival[0].word <= MAX_SUBJECT_GAP
        if not carried and _placed_with_rival(tokens, match[-1], end, own, subjects, party):
            return True
        if start == 0 or tokens[start - 1].sentence != sentence or tokens[start].raw not in CONTINUATIONS:
            return False
        antecedent = [t for t in tokens[max(0, start - SUBJECT_WORDS) : start] if party(t) in subjects]
        if tokens[start].raw == "which" and antecedent:
            return party(antecedent[-1]) != own  # "connects to the principal, which keeps the UI"
        position = start - 1
    return False


# "the human approval belongs *at dev*", "the manual gate sits *in staging*": a clause with no party as its
# subject that places what it says at another party gives it to that party. Only a place word right
# before the party counts, and nothing that turns it round may come between ("not in dev", "unlike dev").
PLACE_WORDS = frozenset({"at", "in", "on", "for", "into"})
PLACE_REACH = 6  # words after the match in which the place must come
PLACE_BLOCKERS = HARD_CUES | frozenset(
    {"than", "unlike", "except", "besides", "only", "but", "before", "after", "until"}
)


def _placed_with_rival(
    tokens: Sequence[Token],
    last: int,
    end: int,
    own: str,
    subjects: frozenset[str],
    party: Callable[[Token], str],
) -> bool:
    """Whether, within PLACE_REACH words after the match in its clause, a place word puts it at a party
    other than ``own`` ("approval belongs at dev"). The caller has made sure ``own`` is not named there."""
    for k in range(last + 1, min(end, last + 1 + PLACE_REACH)):
        raw = tokens[k].raw
        if raw in PLACE_BLOCKERS:
            return False
        if raw not in PLACE_WORDS:
            continue
        j = k + 1
        while j < end and tokens[j].raw in DETERMINERS:
            j += 1
        return j < end and party(tokens[j]) in subjects and party(tokens[j]) != own
    return False


RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "your", "each"})


def _relative_subject(
    tokens: Sequence[Token], start: int, first: int, rival: Token | None
) -> tuple[list[Token], bool] | None:
    """The candidate subjects of a relative clause holding the match, and whether it has a subject of
    its own; None when the match is in no relative clause.

    "each team owns its repo *that the fleet repo points at*": the clause has its own subject ("the
    fleet repo"), never the main clause's. "the repo *which points at*" has none: its subject is the
    noun before the pronoun, which stands for the main subject in "Health is the one that compares".
    """
    low = start if rival is None else tokens.index(rival, start) + 1
    relative = next((k for k in range(first - 1, low - 1, -1) if tokens[k].raw in RELATIVES), None)
    if relative is None or relative == start:
        return None
    own = [t for t in tokens[relative + 1 : first] if t.raw not in LEAD_WORDS][:SUBJECT_WORDS]
    explicit = relative + 1 < first and tokens[relative + 1].raw in DETERMINERS
    return own + [tokens[relative - 1]], explicit


def _unit_span(tokens: Sequence[Token], position: int) -> tuple[int, int]:
    """First and one-past-last token of the unit (clause) holding ``position``."""
    unit = tokens[position].unit
    start = end = position
    while start > 0 and tokens[start - 1].unit == unit:
        start -= 1
    while end < len(tokens) and tokens[end].unit == unit:
        end += 1
    return start, end


TOOLS = frozenset({"argo", "flux"})  # stems of the tools an answer may compare with (aliases give "argo cd")
TOOL_CONTEXTS = frozenset({"in", "with", "for", "on", "unlike"})


def other_tool_context(tokens: Sequence[Token], match: tuple[int, ...], prompt_stems: frozenset[str]) -> bool:
    """Whether ``match`` stands in a clause about a tool the question does not name ("In Argo CD
    you'd use sync waves" in an answer about Flux): a comparison, not a claim about the question's tool."""
    start, _ = _unit_span(tokens, match[0])
    opening = tokens[start : start + 2]
    return (
        len(opening) == 2
        and opening[0].raw in TOOL_CONTEXTS
        and opening[1].stem in TOOLS
        and opening[1].stem not in prompt_stems
    )
