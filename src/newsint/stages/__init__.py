"""One module per stage. Each stage takes a batch of Work items and fills fields in place.

Stage modules are imported only when a pipeline asks for them, so `newsint --help` and the
readers stay fast and a stage's heavy dependencies load only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsint.stages.base import Resources, Stage, StageFactory


def _clean(resources: Resources) -> Stage:
    from newsint.stages.clean import CleanStage

    return CleanStage(resources.config.clean)


def _language(resources: Resources) -> Stage:
    from newsint.stages.language.stage import LanguageStage

    return LanguageStage(resources.config.language)


def _nlp(resources: Resources) -> Stage:
    from newsint.stages.nlp import NlpStage

    return NlpStage(resources)


def _entities(resources: Resources) -> Stage:
    from newsint.stages.entities.stage import EntitiesStage

    return EntitiesStage(resources)


def _time(resources: Resources) -> Stage:
    from newsint.stages.time.stage import TimeStage

    return TimeStage(resources)


def _factuality(resources: Resources) -> Stage:
    from newsint.stages.factuality.stage import FactualityStage

    return FactualityStage(resources)


def _events(resources: Resources) -> Stage:
    from newsint.stages.events.stage import EventsStage

    return EventsStage(resources)


def _claims(resources: Resources) -> Stage:
    from newsint.stages.claims.stage import ClaimsStage

    return ClaimsStage(resources.config.claims)


def _grade(resources: Resources) -> Stage:
    from newsint.stages.grade import GradeStage

    return GradeStage(resources.config.grade)


def _features(resources: Resources) -> Stage:
    from newsint.stages.features.stage import FeaturesStage

    return FeaturesStage(resources)


def registry() -> dict[str, StageFactory]:
    """Stage name -> factory, in the order a full pipeline runs them."""
    return {
        "clean": _clean,
        "language": _language,
        "nlp": _nlp,
        "entities": _entities,
        "time": _time,
        "factuality": _factuality,
        "claims": _claims,
        "grade": _grade,
        "events": _events,
        "features": _features,
    }
