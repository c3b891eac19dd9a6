# ruff: noqa: E501  (article texts are prose, one paragraph a line)
"""Our own invented articles and helpers to turn them into ArticleFeatures without spaCy."""

from __future__ import annotations

from handmade import Did, Said, When, article
from newsint.config import default_config
from newsint.model import Analysis, stable_id
from newsint.stages.features.extract import extract_features
from newsint.stages.features.record import ArticleFeatures

ORIGINAL = """\
Inspectors at the Port of Valmora seized 3,200 crates of counterfeit vaccines on Sunday, according to a customs memo obtained by Harbor Wire Service.

The memo says the crates arrived aboard the freighter Silent Heron from the free port of Dastrel and were labelled as veterinary supplies.

Customs chief Odile Ferrand told Harbor Wire Service that the seizure was "the largest of its kind we have ever made at this port."

Investigators believe the shipment was worth about 14.5 million euros and was bound for clinics in three neighbouring countries.

The shipping agent, Marlow Brant Logistics, said in a statement that it "had no knowledge of the true contents of the containers."

Harbor Wire Service could not independently verify the memo, but two customs officials confirmed its authenticity.

According to the memo, the Silent Heron had switched off its tracking beacon for 41 hours before it docked at Valmora.

The health ministry warned that counterfeit vaccines "can do real harm to patients who trust them" and urged clinics to check their stock.

Police arrested two crew members on Monday and a court in Valmora will hear the case on 14 March.

The European Medicines Agency said it was in contact with the authorities in Valmora and would publish guidance this week.
"""

# the same text with a credit line the syndicating site added
SYNDICATED = ORIGINAL + "\nThis story was provided by Harbor Wire Service.\n"

# a rewrite: synonyms swapped, clauses moved, quotes and numbers kept, credit given to the wrong
# agency (Reuters never reported it)
SPIN = """\
Port inspectors in Valmora confiscated 3,200 boxes of fake vaccines on Sunday, a customs document obtained by Reuters shows.

According to the document, the boxes came on board the cargo ship Silent Heron from the free port of Dastrel, labelled as supplies for veterinarians.

The seizure was "the largest of its kind we have ever made at this port," customs head Odile Ferrand said.

The consignment, which investigators value at roughly 14.5 million euros, was heading for clinics in three nearby countries.

In a statement, shipping agent Marlow Brant Logistics insisted it "had no knowledge of the true contents of the containers."

Reuters was unable to verify the document independently, although two customs officers confirmed it was genuine.

The Silent Heron had turned off its tracking beacon for 41 hours before docking at Valmora, the document says.

Counterfeit vaccines "can do real harm to patients who trust them," the health ministry warned, urging clinics to inspect their stock.

Two crew members were arrested by police on Monday, and a Valmora court will hear the case on 14 March.

The European Medicines Agency said it was in touch with the Valmora authorities and would issue guidance this week.
"""

DERIVATIVE = """\
Counterfeit vaccines have turned up in Valmora, according to Harbor Wire Service, which reported that customs officers seized 3,200 crates from the freighter Silent Heron.

The discovery adds to growing worries in the region about fake medicines sold through online pharmacies.

Pharmacists in the capital said on Tuesday that they had received several warnings this month and were checking deliveries more carefully than before.

A spokesman for the national pharmacists' association said members should report any suspicious packaging to the health ministry at once.

Last year the association counted more than 200 reports of suspect medicines, most of them sold online to patients without prescriptions.
"""

UNRELATED_SAME_TOPIC = """\
Customs officers at Brennhaven airport found 600 boxes of fake slimming pills in passenger luggage on Thursday, the airport authority said.

The pills, packed in suitcases belonging to two travellers from Ostrava, contained an undeclared stimulant, according to laboratory tests.

Airport director Halvard Tenne said screening would be tightened during the holiday season.

The two travellers were released after questioning and will face fines of up to 8,000 crowns each.

Health officials warned that slimming pills bought abroad "often contain substances that are banned here for good reasons."
"""

FOOTBALL = """\
Rovers beat Albion 3-1 at Kestle Park on Saturday to move top of the northern league table.

Striker Jonah Pelle scored twice in the first half before Albion pulled one back through a penalty from captain Ruud Vos.

Substitute Timo Grale sealed the win with a header in the 88th minute, his first goal since returning from injury.

Manager Carla Oddny said her team had "played with courage and patience" and deserved the points.
"""


def analysis(
    text: str,
    *,
    site: str | None,
    published: str | None,
    title: str | None = None,
    author: str | None = None,
    url: str | None = None,
    entities: list[tuple[str, str]] | None = None,
    claims: list[dict] | None = None,
    events: list[dict] | None = None,
) -> Analysis:
    """A hand-built Analysis (handmade.article): clean text, metadata and (optionally)
    entities known by name, claims ({"content", "chain": [(kind, name)], "status",
    "polarity"}) and events ({"trigger", "type", "actor", "target", "time": (value,
    granularity, first day, last day)})."""
    url = url or (f"https://{site}/{stable_id('u', text)[2:]}" if site else None)
    times = [
        When(e["trigger"], e["time"][0], e["time"][1], range=(e["time"][2], e["time"][3]))
        for e in events or []
        if e.get("time")
    ]
    return article(
        text,
        url=url,
        site=site,
        published=published,
        title=title,
        author=author,
        names=entities or [],
        mentioned=False,
        claims=[
            Said(
                c["content"],
                chain=list(c.get("chain", [])),
                status=c.get("status", "asserted"),
                polarity=c.get("polarity", "positive"),
            )
            for c in claims or []
        ],
        times=times,
        events=[
            Did(
                e["trigger"],
                e["type"],
                actor=e.get("actor"),
                target=e.get("target"),
                time=e["trigger"] if e.get("time") else None,
            )
            for e in events or []
        ],
    )


def features(text: str, **kwargs) -> ArticleFeatures:
    return extract_features(analysis(text, **kwargs), default_config())


# an independent report of the same seizure: own reporting, own sources, different words
INDEPENDENT = """\
Valmora, 2 March - Customs officers at the Port of Valmora discovered a large consignment of counterfeit vaccines aboard the freighter Silent Heron at the weekend, the port authority confirmed on Monday.

Port authority spokesman Jonas Mirel said the freighter Silent Heron carried 3,200 crates of counterfeit vaccines hidden among veterinary goods.

Mirel said the vessel had sailed from Dastrel and that the case had been handed to prosecutors in Valmora.

Marlow Brant Logistics, the agent that booked the cargo, has hired lawyers and declined to comment further.

Doctors' groups in Valmora called for tighter checks on imported medicines after the discovery.
"""

# the shipping agent's side, published later: it denies the central claim
DENIAL = """\
Marlow Brant Logistics on Wednesday rejected reports about the freighter Silent Heron in Valmora.

In a statement the company denied that the freighter Silent Heron carried 3,200 crates of counterfeit vaccines and said the cargo was ordinary veterinary supplies.

The company said it would cooperate fully with the customs investigation in Valmora and the prosecutors.
"""
