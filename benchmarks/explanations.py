"""Explanations and the shown bar on the seeded demo: figures before and after, both directions.

    rm -f /tmp/demo.sqlite3; export DATABASE_URL=sqlite:////tmp/demo.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo
    .venv/bin/python benchmarks/explanations.py

Ranks every published need's offers and every published offer's needs with the production
pipeline (the stored demo vectors, the active ranker) and prints, for the top 3 of each list:

- how many highlighted pairs are the title (offer side, need side): before (the padded top 3
  and the plain best sentence pair) and after (the shown top 3, titles and fragments skipped);
- how many listings get at least one item above the calibrated bar (the demo still shows
  recommendations), how many of the padded top-3 leads were below it;
- "why no good match": lines before (three groups of any near miss, for needs under the old
  score bar of 4.0) and after (only relevant near misses one rule away);
- budget claims of a price against a money or volunteers need, before and after.

Reads only: nothing is recorded.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()

    from marketplace.models import Need, Offer
    from matching import explain, ranking, services
    from matching.text import parse_prices
    from semantic.encoders import get_encoder

    encoder = get_encoder()
    ranker = services.active_ranker()
    figures: Counter = Counter()
    for direction, kind, other_kind in (
        (ranking.OFFERS_FOR_NEED, Need, "offer"),
        (ranking.NEEDS_FOR_OFFER, Offer, "need"),
    ):
        pool, by_id, stored = services.listing_pool(other_kind, encoder)
        records = {r.id: r for r in pool.records}
        listings = services.listings_with_related(
            kind, list(kind.objects.filter(status="published").values_list("pk", flat=True))
        )
        own_rows = services.embeddings_for(listings, encoder=encoder)
        curve = services.calibration_for(ranker.version, direction)
        rank = (
            ranking.rank_offers_for_need
            if direction == ranking.OFFERS_FOR_NEED
            else ranking.rank_needs_for_offer
        )
        side = "needs" if direction == ranking.OFFERS_FOR_NEED else "offers"
        for listing in listings:
            record = services.need_record(listing) if kind is Need else services.offer_record(listing)
            query = services._query_embedding(listing, record, encoder)
            result = rank(record, pool, query=query, ranker=ranker,
                          options=ranking.RankingOptions(limit=10))
            best = result.items[0].score if result.items else None
            shown = [item for item in result.items if curve.shown(item.score, best)]
            figures[f"{side}"] += 1
            figures[f"{side} with an item above the bar"] += bool(shown)
            figures[f"{side}: items shown"] += len(shown)
            for item in shown:
                figures[f"{side}: shown {curve.strength(curve.probability(item.score, best))}"] += 1
            figures[f"{side}: padded top-3 items below the bar"] += sum(
                not curve.shown(item.score, best) for item in result.items[:3]
            )
            own = own_rows[listing.pk].vector("sentences")
            for label, items, skip in (("before", result.items[:3], False),
                                       ("after", shown[:3], True)):
                for item in items:
                    other = records[item.id]
                    need_record, offer_record = (
                        (record, other) if kind is Need else (other, record)
                    )
                    other_vectors = stored[item.id].vector("sentences")
                    need_vectors, offer_vectors = (
                        (own, other_vectors) if kind is Need else (other_vectors, own)
                    )
                    pair = explain.best_sentence_pair(
                        need_record.text, offer_record.text, query_vectors=need_vectors,
                        candidate_vectors=offer_vectors, skip_titles=skip,
                    )
                    figures[f"{side} {label}: top-3 pairs"] += 1
                    if pair is not None:
                        figures[f"{side} {label}: need side is the title"] += (
                            pair.query.start < len(need_record.title)
                        )
                        figures[f"{side} {label}: offer side is the title"] += (
                            pair.candidate.start < len(offer_record.title)
                        )
                    # The old claim compared any price with any budget (not loans and grants).
                    old_claim = (
                        offer_record.offer_type not in ranking.MONEY_OFFER_TYPES
                        and need_record.need_type in ("money", "volunteers")
                        and ranking.budget_fit(ranking.need_budget(need_record),
                                               parse_prices(offer_record.price_text),
                                               offer_record.offer_type) > 0
                    )
                    if label == "before":
                        figures[f"{side} before: budget claimed against a money/volunteers need"] += bool(old_claim)
                    else:
                        codes = explain.explain_match(need_record, offer_record).codes
                        figures[f"{side} after: budget claimed against a money/volunteers need"] += (
                            "budget_fits" in codes
                            and need_record.need_type in ("money", "volunteers")
                        )
            relevant = services._relevant_near_miss(curve, result.degraded)
            if direction == ranking.OFFERS_FOR_NEED:
                if not explain.has_good_match(result.items):
                    old = explain.why_no_good_match(result.excluded, records, limit=3)
                    figures["needs before: without a good match (score < 4)"] += 1
                    figures["needs before: advice lines"] += len(old)
                    figures["needs before: advice lines about region"] += sum(
                        a["reason"] == "region" for a in old
                    )
                if not shown:
                    new = explain.why_no_good_match(result.excluded, records, is_relevant=relevant)
                    figures["needs after: without a shown item"] += 1
                    figures["needs after: advice lines"] += len(new)
                    if "--show-advice" in sys.argv:
                        for line in new:
                            titles = [records[i].title for i in line["offer_ids"]]
                            print(f"  {listing.title!r}: {line['reason']} -> {titles}")
            elif not shown:
                new = explain.why_no_good_lead(result.excluded, records, is_relevant=relevant)
                figures["offers after: without a shown lead"] += 1
                figures["offers after: advice lines"] += len(new)
    print(f"ranker {ranker.version}, encoder {encoder.name}")
    for name in sorted(figures):
        print(f"{name}: {figures[name]}")


if __name__ == "__main__":
    main()
