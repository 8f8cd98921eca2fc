"""Category codes have one home, the data package: the code's enums, maps and colours match it."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import (
    action_plans,
    clearance,
    maps,
    metadata,
    plan_progress,
    plots,
    published,
    stockpiles,
    treaty,
    universalization,
)


def _codes(table: str, field: str) -> list[str]:
    return [c.value for c in metadata.codes(table, field)]


@pytest.mark.parametrize("table", sorted(metadata.derived_tables()))
def test_every_derived_code_has_words(table):
    for field in metadata.derived_tables()[table].fields:
        assert field.codes and list(field.labels) == list(field.codes), f"{table}.{field.name}"


def test_derived_statuses_are_the_package_s_codes(data):
    status = universalization.status_on(data, "2025-12-31")["treaty_status"]
    assert list(status.cat.categories) == _codes("treaty_status", "treaty_status")
    assert set(status.dropna()) <= set(_codes("treaty_status", "treaty_status"))
    stock = stockpiles.status_on(data, "2025-12-31")["stockpile_status"]
    assert list(stock.cat.categories) == _codes("stockpile_status", "stockpile_status")
    cleared = set(clearance.status_on(data, "2025-12-31")["clearance_status"])
    assert cleared <= set(_codes("clearance_status", "clearance_status"))
    assert set(clearance.GAP_STATUSES) < set(clearance.STATUSES) == set(_codes("clearance_status", "clearance_status"))


def test_every_published_quantity_is_computed_or_said_not_computable():
    assert set(published.TREATY_QUANTITIES) | set(published.CLEARANCE_QUANTITIES) == \
        set(_codes("published_figures", "quantity"))
    assert set(published.STOCKPILE_QUANTITIES) <= set(_codes("stockpile_published", "quantity"))


def test_every_indicator_an_action_can_be_measured_by_is_judged(data):
    start, end = pd.Timestamp("2018-12-01"), pd.Timestamp("2019-11-29")
    judged = action_plans.judge_indicators(
        action_plans.universalization_progress(data, start, end), action_plans.stockpile_progress(data, start, end),
        action_plans.clearance_progress(data, start, end), action_plans.period_rates(data, start, end))
    assert sorted(judged["measurable_by"]) == sorted(_codes("plan_actions", "measurable_by"))


def test_every_plan_section_has_a_heading_and_a_coverage_note(data):
    sections = _codes("plan_sections", "section")
    assert list(plan_progress.section_labels(data)) == sections
    assert list(plan_progress.COVERAGE) == sections
    assert _codes("plan_actions", "section") == sections == _codes("plan_indicators_published", "section")
    assert set(plan_progress.STOCKPILE_WORDS) == set(_codes("stockpile_status", "stockpile_status"))


def test_colours_and_legends_cover_every_status():
    assert list(plots.STATUS_COLOURS) == _codes("treaty_status", "treaty_status")
    stock = [*_codes("stockpile_status", "stockpile_status"), "not_party"]
    assert set(maps.STOCKPILE_COLOURS) == set(maps.STOCKPILE_LABELS) == set(stock)


def test_consent_after_signature_names_depositary_consent_types():
    assert set(treaty.CONSENT_AFTER_SIGNATURE) < set(_codes("treaty_actions", "consent_type"))


def test_a_code_the_package_does_not_define_fails_where_it_is_written():
    with pytest.raises(AttributeError):
        action_plans.Section.mine_risk_education  # noqa: B018
    with pytest.raises(ValueError, match="defines no codes"):
        metadata.codes("treaty_actions", "iso3")
