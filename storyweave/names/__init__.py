"""Name analysis that the entity stages share: transliteration-aware keys, surname morphology,
given-name variants, titles and roles, organisation names and acronyms, a rule-based proper-name finder.

Everything here is language data and string rules that work on any name; nothing is keyed to a
particular person or organisation.
"""
