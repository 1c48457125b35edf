"""Word and character n-gram TF-IDF features of a fitted vocabulary, computed without
scikit-learn.

Training fits scikit-learn's TfidfVectorizer (classify.training); coding only needs to
apply what it learned. Importing scikit-learn pulls in scipy.stats and costs about two
seconds at every start, so the few lines that apply a fitted vocabulary live here, and
a test checks that they give scikit-learn's features exactly (analyzers 'word' and
'char_wb', sublinear term frequency, l2 norm per view)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

SPACES = re.compile(r"\s\s+")


class NgramView:
    """One fitted view: how it cuts a (normalised) text into terms, and each known
    term's column and inverse document frequency."""

    def __init__(
        self,
        analyzer: str,
        ngram_range: tuple[int, int],
        vocabulary: Sequence[str],
        idf: np.ndarray,
        token_pattern: str | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.low, self.high = ngram_range
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.idf = np.asarray(idf, dtype=np.float64)
        self.token = re.compile(token_pattern) if token_pattern else None

    def __len__(self) -> int:
        return len(self.index)

    def terms(self, text: str) -> list[str]:
        if self.analyzer == "word":
            return self._word_terms(text)
        return self._char_wb_terms(text)

    def _word_terms(self, text: str) -> list[str]:
        tokens = self.token.findall(text) if self.token else text.split()
        out: list[str] = []
        for n in range(self.low, self.high + 1):
            out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    def _char_wb_terms(self, text: str) -> list[str]:
        out: list[str] = []
        for word in SPACES.sub(" ", text).split():
            w = f" {word} "
            for n in range(self.low, self.high + 1):
                out.append(w[:n])
                if len(w) <= n:
                    break  # a padded word no longer than n counts once, whole
                out.extend(w[i : i + n] for i in range(1, len(w) - n + 1))
        return out

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of the text's l2-normalised sublinear TF-IDF vector."""
        index = self.index
        known = [(index[t], c) for t, c in Counter(self.terms(text)).items() if t in index]
        if not known:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        cols = np.fromiter((col for col, _ in known), dtype=np.int64, count=len(known))
        tf = np.fromiter((c for _, c in known), dtype=np.float64, count=len(known))
        vals = (1.0 + np.log(tf)) * self.idf[cols]
        return cols, vals / np.sqrt(np.dot(vals, vals))
