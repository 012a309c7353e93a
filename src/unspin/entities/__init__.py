"""Named entities: people, organisations and places, each under one canonical name.

`ner` finds raw mentions (spaCy for English, natasha for Russian), `resolve` tidies them and
names each after its entity using the alias table (`aliases`, `aliases.tsv`) and the keys of
`fold`. `nlp` holds the one English spaCy pipeline and shares its Docs with other components.
The article-level component is `unspin.components.entities.Entities`.
"""
