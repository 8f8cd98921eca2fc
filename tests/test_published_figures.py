"""Our data against the dated counts that publications state (UN resolutions, Landmine Monitor, ISU)."""

import pandas as pd
import pytest

from analysis import paths, unga
from analysis.dataset import Dataset
from analysis.published import compare_all, compare_casualties_published

DATA = Dataset.load(paths.PROJECT_ROOT / "data")
COMPARISON = compare_all(DATA)
#: Last year whose resolution we hold per-State votes for; later totals cannot be tallied.
PER_STATE_VOTES_UNTIL = int(unga.session_year(DATA.unga_votes["session"].max()))
HAS_TOTAL = {(r.year, r.edition) for r in DATA.casualties.dropna(subset=["casualties"]).itertuples()}


@pytest.mark.parametrize("figure", COMPARISON.to_dict("records"), ids=list(COMPARISON["figure_id"]))
def test_published_figure(figure):
    """Exact agreement, unless the row documents why the figures differ (then they must differ)."""
    if pd.isna(figure["computed"]) and figure["dataset"] == "casualties":
        assert (figure["as_of_date"].year, int(figure["publication"][-5:-1])) not in HAS_TOTAL
    elif pd.isna(figure["computed"]) and figure["dataset"] == "UN General Assembly":
        assert figure["as_of_date"].year > PER_STATE_VOTES_UNTIL
    elif pd.isna(figure["computed"]):
        assert figure["dataset"] == "stockpiles" and figure["quantity"] not in (
            "states_missed_deadline_with_stocks", "states_with_stocks_remaining", "states_completed_destruction")
    elif pd.isna(figure["difference"]):
        assert figure["computed"] == figure["value"], (
            f"{figure['publication']} states {figure['value']} for {figure['quantity']} on "
            f"{figure['as_of_date'].date()}; our data gives {figure['computed']}"
        )
    else:
        assert figure["computed"] != figure["value"], "documented difference no longer holds: drop it"


def test_joined_counts_cover_1999_to_2025():
    joined = DATA.published_figures.query("quantity == 'states_joined' and difference.isna()")
    years = set(joined["as_of_date"].dt.year)
    assert len(joined) >= 10
    assert {1999, 2007, 2012, 2017, 2025} <= years


def test_enough_figures_are_reproduced():
    computed = COMPARISON[COMPARISON["computed"].notna()]
    assert len(computed) >= 60
    assert set(computed["dataset"]) == {"treaty status", "stockpiles", "casualties", "clearance",
                                        "UN General Assembly"}
    assert (computed["outcome"] != "differs").all()


def test_casualty_headlines_compare_by_year_and_edition():
    """A figure is compared with the same year in the same edition only, never another vintage."""
    ours = pd.DataFrame({"year": [2013, 2013, 2014], "edition": [2014, 2015, 2015],
                         "casualties": [3308, 3465, pd.NA]}).astype({"casualties": "Int64"})
    published = pd.DataFrame({"figure_id": ["a", "b", "c", "d"], "publication": ["p"] * 4,
                              "casualty_year": [2013, 2013, 2014, 2013], "edition": [2014, 2015, 2015, 2016],
                              "value": [3308, 3456, 3678, 3308], "source_id": ["s"] * 4,
                              "difference": [None, "a transposition", None, None]})
    out = compare_casualties_published(Dataset.from_tables(casualties_published=published, casualties_global=ours)) \
        .set_index("figure_id")
    assert out["computed"].tolist()[:2] == [3308, 3465]
    assert out["outcome"].tolist() == ["agrees", "differs (explained)", "not computable from our data",
                                       "not computable from our data"]
    assert out.loc["a", "publication"] == "p (Landmine Monitor 2014)"


def test_casualty_headlines_span_editions():
    casualties = COMPARISON[(COMPARISON["dataset"] == "casualties") & COMPARISON["computed"].notna()]
    assert len(casualties) >= 40
    assert casualties["publication"].str[-5:-1].nunique() >= 10


def test_a_documented_tally_difference_still_holds():
    """A resolution that explains why its tally differs must still differ in one of its three totals."""
    table = unga.resolutions(DATA)
    explained = table[table["tally_difference"].notna()]
    assert not explained.empty
    stated = explained[["votes_for", "votes_against", "votes_abstaining"]].to_numpy()
    counted = explained[["tally_for", "tally_against", "tally_abstaining"]].to_numpy()
    assert (stated != counted).any(axis=1).all()


def test_every_published_vote_total_is_checked_against_the_per_state_votes():
    """Two independent records of each vote: totals publications state, and how each State voted."""
    votes = COMPARISON[(COMPARISON["dataset"] == "UN General Assembly")
                       & (COMPARISON["as_of_date"].dt.year <= PER_STATE_VOTES_UNTIL)]
    assert len(votes) >= 12 and votes["computed"].notna().all()
    assert set(votes["as_of_date"].dt.year) >= {2001, 2003, 2010, 2011, 2012, 2013}
