"""POS, morphology and lemmas as en_core_web_sm's attribute_ruler and lemmatizer give them, cheaper.

The model's attribute_ruler runs a spaCy Matcher of 179 patterns over every token and cost as
much as the parser; its lemmatizer walks every token in Python (docs/benchmarks.md). Almost all
of the ruler's patterns look at one token only (its tag, lower-case form, dependency, whether
it is a space), so what they set is a function of those four values: worked out once per
distinct tuple and then looked up. The few patterns over two tokens are tried only where their
first token can start them. Lemmas are looked up by (word, POS, morphology), the key the
lemmatizer itself caches by, and asked of it on a miss. The patterns, attributes and lemma rules
are the loaded model's own, applied with spaCy's own setter, so the output is the same token for
token (tests/stages/test_attributes.py compares both on hand-made text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ATTRIBUTES = "newsint_attributes"
# The token values the ruler's patterns read, in the order of a key tuple.
_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")

Key = tuple[str, str, str, bool]
Check = Callable[[Key], bool]


def _anchor(spec: dict[str, Any]) -> tuple[int, frozenset[Any]] | None:
    """A value test of the token spec that a key must pass: (position in the key, the values
    that pass), from an equality or an IN list; None when the spec has none (REGEX, NOT_IN).
    The narrowest such test is taken, so few keys reach the spec's whole check."""
    found: list[tuple[int, frozenset[Any]]] = []
    for attr, want in spec.items():
        if attr not in _READ:
            continue  # `_check` refuses it
        at = _READ.index(attr)
        if isinstance(want, dict):
            if "IN" in want:
                found.append((at, frozenset(want["IN"])))
        else:
            found.append((at, frozenset([want])))
    return min(found, key=lambda f: len(f[1])) if found else None


def _check(spec: dict[str, Any]) -> Check:
    """One token of a Matcher pattern as a test of a key (only what the ruler's patterns use)."""
    tests: list[Callable[[Key], bool]] = []
    for attr, want in spec.items():
        if attr not in _READ:
            raise ValueError(f"attribute_ruler pattern reads {attr}, which is not supported")
        at = _READ.index(attr)
        if isinstance(want, dict):
            for op, arg in want.items():
                if op == "IN":
                    allowed = frozenset(arg)
                    tests.append(lambda k, at=at, allowed=allowed: k[at] in allowed)
                elif op == "NOT_IN":
                    banned = frozenset(arg)
                    tests.append(lambda k, at=at, banned=banned: k[at] not in banned)
                elif op == "REGEX":
                    rx = re.compile(arg)
                    tests.append(lambda k, at=at, rx=rx: bool(rx.search(str(k[at]))))
                else:
                    raise ValueError(f"attribute_ruler pattern uses {op}, which is not supported")
        else:
            tests.append(lambda k, at=at, want=want: k[at] == want)
    return lambda k: all(t(k) for t in tests)


class Attributes:
    """The attribute_ruler and the lemmatizer of a loaded pipeline, as one component."""

    def __init__(self, ruler: Any, lemmatizer: Any | None, max_entries: int) -> None:
        self.lemmatizer = lemmatizer
        self.attrs: list[dict[Any, Any]] = list(ruler.attrs)
        self.patterns = list(zip(_patterns(ruler), ruler.indices, strict=True))
        self.max_entries = max_entries
        self._compile()

    def _compile(self) -> None:
        """The patterns as tests (closures), and empty tables; again after unpickling."""
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.singles: list[tuple[int, Check]] = []
        self.multis: list[tuple[int, list[Check], int]] = []
        # Which checks a key can pass, by one of its values: a check whose token spec tests a
        # value (`_anchor`) is filed under each value that passes that test, so a new key is
        # checked only against the specs filed under its own values and those with no such
        # test (a new key ran all 172 single-token checks: half of the component's 0.5 CPU s
        # on 40 pages none of whose words it had seen, docs/benchmarks.md).
        self.filed: list[dict[Any, list[int]]] = [{} for _ in _READ]  # key value -> singles
        self.unfiled: list[int] = []  # singles without a value test
        self.starts_filed: list[dict[Any, list[int]]] = [{} for _ in _READ]  # -> multis
        self.starts_unfiled: list[int] = []
        for pid, (specs, index) in enumerate(self.patterns):
            for spec in specs:  # alternatives setting the same attributes
                checks = [_check(t) for t in spec]
                if len(checks) == 1:
                    where, unfiled, n = self.filed, self.unfiled, len(self.singles)
                    self.singles.append((pid, checks[0]))
                else:
                    where, unfiled, n = self.starts_filed, self.starts_unfiled, len(self.multis)
                    self.multis.append((pid, checks, index))
                anchor = _anchor(spec[0])
                if anchor is None:
                    unfiled.append(n)
                else:
                    for value in anchor[1]:
                        where[anchor[0]].setdefault(value, []).append(n)
        # key -> (ids of the single-token patterns it matches, may it start a longer one)
        self.known: dict[Key, tuple[tuple[int, ...], bool]] = {}
        self.lemmas: dict[tuple[int, int, int], str] = {}
        self.keys: dict[tuple[int, ...], Key] = {}  # the four values' hashes -> their key
        self.merged: dict[tuple[int, ...], dict[Any, Any]] = {}  # pattern ids -> one setting

    def __getstate__(self) -> dict[str, Any]:
        """Picklable (nlp.pipe with n_process > 1 sends the pipeline to its workers)."""
        keep = ("lemmatizer", "attrs", "patterns", "max_entries")
        return {k: self.__dict__[k] for k in keep}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._compile()

    def clear_cache(self) -> None:
        self.known.clear()
        self.lemmas.clear()
        self.keys.clear()
        self.merged.clear()

    def _lookup(self, key: Key) -> tuple[tuple[int, ...], bool]:
        found = self.known.get(key)
        if found is None:
            singles, multis = self.singles, self.multis
            ids = tuple(sorted({singles[n][0] for n in self._filed(key) if singles[n][1](key)}))
            starts = any(multis[n][1][0](key) for n in self._starts_filed(key))
            found = self.known[key] = (ids, starts)
        return found

    def _filed(self, key: Key) -> list[int]:
        """The single-token checks `key` can pass (the others fail their value test)."""
        out = list(self.unfiled)
        for at, filed in enumerate(self.filed):
            out.extend(filed.get(key[at], ()))
        return out

    def _starts_filed(self, key: Key) -> list[int]:
        """The longer patterns whose first token `key` can be."""
        out = list(self.starts_unfiled)
        for at, filed in enumerate(self.starts_filed):
            out.extend(filed.get(key[at], ()))
        return out

    def _key(self, row: tuple[int, int, int, int], strings: Any) -> Key:
        """The key of a token's (tag, lower, dependency, space) hashes, named once."""
        key = self.keys.get(row)
        if key is None:
            tag, lower, dep, space = row
            key = self.keys[row] = (strings[tag], strings[lower], strings[dep], bool(space))
        return key

    def _attrs(self, ids: tuple[int, ...]) -> dict[Any, Any]:
        """The attributes of the patterns `ids` as one setting, later patterns winning (they
        set token attributes only, each independent of the others)."""
        got = self.merged.get(ids)
        if got is None:
            got = self.merged[ids] = {k: v for pid in ids for k, v in self.attrs[pid].items()}
        return got

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if max(len(self.known), len(self.lemmas), len(self.keys)) >= self.max_entries:
            self.clear_cache()  # what is worked out again is the same: only time is lost
        # the four values by string hash, one column read: no spaCy Token per word to read them
        strings = doc.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        keys: list[Key] = [self._key(tuple(row), strings) for row in rows]
        hits: list[tuple[int, ...]] = []
        extra: dict[int, list[int]] = {}  # token -> ids of longer patterns that set it
        for i, key in enumerate(keys):
            ids, starts = self._lookup(key)
            hits.append(ids)
            if starts:
                for pid, checks, index in self.multis:
                    end = i + len(checks)
                    if end <= len(keys) and all(c(keys[i + j]) for j, c in enumerate(checks)):
                        extra.setdefault(i + index if index >= 0 else end + index, []).append(pid)
        for i, ids in enumerate(hits):
            more = extra.get(i)
            if more:
                ids = tuple(sorted([*ids, *more]))  # later patterns win, as in the ruler
            if ids:
                self._set(doc[i], self._attrs(ids))
        if self.lemmatizer is not None:
            self._lemmatize(doc)
        return doc

    def _lemmatize(self, doc: Doc) -> None:
        """Fill the lemmas the patterns left unset, by (word, POS, morphology): read and
        written as columns, a spaCy Token made only to ask the lemmatizer about a new key."""
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return
        lemmas = self.lemmas
        lemmatize = self.lemmatizer.lemmatize  # type: ignore[union-attr]
        add = doc.vocab.strings.add  # (as `Token.lemma_ = …` stores the string)
        cols = doc.to_array([LEMMA, ORTH, POS, MORPH])
        column: list[int] = cols[:, 0].tolist()
        changed = False
        for i, (lemma_id, orth, pos, morph) in enumerate(cols.tolist()):
            if lemma_id != 0:
                continue
            key = (orth, pos, morph)
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = lemmas[key] = lemmatize(doc[i])[0]
            column[i], changed = add(lemma), True
        if changed:
            values = numpy.array(column, dtype=numpy.uint64).reshape(-1, 1)
            doc.from_array([LEMMA], values)  # type: ignore[arg-type]  # (thinc's Ints2d)


def _patterns(ruler: Any) -> list[list[list[dict[str, Any]]]]:
    """The ruler's patterns (each a list of alternatives) in its own order: its attrs and
    indices are aligned with them."""
    return [list(ruler.matcher.get(str(i))[1]) for i in range(len(ruler.attrs))]


def use_attributes(nlp: Language, max_entries: int) -> None:
    """Replace the pipeline's attribute_ruler (and lemmatizer) by one Attributes component."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names:
        return
    lemmatizer = _rule_lemmatizer(nlp)  # another kind stays as the model's component
    if not Language.has_factory(ATTRIBUTES):
        Language.factory(ATTRIBUTES, func=_from_pipeline)
    nlp.add_pipe(ATTRIBUTES, before="attribute_ruler", config={"max_entries": max_entries})
    nlp.remove_pipe("attribute_ruler")
    if lemmatizer is not None:
        nlp.remove_pipe("lemmatizer")


def _from_pipeline(nlp: Language, name: str, max_entries: int) -> Attributes:
    """The factory: built from the ruler and the rule lemmatizer already in `nlp`."""
    return Attributes(nlp.get_pipe("attribute_ruler"), _rule_lemmatizer(nlp), max_entries)


def _rule_lemmatizer(nlp: Language) -> Any | None:
    """The pipeline's lemmatizer when it is the rule kind that only fills missing lemmas."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", "") != "rule" or getattr(lemmatizer, "overwrite", True):
        return None
    return lemmatizer
