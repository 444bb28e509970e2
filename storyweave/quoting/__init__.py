"""Quote finding and speaker resolution, used by :mod:`storyweave.stages.quotes`.

- :mod:`.marks` pairs quotation marks (every common style, quotes running over paragraphs);
- :mod:`.lexicon` holds the reporting verbs, role nouns and pronouns per language;
- :mod:`.mentions` finds the people (and organisations) an article names and resolves a
  speaker mention (name, pronoun, role phrase) to the fullest name in the article;
- :mod:`.attribution` finds direct, partial and indirect quotes with their cue and speaker.
"""
