"""How longarm names things: folded keys of words and people's names, countries, and codes as people read them.

`folding` turns text into matching keys (accents, apostrophes, transliterations, Arabic
letter variants); `people` decides whether two names can be one person; `countries`
turns ISO codes into names and names into codes; `labels` turns the vocabularies' codes
into words. Extraction, linking, search, the web, exports and reports all read them here.
"""
