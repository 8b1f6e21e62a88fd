"""Positions that two pages read the same way: each government's latest word on its own troops (the stances
chapter shows it, the opening page states it as a finding)."""
from __future__ import annotations

import pandas as pd

from .data import codebooks as cb

SAYS = ("yes", "conditional", "no_plan", "no")  # the own-troops labels that say something about the soldiers
OFFERING = ("pushing", "willing")  # stances that take a part of the actor's own in the force


def latest_on_own_troops(stances: pd.DataFrame) -> pd.DataFrame:
    """One row per actor whose statements say something of its own soldiers: the latest such statement (by its
    place in time), with `answer`, the word in plain terms: 'Offered troops, on conditions' (conditional, in a
    statement that takes a part of its own: pushing or willing), 'Set conditions, without an offer'
    (conditional otherwise), 'Offered troops' (yes), or the codebook's name ('No plan at present',
    'Rules out'). Actors in the order they enter the record."""
    dated = stances.sort_values(["date_mid", "date_start", "stance_id"], kind="stable")
    order = {actor: i for i, actor in enumerate(dict.fromkeys(dated["actor"]))}
    latest = dated[dated["own_troops"].isin(SAYS)].groupby("actor", sort=False).tail(1).copy()
    offer = latest["stance"].isin(OFFERING)
    latest["answer"] = [
        ("Offered troops, on conditions" if offers else "Set conditions, without an offer") if own == "conditional"
        else "Offered troops" if own == "yes" else cb.OWN_TROOPS.name(own)
        for own, offers in zip(latest["own_troops"], offer)]
    return latest.sort_values("actor", key=lambda a: a.map(order), kind="stable").reset_index(drop=True)
