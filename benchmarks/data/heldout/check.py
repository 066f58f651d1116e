#!/usr/bin/env python3
"""Validate the held-out matching evaluation set (offers.jsonl, needs.jsonl, qrels.tsv).

Run: python3 benchmarks/data/heldout/check.py
Exits non-zero if any check fails. This set is for reporting only, never for tuning.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))

CATEGORIES = {"energy", "mobility", "finance", "care", "housing", "food", "circular",
              "community", "digital", "legal_admin", "insurance"}
OFFER_TYPES = {"product", "service", "loan", "grant", "subscription", "advice"}
KINDS = {"energy_coop", "care_coop", "housing_coop", "neighbourhood_enterprise",
         "village_association", "resident_initiative", "food_coop", "repair_cafe", "other"}
PROVINCES = {"Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
             "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"}
LANGS = {"nl", "en"}
OFFER_KEYS = {"id", "title", "description", "category", "offer_type", "regions", "language",
              "eligible", "price_note"}
NEED_KEYS = {"id", "title", "description", "category", "region", "language",
             "initiative_kind", "budget_note"}

errors = []


def err(msg):
    errors.append(msg)


def load_jsonl(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{name}:{ln}: invalid JSON ({e})")
    return rows


offers = load_jsonl("offers.jsonl")
needs = load_jsonl("needs.jsonl")

offer_by_id = {}
for o in offers:
    if set(o) != OFFER_KEYS:
        err(f"offer {o.get('id')}: keys {sorted(set(o) ^ OFFER_KEYS)} differ")
    if o.get("id") in offer_by_id:
        err(f"duplicate offer id {o.get('id')}")
    offer_by_id[o.get("id")] = o
    if o.get("category") not in CATEGORIES:
        err(f"offer {o['id']}: bad category {o.get('category')}")
    if o.get("offer_type") not in OFFER_TYPES:
        err(f"offer {o['id']}: bad offer_type {o.get('offer_type')}")
    if o.get("language") not in LANGS:
        err(f"offer {o['id']}: bad language {o.get('language')}")
    regions = o.get("regions")
    if not isinstance(regions, list) or not regions:
        err(f"offer {o['id']}: regions must be a non-empty list")
    elif regions != ["national"] and not all(r in PROVINCES for r in regions):
        err(f"offer {o['id']}: bad regions {regions}")
    for k in ("title", "description"):
        if not str(o.get(k, "")).strip():
            err(f"offer {o['id']}: empty {k}")

need_by_id = {}
for n in needs:
    if set(n) != NEED_KEYS:
        err(f"need {n.get('id')}: keys {sorted(set(n) ^ NEED_KEYS)} differ")
    if n.get("id") in need_by_id:
        err(f"duplicate need id {n.get('id')}")
    need_by_id[n.get("id")] = n
    if n.get("category") not in CATEGORIES:
        err(f"need {n['id']}: bad category {n.get('category')}")
    if n.get("region") not in PROVINCES:
        err(f"need {n['id']}: bad region {n.get('region')}")
    if n.get("language") not in LANGS:
        err(f"need {n['id']}: bad language {n.get('language')}")
    if n.get("initiative_kind") not in KINDS:
        err(f"need {n['id']}: bad initiative_kind {n.get('initiative_kind')}")
    for k in ("title", "description"):
        if not str(n.get(k, "")).strip():
            err(f"need {n['id']}: empty {k}")

qrels = {}
with open(os.path.join(HERE, "qrels.tsv"), encoding="utf-8") as f:
    for ln, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line:
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            err(f"qrels.tsv:{ln}: expected 3 tab-separated fields")
            continue
        nid, oid, g = parts
        if nid not in need_by_id:
            err(f"qrels.tsv:{ln}: unknown need {nid}")
        if oid not in offer_by_id:
            err(f"qrels.tsv:{ln}: unknown offer {oid}")
        if g not in ("1", "2"):
            err(f"qrels.tsv:{ln}: grade must be 1 or 2, got {g!r}")
            continue
        if (nid, oid) in qrels:
            err(f"qrels.tsv:{ln}: duplicate pair {nid} {oid}")
        qrels[(nid, oid)] = int(g)

g2 = [p for p, g in qrels.items() if g == 2]
g1 = [p for p, g in qrels.items() if g == 1]
for nid in need_by_id:
    if not any(p[0] == nid for p in g2):
        err(f"need {nid} has no grade-2 offer")

# Grade 2 requires the offer to be available in the need's province.
for nid, oid in g2:
    if nid in need_by_id and oid in offer_by_id:
        regs = offer_by_id[oid]["regions"]
        if regs != ["national"] and need_by_id[nid]["region"] not in regs:
            err(f"grade-2 pair {nid} {oid}: offer regions {regs} exclude {need_by_id[nid]['region']}")

cross = [p for p in g2 if p[0] in need_by_id and p[1] in offer_by_id
         and need_by_id[p[0]]["language"] != offer_by_id[p[1]]["language"]]
cross_share = len(cross) / len(g2) if g2 else 0.0
if cross_share < 1 / 3:
    err(f"cross-language share of grade-2 pairs is {cross_share:.2f} < 1/3")

if len(offers) < 64:
    err(f"only {len(offers)} offers (need >= 64)")
if len(needs) < 44:
    err(f"only {len(needs)} needs (need >= 44)")

judged_offers = {p[1] for p in qrels}
distractors = sorted(set(offer_by_id) - judged_offers)
per_need_g2 = Counter(p[0] for p in g2)

print(f"offers: {len(offers)}  (languages {dict(Counter(o['language'] for o in offers))})")
print(f"needs:  {len(needs)}  (languages {dict(Counter(n['language'] for n in needs))})")
print(f"judged pairs: {len(qrels)}  grade-2: {len(g2)}  grade-1: {len(g1)}")
print(f"cross-language grade-2: {len(cross)}/{len(g2)} = {cross_share:.1%}")
print(f"grade-2 per need: min {min(per_need_g2.values())}, max {max(per_need_g2.values())}")
print(f"offer categories: {dict(Counter(o['category'] for o in offers))}")
print(f"offer types: {dict(Counter(o['offer_type'] for o in offers))}")
wrong_region_g1 = sum(1 for (nid, oid) in g1 if offer_by_id[oid]["regions"] != ["national"]
                      and need_by_id[nid]["region"] not in offer_by_id[oid]["regions"])
print(f"grade-1 pairs where the offer's region excludes the need's province: {wrong_region_g1}")
print(f"region-bound offers: {sum(o['regions'] != ['national'] for o in offers)}")
print(f"offers judged for no need (distractors): {len(distractors)} {distractors}")

if errors:
    print(f"\n{len(errors)} problem(s):")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("\nOK")
