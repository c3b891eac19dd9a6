"""Sources the verb rules would otherwise take from the wrong words (issue 16, second pass).

- The asker nobody names: "Asked whether the talks would resume, the minister said…", "when
  asked about the levy, the mayor said…": the question is put by someone the
  text does not name (the reporter, an interviewer), never by the one asked, whose name the
  verb rules would otherwise borrow from the clause around it. PolNeAR's annotators leave the
  source of such a question empty (train: 77 of 80 participles of *ask* with no subject, no
  agent and no infinitive).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import Lexicon, verb_base

if TYPE_CHECKING:
    from spacy.tokens import Token


def unnamed_asker(tok: Token, lex: Lexicon) -> bool:
    """A question verb as a participle clause with neither a subject nor an agent of its own.
    Not a request ("visitors are asked to call the helpline": asked by whoever runs it), and
    not a passive main verb ("the mayor was asked about the bridge" reports nothing and stays
    the article's own sentence, as before)."""
    if tok.tag_ != "VBN" or verb_base(tok.lower_, lex.question_verbs, lex.irregular) is None:
        return False
    return not any(c.dep_ in ("nsubj", "agent", "xcomp", "auxpass") for c in tok.children)
