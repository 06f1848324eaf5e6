"""Imported by the ``--workers`` fork server before it forks any worker: loads the default
knowledge pack and warms extraction (gazetteer, trigger lexicon, tokenizer) once, so every
worker starts with them in memory instead of spending seconds loading its own copy.

A run with another pack still works: its workers load that pack on their first batch.
"""

from rashomon.ingest.parallel import PackRef, register, warm
from rashomon.packs import load_pack

_ref = register(load_pack())
warm(_ref)
