"""How the evaluation slices come out through the real pipeline: leak-site posts ingested, catalogue imported.

    python tools/measure_sources.py [--eval ../shared/eval]

Ingests ``ransomware_posts_slice.json`` (84 leak-site posts) with the ransomware-posts connector into a fresh
database, imports ``catalogue_slice.json`` (36 catalogue breaches), clusters, and prints: items, documents,
incidents, how many posts got a victim, an actor known to our gazetteer and the ransomware claim type, the
incidents with several posts, and the probable re-posts found against the catalogue. It also ingests the
catalogue descriptions as posts (files connector on a JSON list) to check that each finds its own breach.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "eval")
    args = parser.parse_args()

    from breachlens.assess.incidents import victim_key
    from breachlens.catalogue import read_catalogue
    from breachlens.extract.actors import known_actor
    from breachlens.ingest import ingest, rebuild_incidents
    from breachlens.store import Store

    posts = args.eval / "ransomware_posts_slice.json"
    catalogue = args.eval / "catalogue_slice.json"
    with tempfile.TemporaryDirectory() as home:
        with Store(f"sqlite:///{home}/m.db") as store:
            report = ingest(str(posts), store, kind="ransomware-posts", source="ransomware.live slice")
            breaches, problems = read_catalogue(catalogue)
            store.import_breaches(breaches, [victim_key(b.title, b.domain) for b in breaches])
            rebuilt = rebuild_incidents(store)
            claims = [c.claim for c in store.claims_for_clustering()]
            incidents = [i.incident for i in store.incidents(limit=None)]
        groups = Counter(json.loads(posts.read_text())["records"][i]["group_name"] for i in range(report.items))
        known = sum(1 for g in groups.elements() if known_actor(g))
        print(f"leak-site posts: {report.items} items, {report.new_documents} documents, {len(report.failed)} failed")
        print(f"  victim named: {sum(1 for c in claims if c.victim and c.victim.name)}/{len(claims)}; "
              f"claim type ransomware: {sum(1 for c in claims if c.claim_type == 'ransomware')}/{len(claims)}; "
              f"group known to the actor gazetteer: {known}/{report.items} ({len(groups)} groups)")
        print(f"  incidents: {rebuilt.incidents} ({sum(1 for i in incidents if len(i.claim_ids) > 1)} with several "
              f"posts); probable re-posts of catalogue breaches: {rebuilt.reposts}")
        print(f"catalogue: {len(breaches)} breaches imported, {len(problems)} skipped")

    with tempfile.TemporaryDirectory() as home:
        records = json.loads(catalogue.read_text())["records"]
        posts_file = Path(home) / "descriptions.json"
        posts_file.write_text(json.dumps([{"text": r["Description"], "url": f"catalogue:{r['Name']}"}
                                          for r in records]), encoding="utf-8")
        with Store(f"sqlite:///{home}/c.db") as store:
            store.import_breaches(breaches, [victim_key(b.title, b.domain) for b in breaches])
            ingest(str(posts_file), store, kind="files", source="catalogue descriptions")
            rebuild_incidents(store)
            incidents = [i.incident for i in store.incidents(limit=None)]
        own = 0
        for incident in incidents:
            names = {m.breach for m in (incident.novelty.matches if incident.novelty else [])}
            urls = {s.url.split(":", 1)[1] for s in incident.sightings if s.url and s.url.startswith("catalogue:")}
            own += bool(names & urls)
        print(f"catalogue descriptions as posts: {len(records)} texts -> {len(incidents)} incidents; "
              f"{sum(1 for i in incidents if i.novelty and i.novelty.status == 'repost')} flagged as re-posts, "
              f"{own} matched to their own breach")


if __name__ == "__main__":
    main()
