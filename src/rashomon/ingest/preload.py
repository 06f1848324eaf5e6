"""Imported by the ``--workers`` fork server before it forks any worker: loads the default
knowledge pack and warms extraction (gazetteer, trigger lexicon, tokenizer) once, so every
worker starts with them in memory instead of spending seconds loading its own copy.

A run with another pack still works: its workers load that pack on their first batch. So does
a run where this warm-up fails (the fork server only forgives ImportError in a preload module,
so nothing may escape from here): the workers then load everything themselves.

The fork server also asks to be killed when the driver dies (``die_with_parent``).
"""

from rashomon.ingest.parallel import die_with_parent, register, warm
from rashomon.packs import load_pack

die_with_parent()  # this module runs in the fork server: it must not outlive the driver

try:
    warm(register(load_pack()))
except Exception:  # noqa: BLE001 (see the module docstring)
    pass
