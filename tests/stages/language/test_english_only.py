"""English-only stages skip articles in other languages, with a note (issue 21): English NER on
German text makes "Kiel" a person. The article still reaches copies and stories through the
language-free stages. Fictional texts written for these tests."""

from __future__ import annotations

from importlib import import_module

import pytest

from handmade import StubStage, article
from newsint.config import default_config
from newsint.stages import registry
from newsint.stages.base import SKIPPED_NOTE, Resources, Work, is_english_only, runs_on

GERMAN = (
    "Fähre nach Bornholm fällt aus\n\n"
    "KIEL – Die Wasserschutzpolizei in Kiel hat am Dienstag die Fähre Nordstern festgesetzt, "
    "nachdem Kontrolleure Risse an der Bugklappe gefunden hatten. Rund 300 Fahrgäste mussten "
    "in Kiel auf einen Bus umsteigen, teilte die Reederei Baltlink mit.\n\n"
    "Ein Sprecher von Baltlink sagte, die Reparatur werde mindestens zwei Wochen dauern. Die "
    "Verbindung nach Rønne werde bis zum 18. März mit einem gecharterten Schiff bedient."
)
ENGLISH = (
    "Ferry to Bornholm cancelled\n\n"
    "Police in Kiel detained the ferry Nordstern on Tuesday after inspectors found cracks in its "
    "bow door, the operator Baltlink said. About 300 passengers were moved to a coach.\n\n"
    "Anna Brandt, a spokeswoman for Baltlink, said repairs would take at least two weeks."
)
ENGLISH_ONLY = {"nlp", "entities", "time", "factuality", "claims", "events"}


class Recorder(StubStage):
    """A stage that records which articles it was given."""

    name = "recorder"

    def __init__(self, name: str, english_only: bool) -> None:
        self.name = name
        self.english_only = english_only
        self.seen: list[str] = []

    def __call__(self, batch: list[Work]) -> None:
        self.seen += [w.analysis.article.id for w in batch]


def test_an_english_only_stage_runs_on_english_articles_and_notes_the_rest() -> None:
    de, en, fr = article(GERMAN), article(ENGLISH), article("Le ferry est annulé.")
    de.article.language, fr.article.language = "de", "fr"
    batch = [Work(de), Work(en), Work(fr)]
    english = frozenset(default_config().language.english)
    assert runs_on(Recorder("any", english_only=False), batch, english) == batch
    for name in ("nlp", "entities"):
        assert runs_on(Recorder(name, english_only=True), batch, english) == [batch[1]]
    assert de.article.found[SKIPPED_NOTE] == (
        "nlp, entities: English-only stages, not run on text in 'de'"
    )
    assert fr.article.found[SKIPPED_NOTE].endswith("in 'fr'")
    assert SKIPPED_NOTE not in en.article.found


@pytest.mark.parametrize("name", list(registry()))
def test_which_stages_are_english_only(name: str) -> None:
    classes = {
        "clean": "newsint.stages.clean:CleanStage",
        "language": "newsint.stages.language.stage:LanguageStage",
        "nlp": "newsint.stages.nlp:NlpStage",
        "entities": "newsint.stages.entities.stage:EntitiesStage",
        "time": "newsint.stages.time.stage:TimeStage",
        "factuality": "newsint.stages.factuality.stage:FactualityStage",
        "claims": "newsint.stages.claims.stage:ClaimsStage",
        "grade": "newsint.stages.grade:GradeStage",
        "events": "newsint.stages.events.stage:EventsStage",
        "features": "newsint.stages.features.stage:FeaturesStage",
    }
    path, _, cls = classes[name].partition(":")
    stage = getattr(import_module(path), cls)
    assert is_english_only(stage) == (name in ENGLISH_ONLY)


def test_a_german_article_gets_no_english_entities_but_keeps_its_names(
    resources: Resources,
) -> None:
    from newsint.pipeline import Pipeline
    from newsint.readers import read_bytes
    from newsint.stages.features.record import decode

    config = resources.config
    stages = [*config.pipeline.stages, "features"]
    pipeline = Pipeline(config, stages=stages, resources=resources)
    items = [
        next(iter(read_bytes(text.encode(), f"{lang}.txt", ".txt", config)))
        for lang, text in (("de", GERMAN), ("en", ENGLISH))
    ]
    de, en = pipeline.run_work(items)  # type: ignore[arg-type]
    german, english = de.analysis, en.analysis
    assert german.article.language == "de" and english.article.language == "en"
    assert german.entities == [] and german.claims == [] and german.events == []
    assert not any(e.name == "Kiel" and e.type == "PERSON" for e in german.entities)
    note = german.article.found[SKIPPED_NOTE]
    assert note.startswith("nlp, entities, time, factuality, claims, events: English-only")
    # the English article in the same batch is analysed as before
    assert any(e.name == "Kiel" and e.type in {"GPE", "LOC"} for e in english.entities)
    assert SKIPPED_NOTE not in english.article.found
    # the German article still carries names and numbers for copies and stories
    assert de.features is not None
    features = decode(de.features)
    assert {"Kiel", "Bornholm", "Rønne"} <= {e.name for e in features.entities}
    assert features.language == "de"
