"""The yearly UN General Assembly resolution on the Convention: symbols, dates, votes, counts.

Two kinds of vote figure are kept apart: the totals a publication states
(``votes_for``, ``votes_against``, ``votes_abstaining`` in the resolutions
table) and the tally of how each State voted (``unga_votes``, a secondary
copy of the General Assembly voting records). Where both exist, the tests
check that they agree.
"""

from __future__ import annotations

import pandas as pd

from analysis import universalization
from analysis.dataset import Dataset
from analysis.dates import SESSION_YEAR_OFFSET, session_year

__all__ = ["SESSION_YEAR_OFFSET", "non_parties_in_favour", "resolutions", "session_year", "tally", "vote_composition",
           "vote_series", "votes_by_party_status"]


def tally(data: Dataset) -> pd.DataFrame:
    """Votes in favour, against and abstaining per session, counted from how each State voted.

    Columns: ``session, tally_for, tally_against, tally_abstaining``."""
    votes = data.unga_votes
    counts = votes.pivot_table(index="session", columns="vote", values="iso3", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=["yes", "no", "abstain"], fill_value=0).astype("Int64")
    return counts.rename(columns={"yes": "tally_for", "no": "tally_against", "abstain": "tally_abstaining"}) \
        .rename_axis(columns=None).reset_index()


def resolutions(data: Dataset) -> pd.DataFrame:
    """Resolutions by session with the published vote, the per-State tally, and the vote to use.

    ``in_favour``, ``against``, ``abstaining`` and ``in_favour_pct`` take the published
    totals where all three are known, else the tally; ``vote_basis`` says which
    (empty where neither is known).
    """
    out = data.unga_resolutions.merge(tally(data), on="session", how="left").sort_values("session", ignore_index=True)
    published = out[["votes_for", "votes_against", "votes_abstaining"]]
    counted = out[["tally_for", "tally_against", "tally_abstaining"]]
    has_published = published.notna().all(axis=1)
    for name, pub, cnt in zip(["in_favour", "against", "abstaining"], published, counted):
        out[name] = out[pub].where(has_published, out[cnt])
    total = out[["in_favour", "against", "abstaining"]].sum(axis=1, min_count=3)
    out["in_favour_pct"] = (100 * out["in_favour"] / total).astype("Float64").round(1)
    out["vote_basis"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out.loc[~has_published & out["tally_for"].notna(), "vote_basis"] = "per-State tally"
    out.loc[has_published, "vote_basis"] = "published"
    return out


def votes_by_party_status(data: Dataset, session: int) -> pd.DataFrame:
    """How each State voted on a session's resolution, and whether it had joined the Convention
    on the adoption date (``is_state_party``, on the *joined* basis).

    Columns: ``iso3, state, vote, is_state_party``.

    Raises:
        KeyError: no adoption date for the session.
    """
    votes, table, status = data.unga_votes, data.unga_resolutions, data.treaty_status
    adopted = table.loc[table["session"] == session, "adoption_date"]
    if adopted.empty or pd.isna(adopted.iloc[0]):
        raise KeyError(f"no adoption date for session {session}")
    parties = set(universalization.states_parties(data, adopted.iloc[0], "joined"))
    rows = votes[votes["session"] == session].merge(status[["iso3", "state"]], on="iso3", how="left")
    rows["is_state_party"] = rows["iso3"].isin(parties)
    return rows[["iso3", "state", "vote", "is_state_party"]].sort_values("state", ignore_index=True)


def non_parties_in_favour(data: Dataset, session: int) -> list[str]:
    """States not party on the adoption date that voted for the resolution."""
    rows = votes_by_party_status(data, session)
    return list(rows.loc[~rows["is_state_party"] & (rows["vote"] == "yes"), "state"])


def vote_composition(data: Dataset) -> pd.DataFrame:
    """Per session with per-State votes: in favour (States Parties, others), abstaining, against.

    Columns: ``session, year, in_favour_parties, in_favour_non_parties, abstaining, against``."""
    votes, table = data.unga_votes, data.unga_resolutions
    rows = []
    dated = set(table.loc[table["adoption_date"].notna(), "session"])
    for session in sorted(set(votes["session"]) & dated):
        cast = votes_by_party_status(data, session)
        yes = cast["vote"] == "yes"
        rows.append({"session": session, "year": session_year(session),
                     "in_favour_parties": int((yes & cast["is_state_party"]).sum()),
                     "in_favour_non_parties": int((yes & ~cast["is_state_party"]).sum()),
                     "abstaining": int((cast["vote"] == "abstain").sum()),
                     "against": int((cast["vote"] == "no").sum())})
    return pd.DataFrame(rows)


def vote_series(data: Dataset) -> pd.DataFrame:
    """Every dated session with a known vote: split by party status where per-State votes are
    compiled (:func:`vote_composition`, ``in_favour_unsplit`` 0), else the recorded totals, with
    all votes in favour in ``in_favour_unsplit``."""
    split = vote_composition(data).assign(in_favour_unsplit=0)
    known = resolutions(data)
    rest = known[known["vote_basis"].notna() & known["adoption_date"].notna()
                 & ~known["session"].isin(split["session"])]
    unsplit = pd.DataFrame({
        "session": rest["session"], "year": session_year(rest["session"]),
        "in_favour_parties": 0, "in_favour_non_parties": 0, "in_favour_unsplit": rest["in_favour"].astype(int),
        "abstaining": rest["abstaining"].astype(int), "against": rest["against"].astype(int)})
    return pd.concat([split, unsplit], ignore_index=True).sort_values("session", ignore_index=True)
