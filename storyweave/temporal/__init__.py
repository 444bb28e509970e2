"""Temporal expressions in news text: detection, normalisation against the publication day, inference.

One concern per module, in the order the dates stage uses them:

- :mod:`~storyweave.temporal.lexicon` - the time-word table type and English; :mod:`~.languages` French,
  German, Spanish; :mod:`~.locales` any other language from dateparser's locale data;
- :mod:`~storyweave.temporal.grammar` - the rules that find expressions (run around their trigger words);
  :mod:`~.builders` turn a match into a :mod:`~.spec` ``Spec``, what the expression means;
- :mod:`~storyweave.temporal.context` - sentences, quotations and tense cues around a mention;
- :mod:`~storyweave.temporal.anchor` - the reference date (full, partial or absent) and calendar arithmetic;
- :mod:`~storyweave.temporal.resolve` - a ``Spec`` plus an anchor and a tense becomes a TIMEX3 value, with the
  reason why; :mod:`~.mentions` (``find_dates``) puts it together over a text;
- :mod:`~storyweave.temporal.statements` - dated event statements (clause, date, actors, background or news);
- :mod:`~storyweave.temporal.infer` - a publication date inferred from the text or from related articles.
"""
