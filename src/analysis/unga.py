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
from analysis.loaders import load_treaty_status, load_unga_resolutions, load_unga_votes

#: A regular session opens in September of the year session + 1945 (the 52nd in 1997).
SESSION_YEAR_OFFSET = 1945


def session_year(session: int | pd.Series) -> int | pd.Series:
    """Calendar year of a regular session's autumn part, when the resolution is adopted."""
    return session + SESSION_YEAR_OFFSET


def tally(votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Votes in favour, against and abstaining per session, counted from how each State voted."""
    votes = load_unga_votes() if votes is None else votes
    counts = votes.pivot_table(index="session", columns="vote", values="iso3", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=["yes", "no", "abstain"], fill_value=0).astype("Int64")
    return counts.rename(columns={"yes": "tally_for", "no": "tally_against", "abstain": "tally_abstaining"}) \
        .rename_axis(columns=None).reset_index()


def resolutions(table: pd.DataFrame | None = None, votes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Resolutions by session with the published vote, the per-State tally, and the vote to use.

    ``in_favour``, ``against``, ``abstaining`` and ``in_favour_pct`` take the published
    totals where all three are known, else the tally; ``vote_basis`` says which
    (empty where neither is known).
    """
    table = load_unga_resolutions() if table is None else table
    out = table.merge(tally(votes), on="session", how="left").sort_values("session", ignore_index=True)
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


def votes_by_party_status(session: int, votes: pd.DataFrame | None = None,
                          table: pd.DataFrame | None = None, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each State voted on a session's resolution, and whether it had joined the Convention
    on the adoption date (``is_state_party``, on the *joined* basis)."""
    votes = load_unga_votes() if votes is None else votes
    table = load_unga_resolutions() if table is None else table
    status = load_treaty_status() if status is None else status
    adopted = table.loc[table["session"] == session, "adoption_date"]
    if adopted.empty or pd.isna(adopted.iloc[0]):
        raise KeyError(f"no adoption date for session {session}")
    parties = set(universalization.states_parties(adopted.iloc[0], "joined", status))
    rows = votes[votes["session"] == session].merge(status[["iso3", "state"]], on="iso3", how="left")
    rows["is_state_party"] = rows["iso3"].isin(parties)
    return rows[["iso3", "state", "vote", "is_state_party"]].sort_values("state", ignore_index=True)


def non_parties_in_favour(session: int, **tables: pd.DataFrame) -> list[str]:
    """States not party on the adoption date that voted for the resolution."""
    rows = votes_by_party_status(session, **tables)
    return list(rows.loc[~rows["is_state_party"] & (rows["vote"] == "yes"), "state"])


def vote_composition(votes: pd.DataFrame | None = None, table: pd.DataFrame | None = None,
                     status: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per session with per-State votes: in favour (States Parties, others), abstaining, against."""
    votes = load_unga_votes() if votes is None else votes
    table = load_unga_resolutions() if table is None else table
    status = load_treaty_status() if status is None else status
    rows = []
    dated = set(table.loc[table["adoption_date"].notna(), "session"])
    for session in sorted(set(votes["session"]) & dated):
        cast = votes_by_party_status(session, votes, table, status)
        yes = cast["vote"] == "yes"
        rows.append({"session": session, "year": session_year(session),
                     "in_favour_parties": int((yes & cast["is_state_party"]).sum()),
                     "in_favour_non_parties": int((yes & ~cast["is_state_party"]).sum()),
                     "abstaining": int((cast["vote"] == "abstain").sum()),
                     "against": int((cast["vote"] == "no").sum())})
    return pd.DataFrame(rows)


def vote_series(votes: pd.DataFrame | None = None, table: pd.DataFrame | None = None,
                status: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every dated session with a known vote: split by party status where per-State votes are
    compiled (:func:`vote_composition`, ``in_favour_unsplit`` 0), else the recorded totals, with
    all votes in favour in ``in_favour_unsplit``."""
    table = load_unga_resolutions() if table is None else table
    split = vote_composition(votes, table, status).assign(in_favour_unsplit=0)
    known = resolutions(table, votes)
    rest = known[known["vote_basis"].notna() & known["adoption_date"].notna()
                 & ~known["session"].isin(split["session"])]
    unsplit = pd.DataFrame({
        "session": rest["session"], "year": session_year(rest["session"]),
        "in_favour_parties": 0, "in_favour_non_parties": 0, "in_favour_unsplit": rest["in_favour"].astype(int),
        "abstaining": rest["abstaining"].astype(int), "against": rest["against"].astype(int)})
    return pd.concat([split, unsplit], ignore_index=True).sort_values("session", ignore_index=True)
