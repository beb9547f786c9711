"""The domain knowledge as data: agencies, governments, ministries, companies, launchers, sites,
missions, spacecraft, instruments, offices and cities, with their aliases, read from YAML files
packaged under `data/` plus any file a user adds."""

from spacecoop.knowledge.loader import KnowledgeError, load_knowledge
from spacecoop.knowledge.normalise import is_short_acronym, normalise_alias
from spacecoop.knowledge.records import ENTITY_TYPES, Knowledge, KnownEntity

__all__ = [
    "ENTITY_TYPES",
    "Knowledge",
    "KnowledgeError",
    "KnownEntity",
    "is_short_acronym",
    "load_knowledge",
    "normalise_alias",
]
