"""The pure ranking pipeline with fixed vectors: rules, features, rankers, directions."""

import datetime
import math

import numpy as np
import pytest

from matching.ranking import (
    DEFAULT_RANKER,
    FEATURES,
    LEXICAL_RANKER,
    Eligibility,
    LinearRanker,
    NeedRecord,
    OfferRecord,
    PoolEmbeddings,
    QueryEmbedding,
    RankingOptions,
    TrainingExample,
    build_pool,
    load_ranker,
    rank_needs_for_offer,
    rank_offers_for_need,
    rank_similar_needs,
    save_ranker,
    standardise_by_group,
    train_ranker,
)

DIM = 4
ALL = RankingOptions(candidates=None, excluded=None)
NOW = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


NEED_VECTOR = unit(1, 0, 0, 0)


def make_need(**overrides) -> NeedRecord:
    fields = {
        "id": "need",
        "title": "Solar panels for our school roof",
        "description": "Our energy cooperative wants solar panels on the school roof.",
        "theme": "energy",
        "need_type": "service",
        "province": "Utrecht",
        "initiative_kind": "energy_coop",
        "legal_form": "cooperatie_ua",
        "member_count": 20,
        "sdgs": frozenset({7, 13}),
        "budget_max": 5000.0,
        "language": "en",
        "organisation_id": "coop",
        "declined_ids": frozenset({"declined"}),
    }
    return NeedRecord(**(fields | overrides))


def make_offer(offer_id: str, **overrides) -> OfferRecord:
    fields = {
        "id": offer_id,
        "title": f"Offer {offer_id}",
        "description": "Solar panels installed on roofs.",
        "theme": "energy",
        "offer_type": "service",
        "national": True,
        "language": "en",
        "organisation_id": f"org-{offer_id}",
    }
    return OfferRecord(**(fields | overrides))


# id -> (offer, vector). The far-away offer is the closest in meaning: only the rules stop it.
OFFERS = {
    "local": (
        make_offer("local", national=False, regions=frozenset({"Utrecht"})),
        unit(1, 0.2, 0, 0),
    ),
    "national": (make_offer("national"), unit(1, 0.4, 0, 0)),
    "far": (make_offer("far", national=False, regions=frozenset({"Drenthe"})), unit(1, 0, 0, 0)),
    "kind": (
        make_offer("kind", eligibility=Eligibility(initiative_kinds=frozenset({"care_coop"}))),
        unit(1, 0.1, 0, 0),
    ),
    "members": (make_offer("members", eligibility=Eligibility(min_members=50)), unit(1, 0.1, 0, 0)),
    "legal": (
        make_offer("legal", eligibility=Eligibility(legal_forms=frozenset({"vve"}))),
        unit(1, 0.1, 0, 0),
    ),
    "own": (make_offer("own", organisation_id="coop"), unit(1, 0.1, 0, 0)),
    "declined": (make_offer("declined"), unit(1, 0.1, 0, 0)),
    "unpublished": (make_offer("unpublished", published=False), unit(1, 0.1, 0, 0)),
    "other": (
        make_offer("other", theme="care", description="Care at home for the elderly."),
        unit(0, 0, 1, 0),
    ),
}
EXPECTED_EXCLUSIONS = {
    "far": ("region",),
    "kind": ("initiative_kind",),
    "members": ("min_members",),
    "legal": ("legal_form",),
    "own": ("own",),
    "declined": ("declined",),
    "unpublished": ("unpublished",),
}


@pytest.fixture
def pool():
    records = [offer for offer, _ in OFFERS.values()]
    vectors = np.stack([vector for _, vector in OFFERS.values()])
    return build_pool(records, embeddings=PoolEmbeddings(model="fixed", vectors=vectors))


def query(vector=NEED_VECTOR, model="fixed", audience=None) -> QueryEmbedding:
    return QueryEmbedding(model=model, vector=vector, audience=audience)


def test_hard_rules_exclude_the_right_offers_with_the_right_reasons(pool):
    ranking = rank_offers_for_need(make_need(), pool, query=query(), options=ALL)

    assert {item.id for item in ranking.items} == {"local", "national", "other"}
    assert {item.id: item.excluded_by for item in ranking.excluded} == EXPECTED_EXCLUSIONS
    assert all(item.excluded_by == () for item in ranking.items)


def test_an_offer_broken_by_several_rules_lists_every_reason():
    offer = make_offer(
        "both",
        national=False,
        regions=frozenset({"Limburg"}),
        eligibility=Eligibility(min_members=100),
    )
    pool = build_pool([offer])

    ranking = rank_offers_for_need(make_need(), pool, options=ALL)

    assert ranking.items == []
    assert ranking.excluded[0].excluded_by == ("region", "min_members")


def test_a_decline_recorded_on_the_offer_side_also_excludes():
    offer = make_offer("x", declined_ids=frozenset({"need"}))

    ranking = rank_offers_for_need(make_need(), build_pool([offer]), options=ALL)

    assert ranking.excluded[0].excluded_by == ("declined",)


def test_default_ranker_puts_the_obvious_match_first(pool):
    ranking = rank_offers_for_need(make_need(), pool, query=query(), options=ALL)

    assert ranking.ids() == ["local", "national", "other"]
    assert ranking.ranker_version == DEFAULT_RANKER.version == "linear-v2"
    assert ranking.model == "fixed"
    assert not ranking.degraded


def test_features_of_a_candidate(pool):
    need = make_need()
    ranking = rank_offers_for_need(need, pool, query=query(), options=ALL)
    by_id = {item.id: item for item in ranking.items + ranking.excluded}

    local, national, other = by_id["local"], by_id["national"], by_id["other"]
    assert set(local.features) == set(FEATURES)
    assert local.features["region_fit"] == 1.0
    assert national.features["region_fit"] == 0.0
    assert by_id["far"].features["region_fit"] == -1.0
    assert local.features["theme_match"] == 1.0
    assert other.features["theme_match"] == 0.0
    assert local.features["type_fit"] == 1.0  # a service for a service need
    assert local.similarity == pytest.approx(float(NEED_VECTOR @ OFFERS["local"][1]))
    assert local.features["semantic"] > national.features["semantic"] > other.features["semantic"]
    # Unknown: no SDGs on offers, no price text, no publication date, no responsiveness.
    for name in ("sdg_overlap", "budget_fit", "freshness", "responsiveness", "audience_fit"):
        assert math.isnan(local.features[name]), name


def test_structured_features_sdgs_budget_freshness_responsiveness_type():
    offers = [
        make_offer(
            "fits",
            sdgs=frozenset({7, 11}),
            price_text="From €1,200 one-off",
            published_at=NOW - datetime.timedelta(days=180),
            responsiveness=0.8,
        ),
        make_offer("dear", price_text="€9.000", published_at=NOW),
        make_offer("loan", offer_type="loan", price_text="€500"),
    ]
    ranking = rank_offers_for_need(
        make_need(), build_pool(offers), options=RankingOptions(candidates=None, now=NOW)
    )
    features = {item.id: item.features for item in ranking.items}

    assert features["fits"]["sdg_overlap"] == pytest.approx(1 / 3)
    assert features["fits"]["budget_fit"] == 1.0
    assert features["dear"]["budget_fit"] == -1.0
    assert math.isnan(features["loan"]["budget_fit"])  # amounts of money offers are not prices
    assert features["fits"]["freshness"] == pytest.approx(0.5)
    assert features["dear"]["freshness"] == pytest.approx(1.0)
    assert features["fits"]["responsiveness"] == pytest.approx(0.8)
    assert features["loan"]["type_fit"] == 0.0
    money = rank_offers_for_need(make_need(need_type="money"), build_pool(offers), options=ALL)
    assert {i.id: i.features["type_fit"] for i in money.items} == {"fits": 0, "dear": 0, "loan": 1}


def test_audience_fit_reads_the_offers_profile_for_the_needs_kind():
    offers = [make_offer("a"), make_offer("b")]
    audience = np.full((2, 9), np.nan, dtype=np.float32)
    audience[0, 0] = 1.5  # energy_coop is the first kind
    embeddings = PoolEmbeddings(
        model="fixed", vectors=np.stack([NEED_VECTOR] * 2), audience=audience
    )

    ranking = rank_offers_for_need(
        make_need(), build_pool(offers, embeddings=embeddings), query=query(), options=ALL
    )

    assert ranking.ids() == ["a", "b"]
    features = {item.id: item.features["audience_fit"] for item in ranking.items}
    assert features["a"] == pytest.approx(1.5)
    assert math.isnan(features["b"])


def test_vectors_from_another_model_are_refused(pool):
    with pytest.raises(ValueError, match="re-embed"):
        rank_offers_for_need(make_need(), pool, query=query(model="other-model"))


def test_without_vectors_the_pipeline_degrades_to_lexical_and_structured(pool):
    ranking = rank_offers_for_need(make_need(), pool, query=None, options=ALL)

    assert ranking.degraded
    assert ranking.ranker_version == LEXICAL_RANKER.version
    assert {item.id: item.excluded_by for item in ranking.excluded} == EXPECTED_EXCLUSIONS
    assert ranking.ids()[0] == "local"
    assert all(math.isnan(item.features["semantic"]) for item in ranking.items)


def test_candidates_are_the_union_of_the_dense_and_lexical_top_k(pool):
    ranking = rank_offers_for_need(
        make_need(), pool, query=query(unit(0, 0, 1, 0)), options=RankingOptions(candidates=1)
    )

    # Dense top-1 is "other" (the query vector points at it); lexical top-1 an energy offer.
    ids = ranking.ids()
    assert "other" in ids
    assert 1 <= len(ids) <= 2


def test_limit_and_excluded_count(pool):
    ranking = rank_offers_for_need(
        make_need(), pool, query=query(), options=RankingOptions(limit=1, excluded=2)
    )

    assert ranking.ids() == ["local"]
    assert len(ranking.excluded) <= 4  # top-2 of each retriever among the excluded


def test_languages_are_standardised_separately():
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.4, 0.3, 0.2, 0.1])
    groups = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])

    z = standardise_by_group(scores, groups)

    # Same position within its language, same z-score, whatever the language's offset.
    assert z[0] == pytest.approx(z[5])
    assert z[4] == pytest.approx(z[9])
    pooled = standardise_by_group(scores, np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
    assert pooled[9] == pytest.approx((0.1 - scores.mean()) / scores.std())  # group too small


def test_leads_rank_needs_an_offer_may_serve():
    offer = make_offer(
        "loan",
        offer_type="loan",
        national=False,
        regions=frozenset({"Utrecht", "Gelderland"}),
        eligibility=Eligibility(initiative_kinds=frozenset({"energy_coop", "food_coop"})),
        organisation_id="bank",
    )
    needs = [
        make_need(id="money", need_type="money"),
        make_need(id="service", need_type="service", province="Gelderland"),
        make_need(id="elsewhere", province="Zeeland"),
        make_need(id="care", initiative_kind="care_coop"),
        make_need(id="own", organisation_id="bank"),
    ]
    vectors = np.stack([NEED_VECTOR] * len(needs))
    pool = build_pool(needs, embeddings=PoolEmbeddings(model="fixed", vectors=vectors))

    ranking = rank_needs_for_offer(offer, pool, query=query(), options=ALL)

    assert ranking.direction == "needs_for_offer"
    assert ranking.ids() == ["money", "service"]  # a loan fits a money need best
    assert {item.id: item.excluded_by for item in ranking.excluded} == {
        "elsewhere": ("region",),
        "care": ("initiative_kind",),
        "own": ("own",),
    }
    assert ranking.items[0].features["type_fit"] == 1.0
    assert ranking.items[0].features["region_fit"] == 1.0


def test_similar_needs_leave_out_the_need_itself_and_its_own_organisation():
    need = make_need()
    needs = [
        need,
        make_need(id="twin", organisation_id="other-coop"),
        make_need(id="sibling", organisation_id="coop"),
        make_need(id="far", organisation_id="third", province="Limburg", theme="care"),
    ]
    pool = build_pool(needs)

    ranking = rank_similar_needs(need, pool, options=ALL)

    assert ranking.ids() == ["twin", "far"]
    assert {item.id: item.excluded_by for item in ranking.excluded} == {
        "need": ("self", "own"),
        "sibling": ("own",),
    }
    assert ranking.items[0].features["region_fit"] == 1.0
    assert ranking.items[1].features["region_fit"] == 0.0


def test_a_pool_of_the_wrong_kind_is_refused(pool):
    with pytest.raises(ValueError, match="pool of needs"):
        rank_similar_needs(make_need(), pool)


def test_empty_pool():
    ranking = rank_offers_for_need(make_need(), build_pool([]))

    assert ranking.items == [] and ranking.excluded == []


# ---------------------------------------------------------------------------------------------
# The int8 candidate scan of large pools

PROVINCES = ("Utrecht", "Drenthe", "Zeeland", "Limburg")
THEMES = ("energy", "care", "food")


def random_pool_parts(n: int, dim: int = 48, seed: int = 0):
    """Offers with random rules and languages; vectors share a common part, as e5 vectors do."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=dim)
    vectors = (2 * common / np.linalg.norm(common) + rng.normal(scale=0.15, size=(n, dim))).astype(
        np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    offers = []
    for i in range(n):
        national = rng.random() < 0.3
        offers.append(
            make_offer(
                f"o{i}",
                description=f"Offer number {i} about {THEMES[i % 3]} for cooperatives.",
                theme=THEMES[i % 3],
                national=national,
                regions=frozenset() if national else frozenset({str(rng.choice(PROVINCES))}),
                language="en" if rng.random() < 0.6 else "nl",
                eligibility=Eligibility(min_members=50 if rng.random() < 0.1 else None),
            )
        )
    return offers, vectors, common


def random_needs(common: np.ndarray, count: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    for i in range(count):
        vector = 2 * common / np.linalg.norm(common) + rng.normal(scale=0.15, size=len(common))
        yield (
            make_need(
                id=f"n{i}",
                province=str(rng.choice(PROVINCES)),
                theme=THEMES[i % 3],
                language="nl" if i % 2 else "en",
            ),
            query(unit(*vector)),
        )


@pytest.fixture(scope="module")
def pools():
    offers, vectors, common = random_pool_parts(3000)
    embeddings = PoolEmbeddings(model="fixed", vectors=vectors)
    exact = build_pool(offers, embeddings=embeddings, quantise=False)
    fast = build_pool(offers, embeddings=embeddings, quantise=True)
    return exact, fast, common


def test_quantised_cosines_stay_within_their_error_bound(pools):
    exact, fast, common = pools
    assert exact.quantised is None and fast.quantised is not None
    assert fast.quantised.codes.dtype == np.int8
    for _, need_query in random_needs(common, 5):
        vector = need_query.vector
        error = np.abs(fast.quantised.cosine(vector) - exact.vectors @ vector)
        assert (error <= fast.quantised.errors * np.linalg.norm(vector)).all()
        assert error.max() < 0.02


@pytest.mark.parametrize("by_language", [True, False])
def test_the_int8_scan_picks_the_same_top_10_and_near_misses_as_the_float_scan(pools, by_language):
    exact, fast, common = pools
    options = RankingOptions(limit=10, by_language=by_language, now=NOW)
    for need, need_query in random_needs(common, 25):
        slow = rank_offers_for_need(need, exact, query=need_query, options=options)
        quick = rank_offers_for_need(need, fast, query=need_query, options=options)

        assert quick.ids() == slow.ids()
        assert [item.id for item in quick.excluded] == [item.id for item in slow.excluded]
        assert len(quick.excluded) == 20
        for a, b in zip(quick.items + quick.excluded, slow.items + slow.excluded, strict=True):
            assert a.score == pytest.approx(b.score, abs=1e-4)
            assert a.similarity == pytest.approx(b.similarity, abs=1e-5)
            assert a.excluded_by == b.excluded_by


def test_a_quantised_pool_still_ranks_every_offer_when_asked(pools):
    exact, fast, common = pools
    need, need_query = next(random_needs(common, 1))

    slow = rank_offers_for_need(need, exact, query=need_query, options=ALL)
    full = rank_offers_for_need(need, fast, query=need_query, options=ALL)

    # Evaluation needs every offer: allowed ones by score, then the excluded ones.
    assert full.ids(with_excluded=True) == slow.ids(with_excluded=True)
    assert len(full.ids(with_excluded=True)) == len(fast)
    assert full.excluded and all(item.excluded_by for item in full.excluded)


def test_large_pools_quantise_by_default(monkeypatch):
    offers, vectors, _ = random_pool_parts(60)
    embeddings = PoolEmbeddings(model="fixed", vectors=vectors)
    assert build_pool(offers, embeddings=embeddings).quantised is None

    monkeypatch.setattr("matching.ranking.QUANTISED_SCAN_FROM", 50)
    assert build_pool(offers, embeddings=embeddings).quantised is not None
    assert build_pool(offers).quantised is None  # no vectors, nothing to quantise


@pytest.mark.parametrize("sampled", [False, True])
def test_semantic_statistics_match_those_of_the_cosines(monkeypatch, sampled):
    if sampled:
        monkeypatch.setattr("matching.ranking.STATS_SAMPLE", 400)
    offers, vectors, common = random_pool_parts(900)
    offers[0] = make_offer("o0", language="de")  # a language too small for its own figures
    pool = build_pool(offers, embeddings=PoolEmbeddings(model="fixed", vectors=vectors))
    assert (pool.stats_sample is not None) == sampled
    _, need_query = next(random_needs(common, 1))
    cosine = vectors @ need_query.vector

    for by_language in (True, False):
        groups = pool.language_codes if by_language else np.zeros(len(pool), dtype=np.int64)
        mean, std = pool.semantic_statistics(need_query.vector, by_language=by_language)
        expected = standardise_by_group(cosine, groups, sample=pool.stats_sample)

        np.testing.assert_allclose((cosine - mean[groups]) / std[groups], expected, atol=1e-4)


# ---------------------------------------------------------------------------------------------
# Rankers


def synthetic_examples(n: int = 400) -> list[TrainingExample]:
    """Suggestions whose outcome follows theme match and semantic similarity."""
    rng = np.random.default_rng(7)
    examples = []
    for _ in range(n):
        semantic = rng.normal()
        theme = float(rng.integers(0, 2))
        good = semantic + 1.5 * theme + rng.normal(scale=0.5) > 1.0
        outcome = (
            rng.choice(["interest", "accepted", "fulfilled"])
            if good
            else rng.choice(["declined", "ignored"])
        )
        examples.append(
            TrainingExample(
                features={"semantic": semantic, "theme_match": theme, "lexical": rng.normal()},
                outcome=str(outcome),
            )
        )
    return examples


def feature_rows(*rows: dict) -> np.ndarray:
    return np.array([[row.get(name, np.nan) for name in FEATURES] for row in rows])


@pytest.mark.parametrize("estimator", ["logistic", "gradient_boosting"])
def test_train_ranker_learns_from_outcomes_and_round_trips(tmp_path, estimator):
    ranker = train_ranker(synthetic_examples(), estimator=estimator)
    good, bad = {"semantic": 1.5, "theme_match": 1.0}, {"semantic": -1.0, "theme_match": 0.0}
    rows = feature_rows(good, bad, {"semantic": 0.5, "theme_match": 1.0})

    scores = ranker.score(rows)
    assert scores[0] > scores[1]
    assert ranker.version.startswith(f"{estimator}-")
    assert ranker.n_examples == 400

    loaded = load_ranker(save_ranker(ranker, tmp_path / "ranker.joblib"))
    assert loaded.version == ranker.version
    np.testing.assert_allclose(loaded.score(rows), scores)


def test_the_version_follows_the_training_data():
    examples = synthetic_examples()
    assert train_ranker(examples).version == train_ranker(examples).version
    assert train_ranker(examples).version != train_ranker(examples[:-10]).version


def test_a_trained_ranker_ranks_and_is_recorded(pool):
    ranker = train_ranker(synthetic_examples())

    ranking = rank_offers_for_need(make_need(), pool, query=query(), ranker=ranker, options=ALL)

    assert ranking.ranker_version == ranker.version
    assert ranking.ids()[-1] == "other"  # the only offer on another theme


def test_training_needs_both_kinds_of_outcome():
    only_good = [TrainingExample({"semantic": 1.0}, "accepted")] * 5
    with pytest.raises(ValueError, match="both"):
        train_ranker(only_good)
    with pytest.raises(ValueError, match="unknown outcomes"):
        train_ranker([TrainingExample({}, "maybe")])


def test_load_ranker_refuses_other_files(tmp_path):
    import joblib

    path = tmp_path / "not-a-ranker.joblib"
    joblib.dump({"something": "else"}, path)
    with pytest.raises(ValueError, match="not a ranker artifact"):
        load_ranker(path)


def test_linear_ranker_fills_unknown_features_with_neutral_values():
    ranker = LinearRanker({"semantic": 1.0, "freshness": 2.0}, version="t")
    rows = feature_rows({"semantic": 1.0}, {"semantic": 1.0, "freshness": 1.0})

    np.testing.assert_allclose(ranker.score(rows), [1.0 + 2 * 0.5, 1.0 + 2 * 1.0])
    with pytest.raises(ValueError, match="unknown features"):
        LinearRanker({"colour": 1.0}, version="t")


class _SidedEncoder:
    """Encodes queries and passages differently, and counts the calls."""

    name = "sided"
    dim = 2

    def __init__(self):
        self.calls = []

    def encode_queries(self, texts):
        self.calls.append(("query", len(texts)))
        return np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (len(texts), 1))

    def encode_passages(self, texts):
        self.calls.append(("passage", len(texts)))
        return np.tile(np.array([[0.0, 1.0]], dtype=np.float32), (len(texts), 1))


def test_linear_v2_ranks_against_query_vectors_and_linear_v1_stays_selectable(tmp_path):
    from matching.ranking import (
        BUILT_IN_RANKERS,
        LINEAR_V1,
        LINEAR_V2,
        LinearRanker,
        build_pool,
        get_ranker,
        pool_vectors,
    )

    assert LINEAR_V2.weights == LINEAR_V1.weights
    assert pool_vectors(None) == pool_vectors(LINEAR_V2) == "query"
    assert pool_vectors(LINEAR_V1) == "passage" and pool_vectors("passage") == "passage"
    assert get_ranker("linear-v1") is LINEAR_V1 and get_ranker("linear-v2") is LINEAR_V2
    assert set(BUILT_IN_RANKERS) == {
        "linear-v1", "linear-v2", "linear-v3", "linear-v2-glossary", "linear-v3-glossary",
        "linear-v1-lexical",
    }
    with pytest.raises(ValueError):
        LinearRanker({"semantic": 1.0}, version="x", pool_vectors="document")
    with pytest.raises(ValueError):
        pool_vectors("document")

    offers = [make_offer("a", title="Solar panels"), make_offer("b", title="Shared cars")]
    encoder = _SidedEncoder()
    pool = build_pool(offers, encoder=encoder)  # the default ranker's: query vectors
    assert (pool.vectors[:, 0] == 1).all() and encoder.calls[0] == ("query", 2)
    encoder.calls.clear()
    pool = build_pool(offers, encoder=encoder, vectors=pool_vectors(LINEAR_V1))
    assert (pool.vectors[:, 1] == 1).all() and encoder.calls[0] == ("passage", 2)

    # A trained ranker learns from features recorded under the default: same vectors; by path.
    trained = train_ranker(synthetic_examples())
    path = save_ranker(trained, tmp_path / "ranker.joblib")
    assert pool_vectors(trained) == "query"
    assert get_ranker(str(path)).version == trained.version


def test_the_glossary_bridges_dutch_and_english_words():
    from matching.glossary import GLOSSARY, expand

    assert "solar panels" in expand("Wij zoeken zonnepanelen voor het dorpshuis")
    assert "village hall" in expand("Wij zoeken zonnepanelen voor het dorpshuis")
    assert "deelauto" in expand("A shared car for the village")
    assert "subsidie" in expand("A grant for insulation")
    text = "Nothing from the glossary here"
    assert expand(text) == text
    # Phrases match as consecutive words only.
    assert "deelauto" not in expand("a car that is shared")
    for dutch, english in GLOSSARY:
        assert dutch and english


def test_linear_v2_glossary_scores_words_across_languages():
    from matching.ranking import LINEAR_V2, LINEAR_V2_GLOSSARY, uses_glossary

    offers = [
        make_offer("solar", title="Rooftop solar panels", description="We install them.",
                   language="en"),
        make_offer("cars", title="Shared cars", description="Book them with an app.",
                   language="en"),
        make_offer("books", title="Bookkeeping", description="Annual accounts done.",
                   language="en"),
    ]
    pool = build_pool(offers)
    need = make_need(title="Zonnepanelen", description="Op het dak van het dorpshuis.",
                     language="nl")

    def lexical(ranker):
        ranked = rank_offers_for_need(need, pool, ranker=ranker, options=ALL)
        return {item.id: item.features["lexical"] for item in ranked.items}

    plain, expanded = lexical(LINEAR_V2), lexical(LINEAR_V2_GLOSSARY)
    assert plain["solar"] == plain["cars"]  # no shared word: BM25 is 0 for all
    assert expanded["solar"] > expanded["cars"] and expanded["solar"] > expanded["books"]
    assert not uses_glossary(None) and uses_glossary(LINEAR_V2_GLOSSARY)


# linear-v3: sentence_max, offers for a need only ------------------------------------------


def _sentence_pool(sentences):
    """Three English offers with fixed passage vectors and the given sentence vectors."""
    offers = [
        make_offer(offer_id, title=f"Offer {offer_id}", description="One. Two.")
        for offer_id in ("a", "b", "c")
    ]
    embeddings = PoolEmbeddings(
        model="fixed",
        vectors=np.stack([unit(1, 0, 0, 0)] * 3),
        sentences=sentences,
    )
    return offers, build_pool(offers, embeddings=embeddings)


def test_sentence_max_is_the_best_sentence_pair_z_scored_among_the_candidates():
    from matching.ranking import LINEAR_V2, LINEAR_V3, sentence_max

    need_sentences = np.stack([unit(1, 0, 0, 0), unit(0, 1, 0, 0)])
    offer_sentences = [
        np.stack([unit(0, 0, 1, 0), unit(1, 1, 0, 0)]),  # best pair: cos 0.707
        np.stack([unit(0, 1, 0, 0)]),  # best pair: 1.0
        np.stack([unit(0, 0, 1, 0), unit(0, 0, 0, 1)]),  # best pair: 0.0
    ]
    offers, pool = _sentence_pool(offer_sentences)
    raw = np.array([np.sqrt(0.5), 1.0, 0.0])
    options = RankingOptions(min_language_group=2)
    expected = (raw - raw.mean()) / raw.std()
    values = sentence_max(pool, np.arange(3), need_sentences, options)
    assert np.allclose(values, expected, atol=1e-5)
    # Only the candidates count: among "a" and "b" the z-scores are -1 and +1.
    assert np.allclose(sentence_max(pool, np.array([0, 1]), need_sentences, options), [-1, 1])

    query = QueryEmbedding(model="fixed", vector=unit(1, 0, 0, 0), sentences=need_sentences)
    v3 = rank_offers_for_need(make_need(), pool, query=query, ranker=LINEAR_V3, options=ALL)
    v2 = rank_offers_for_need(make_need(), pool, query=query, ranker=LINEAR_V2, options=ALL)
    assert v3.ranker_version == "linear-v3" and v3.ids() == ["b", "a", "c"]
    by_id = {item.id: item for item in v3.items}
    # Fewer than five candidates of a language: the z-score is over all candidates.
    assert by_id["b"].features["sentence_max"] == pytest.approx(expected[1], abs=1e-5)
    v2_scores = {item.id: item.score for item in v2.items}
    assert all(
        item.score == pytest.approx(v2_scores[item.id] + 0.5 * item.features["sentence_max"])
        for item in v3.items
    )
    # linear-v2 does not compute it.
    assert all(math.isnan(item.features["sentence_max"]) for item in v2.items)


def test_sentence_max_is_nan_without_sentence_vectors():
    from matching.ranking import LINEAR_V2, LINEAR_V3

    need_sentences = np.stack([unit(1, 0, 0, 0)])
    # "b" is not embedded yet: NaN for it, the others z-scored among themselves.
    offers, pool = _sentence_pool([np.stack([unit(1, 0, 0, 0)]), None, np.stack([unit(0, 1, 0, 0)])])
    query = QueryEmbedding(model="fixed", vector=unit(1, 0, 0, 0), sentences=need_sentences)
    ranked = rank_offers_for_need(make_need(), pool, query=query, ranker=LINEAR_V3, options=ALL)
    values = {item.id: item.features["sentence_max"] for item in ranked.items}
    assert math.isnan(values["b"]) and values["a"] > 0 > values["c"]

    # The need has no sentence vectors, or the pool none: NaN everywhere, so linear-v2's scores.
    v2 = rank_offers_for_need(make_need(), pool, query=query, ranker=LINEAR_V2, options=ALL)
    for pool_sentences, need in ((None, need_sentences), (None, None), ([None] * 3, None)):
        _, bare = _sentence_pool(pool_sentences)
        query = QueryEmbedding(model="fixed", vector=unit(1, 0, 0, 0), sentences=need)
        v3 = rank_offers_for_need(make_need(), bare, query=query, ranker=LINEAR_V3, options=ALL)
        assert all(math.isnan(item.features["sentence_max"]) for item in v3.items)
        assert [(i.id, i.score) for i in v3.items] == [(i.id, i.score) for i in v2.items]

    # Degraded mode (no query vector): lexical ranking, no sentence feature.
    degraded = rank_offers_for_need(make_need(), pool, query=None, options=ALL)
    assert degraded.degraded and all(
        math.isnan(item.features["sentence_max"]) for item in degraded.items
    )


def test_linear_v3_leaves_leads_as_linear_v2():
    from matching.ranking import (
        LINEAR_V2,
        LINEAR_V3,
        LINEAR_V3_GLOSSARY,
        NEEDS_FOR_OFFER,
        OFFERS_FOR_NEED,
        uses_glossary,
    )

    assert uses_glossary(LINEAR_V3_GLOSSARY, OFFERS_FOR_NEED)
    assert not uses_glossary(LINEAR_V3_GLOSSARY, NEEDS_FOR_OFFER) and not uses_glossary(LINEAR_V3)

    needs = [
        make_need(id=f"n{i}", title=f"Need {i}", description=f"Solar panels {i}. Roof.",
                  organisation_id=f"org{i}")
        for i in range(4)
    ]
    embeddings = PoolEmbeddings(
        model="fixed",
        vectors=np.stack([unit(1, i, 0, 0) for i in range(4)]),
        sentences=[np.stack([unit(1, i, 1, 0)]) for i in range(4)],
    )
    pool = build_pool(needs, embeddings=embeddings)
    offer = make_offer("o", description="Zonnepanelen op het dak.")  # the glossary would expand
    query = QueryEmbedding(
        model="fixed", vector=unit(1, 0, 0, 0), sentences=np.stack([unit(0, 1, 0, 0)])
    )
    v2 = rank_needs_for_offer(offer, pool, query=query, ranker=LINEAR_V2, options=ALL)
    for ranker in (LINEAR_V3, LINEAR_V3_GLOSSARY):
        v3 = rank_needs_for_offer(offer, pool, query=query, ranker=ranker, options=ALL)
        assert [(i.id, i.score) for i in v3.items] == [(i.id, i.score) for i in v2.items]
        assert all(math.isnan(item.features["sentence_max"]) for item in v3.items)


def test_linear_v3_is_selectable_by_name_and_v2_stays_the_default(tmp_path):
    from matching.ranking import (
        LINEAR_V1,
        LINEAR_V2,
        LINEAR_V3,
        get_ranker,
        load_ranker,
        pool_vectors,
        uses_sentences,
    )

    assert DEFAULT_RANKER is LINEAR_V2 and FEATURES[-1] == "sentence_max"
    assert LINEAR_V3.weights == LINEAR_V2.weights | {"sentence_max": 0.5}
    assert get_ranker("linear-v3") is LINEAR_V3 and get_ranker("linear-v2") is LINEAR_V2
    assert get_ranker("linear-v1") is LINEAR_V1
    assert pool_vectors(LINEAR_V3) == "query"
    assert uses_sentences(LINEAR_V3) and not uses_sentences(LINEAR_V2)
    assert not uses_sentences(None)  # the default's

    # An artifact trained before sentence_max was a feature still loads and scores.
    from sklearn.linear_model import LogisticRegression

    trained = train_ranker(synthetic_examples())
    rng = np.random.default_rng(0)
    model = LogisticRegression().fit(rng.normal(size=(40, len(FEATURES) - 1)), [0, 1] * 20)
    old = type(trained)(
        model=model, version="old", estimator="logistic", feature_names=FEATURES[:-1],
        trained_at=trained.trained_at, n_examples=40,
    )
    loaded = load_ranker(save_ranker(old, tmp_path / "old.joblib"))
    rows = np.zeros((2, len(FEATURES)))
    assert loaded.feature_names == FEATURES[:-1] and loaded.score(rows).shape == (2,)


def test_embed_pool_and_query_carry_sentence_vectors_as_passages():
    from matching.ranking import embed_query

    offers = [make_offer("a", title="Solar", description="One sentence here. Another one.")]
    encoder = _SidedEncoder()
    pool = build_pool(offers, encoder=encoder, sentences=True)
    vectors = pool.sentence_vectors(0)
    assert vectors.shape == (3, 2) and (vectors[:, 1] == 1).all()  # title + two sentences
    query = embed_query(encoder, make_need(), sentences=True)
    assert query.sentences.shape[0] >= 2 and (query.sentences[:, 1] == 1).all()
    assert build_pool(offers, encoder=encoder).sentence_vectors is None
