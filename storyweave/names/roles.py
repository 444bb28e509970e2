"""Role phrases around a person's name in a spaCy Doc, and titles inside a name span.

``strip_titles`` cuts honorifics and role words off the front of a name span (spaCy often tags
"President Putin" as one PERSON); ``role_before`` reads the role phrase that ends right before
the name ("Russian Foreign Minister", "le ministre russe des Affaires étrangères,");
``role_after`` reads an appositive (", the head of Russia's SVR Foreign Intelligence Service,").
A phrase counts as a role only when it holds a role head word (see :mod:`storyweave.names.titles`).
"""

from __future__ import annotations

from storyweave.names.titles import CONNECTORS, DETERMINERS, HONORIFICS, MODIFIERS, is_head
from storyweave.names.tokens import Tokens

__all__ = ["role_after", "role_before", "strip_titles"]

_MAX_ROLE = 9
_STOP_PUNCT = frozenset(',.;:!?()[]{}"“”«»—–')
_RELATIVE = frozenset(
    [
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "qui",
        "que",
        "quien",
        "quienes",
        "cual",
        "der",
        "die",
        "das",
        "welcher",
        "welche",
        "che",
        "cui",
    ]
)
_POSTNOMINAL = frozenset({"fr", "es", "it", "pt", "ro", "ca"})


def strip_titles(tk: Tokens, start: int, end: int) -> tuple[int, str | None, str | None]:
    """``(new start, stripped title text, honorific gender)`` for a person span.

    Everything up to the last honorific or role head among the leading words goes; the last
    word always stays (it is the name).
    """
    cut = start
    gender: str | None = None
    for i in range(start, end - 1):
        folded = tk.lower[i]
        if folded in HONORIFICS:
            cut = i + 1
            gender = HONORIFICS[folded] or gender
        elif is_head(folded):
            cut = i + 1
        elif not (tk.capitalised(i) or folded in MODIFIERS or folded in CONNECTORS or tk.text[i] == "-"):
            break
    if cut == start:
        return start, None, None
    return cut, tk.span(start, cut), gender


def role_before(tk: Tokens, start: int, lang: str | None, taken: set[int]) -> tuple[int, str | None]:
    """``(first token, role text)`` of the role phrase ending right before token ``start``.

    ``taken`` holds the tokens of other names, which a role never crosses. In languages whose
    adjectives follow the noun (French, Spanish, Italian, Portuguese) lower-case words between
    the head and the name are allowed ("le président russe, ...").
    """
    j = start - 1
    if j >= 0 and tk.text[j] == ",":
        j -= 1
    sent_start = tk.sent_start(start)
    postnominal = (lang or "").split("-")[0] in _POSTNOMINAL
    picked: list[int] = []
    head_seen = False
    while j >= sent_start and len(picked) < _MAX_ROLE and j not in taken:
        folded, word = tk.lower[j], tk.text[j]
        if is_head(folded):
            head_seen = True
        elif (
            folded in HONORIFICS
            or word == "-"
            or (j + 1 < len(tk) and tk.text[j + 1] == "-" and not tk.spaced(j))
            or (folded in CONNECTORS and picked)
            or folded in MODIFIERS
            or (tk.capitalised(j) and not tk.stop[j] and word not in _STOP_PUNCT)
            or (postnominal and not head_seen and tk.alpha[j] and word.islower() and not tk.stop[j])
        ):
            pass
        else:
            break
        picked.append(j)
        j -= 1
    picked.reverse()
    while picked and (tk.lower[picked[0]] in CONNECTORS or tk.stop[picked[0]] or tk.text[picked[0]] == "-"):
        picked.pop(0)
    if not picked or not any(is_head(tk.lower[i]) for i in picked):
        return start, None
    return picked[0], tk.span(picked[0], picked[-1] + 1)


def role_after(tk: Tokens, end: int) -> str | None:
    """An appositive role right after a name: ", [the] HEAD ... ," within the sentence."""
    if end >= len(tk) or tk.text[end] != ",":
        return None
    sent_end = tk.sent_end(end - 1)
    k = end + 1
    while k < sent_end and tk.lower[k] in DETERMINERS:
        k += 1
    first = k
    head_at = None
    while k < sent_end and k - first < 4:
        folded = tk.lower[k]
        if is_head(folded):
            head_at = k
            break
        if not (folded in MODIFIERS or tk.capitalised(k) or tk.text[k] in {"'s", "’s", "-"}):
            return None
        k += 1
    if head_at is None:
        return None
    k = head_at + 1
    while k < sent_end and k - first < 12 and tk.text[k] not in _STOP_PUNCT and tk.lower[k] not in _RELATIVE:
        k += 1
    return tk.span(first, k)
