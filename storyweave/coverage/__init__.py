"""Coverage comparison of one event or storyline: what each outlet reported, quoted, spelled and how it framed it.

:mod:`storyweave.stages.compare` is the entry point; the modules here are its parts: ``model`` (the plain inputs
and the frozen report records), ``figures`` (numbers, money and percentages in text), ``units`` (content units:
clauses with their figures and entities), ``facts`` (aligning units across articles into facts), ``claims``
(reported claims as arguments, contents and content words), ``anchors`` (figures and days aligned on their own,
figures that disagree), ``framing`` (descriptors of key actors, attribution habits), ``tables`` (quotes,
spellings, sources), ``render`` (terminal tables), ``charts`` (matplotlib pictures for the report) and
``gather`` (building the inputs from a store).
"""
