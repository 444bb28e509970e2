"""Language identification (py3langid), loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from storyweave.models import Field


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, max_chars: int = 4000) -> Field | None:
    """ISO 639-1 code of ``text``'s language, with the classifier's probability."""
    sample = text[:max_chars].strip()
    if len(sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    return Field(str(lang), "langid", round(float(prob), 3))
