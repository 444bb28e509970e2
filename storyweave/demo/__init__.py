"""The bundled demo corpus: a fictional news world written for storyweave (see README.md beside this file)."""

from pathlib import Path

DEMO_DIR = Path(__file__).parent
CORPUS_DIR = DEMO_DIR / "corpus"
GOLD_PATH = DEMO_DIR / "gold.json"
WARC_SRC_DIR = DEMO_DIR / "warc_src"

__all__ = ["CORPUS_DIR", "DEMO_DIR", "GOLD_PATH", "WARC_SRC_DIR"]
