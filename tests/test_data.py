"""The data as it stands: every file valid, every quote verbatim, every fact sourced,
references between files intact, and the article texts faithful to the raw captures in data/raw/."""
from __future__ import annotations

import hashlib
import subprocess

import pytest

import troops_debate as td
from troops_debate.data import codebooks as cb
from troops_debate.data.texts import article_paragraphs, read_text, word_count
from troops_debate.paths import ROOT
from troops_debate.data.texts import normalise, quote_in_text

SEEDS = ROOT / "data" / "raw"   # the raw captures, kept in the repository byte for byte
ARTICLES = td.load_articles()
ARGUMENTS = td.load_arguments()
STANCES = td.load_stances()
RED_LINES = td.load_red_lines()
TEASER_POSITIONS = td.load_teaser_positions()


def test_every_data_file_is_valid():
    assert td.validate_all() == []


# ---- quotes: one test per quote, so a failure names the quote

def _article_text(article_id: str) -> str:
    return "\n\n".join(article_paragraphs(article_id))


@pytest.mark.parametrize("row", ARGUMENTS.to_dict("records"), ids=lambda r: r["claim_id"])
def test_argument_quote_is_verbatim_in_its_paragraph(row):
    paragraph = article_paragraphs(row["article_id"])[row["paragraph"] - 1]
    assert quote_in_text(row["quote"], paragraph), f"{row['claim_id']}: not in paragraph {row['paragraph']}"


@pytest.mark.parametrize("row", STANCES[STANCES.from_article].to_dict("records"), ids=lambda r: r["stance_id"])
def test_stance_quote_from_an_article_is_verbatim(row):
    assert quote_in_text(row["quote"], _article_text(row["article_id"]))


@pytest.mark.parametrize("row", TEASER_POSITIONS.to_dict("records"), ids=lambda r: r["actor"])
def test_teaser_quote_is_verbatim(row):
    assert quote_in_text(row["quote"], read_text(ROOT / "data" / "articles" / f"{row['teaser_id']}.txt"))


def test_quote_check_allows_only_whitespace_and_quote_marks():
    text = "Macron said “we’re ready”\nto go."
    assert quote_in_text('said "we\'re ready" to go', text)
    assert not quote_in_text("said we're ready", text)          # dropped quotation mark
    assert not quote_in_text("Said “we’re ready”", text)        # changed case
    assert not quote_in_text("", text)


# ---- the corpus is the raw capture, paragraph for paragraph

@pytest.mark.parametrize("article", ARTICLES.to_dict("records"), ids=lambda r: r["article_id"])
def test_article_paragraphs_stand_verbatim_in_the_seed(article):
    seed = SEEDS / article["seed_file"]
    if not seed.exists():
        pytest.fail(f"the raw capture {seed} is missing from data/raw/")
    seed_text = seed.read_text(encoding="utf-8")
    for number, paragraph in enumerate(article_paragraphs(article["article_id"]), start=1):
        assert paragraph in seed_text, f"{article['article_id']} paragraph {number} is not verbatim in the seed"


def test_the_raw_captures_are_kept_byte_for_byte():
    """data/raw/SHA256SUMS records each capture's checksum as it was taken; every capture a file names is there."""
    sums = dict(reversed(line.split(None, 1)) for line in (SEEDS / "SHA256SUMS").read_text().splitlines())
    named = set(ARTICLES.seed_file) | set(td.load_teasers().seed_file)
    assert named <= set(sums), f"captures without a checksum: {sorted(named - set(sums))}"
    for name, digest in sums.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, f"{name} has changed"


def _tracked_files() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: every file but the build's
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()
                  and not {".venv", "_build", ".git", "__pycache__"} & set(p.relative_to(ROOT).parts)]
    return [name for name in listed if (ROOT / name).is_file()]


def test_nothing_in_the_repository_reads_outside_it():
    """A fresh clone with nothing beside it builds and tests: no file of code, tests or build refers to a
    shared folder beside the repository (the research logs in data/sources_notes/ may say where leads came from)."""
    outside = [".." + "/shared", "shared/" + "seeds"]
    offenders = []
    for name in _tracked_files():
        if name.startswith("data/sources_notes/") or name.startswith("data/raw/"):
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        offenders += [f"{name}: {needle}" for needle in outside if needle in text]
    assert not offenders, "files that refer to a folder outside the repository:\n" + "\n".join(offenders)


def test_article_texts_hold_no_page_furniture():
    furniture = ["google cta", "Dear RS readers", "Top image credit", "keep reading", "Stay updated",
                 "Eurasia Center", "Follow us", "The views expressed", "is a senior fellow", "Newsletter"]
    for article_id in ARTICLES["article_id"]:
        text = _article_text(article_id)
        found = [f for f in furniture if f.lower() in text.lower()]
        assert not found, f"{article_id} still holds page furniture: {found}"
    sidebar = read_text(ROOT / "data" / "articles" / "rs2024-sidebar.txt")
    assert "reparations loan" in sidebar and "reparations loan" not in _article_text("rs2024")


def test_word_counts_are_computed_from_the_texts():
    for row in ARTICLES.itertuples():
        assert row.word_count == word_count(_article_text(row.article_id))


# ---- metadata: what the texts do not say is not stated as if they did

def test_metadata_not_in_the_text_is_marked():
    rs = ARTICLES.set_index("article_id").loc["rs2024"]
    ac = ARTICLES.set_index("article_id").loc["ac2026"]
    assert rs["author"] == "" and rs["author_basis"] == "not_stated"
    assert rs["date_basis"] != "text" and ac["date_basis"] != "text"
    assert ac["title_basis"] != "text"
    # a name given with basis "text" must be in the capture
    for row in ARTICLES.itertuples():
        if row.author_basis == "text":
            assert row.author in (SEEDS / row.seed_file).read_text(encoding="utf-8")


# ---- arguments

def test_every_argument_paragraph_has_a_claim():
    for article_id in ARTICLES["article_id"]:
        n = len(article_paragraphs(article_id))
        covered = set(ARGUMENTS.loc[ARGUMENTS.article_id == article_id, "paragraph"])
        assert covered == set(range(1, n + 1)), f"{article_id}: paragraphs without a claim: " \
                                                f"{sorted(set(range(1, n + 1)) - covered)}"


def test_each_article_has_a_thesis_and_uses_the_shared_themes():
    for article_id, claims in ARGUMENTS.groupby("article_id"):
        assert (claims.kind == "thesis").sum() >= 1, article_id
    assert set(ARGUMENTS.theme) <= set(cb.THEMES.codes)


def test_claims_are_attributed_not_asserted():
    """Claims are written as the article's, in the book's own words (not a copy of the quote)."""
    for row in ARGUMENTS.itertuples():
        assert normalise(row.claim) != normalise(row.quote), row.claim_id


# ---- stances

def _as_of_rs2024(actor: str) -> str:
    rows = STANCES[(STANCES.article_id == "rs2024") & (STANCES.actor == actor)]
    assert len(rows) >= 1, f"no rs2024 row for {actor}"
    return rows.iloc[0]["stance"]


@pytest.mark.parametrize("actor, stance", [("France", "pushing"), ("Poland", "cool"), ("Germany", "distant")])
def test_the_december_2024_snapshot(actor, stance):
    assert _as_of_rs2024(actor) == stance


def test_every_stance_row_has_a_source():
    for row in STANCES.itertuples():
        assert row.article_id or row.source_url.startswith("https://"), row.stance_id


def test_stances_cover_the_actors_the_articles_give_positions_for():
    actors = set(STANCES.actor)
    for actor in ["France", "United Kingdom", "Poland", "Germany", "United States", "Russia", "Ukraine"]:
        assert actor in actors
    assert STANCES.loc[STANCES.actor == "Russia", "stance"].eq("hostile").all()


def test_stances_extend_past_the_articles_with_dated_external_statements():
    external = STANCES[~STANCES.from_article]
    for actor in ["France", "United Kingdom", "Germany", "Poland"]:
        dates = external.loc[external.actor == actor, "date"]
        assert len(dates) >= 2 and dates.str[:4].isin(["2025", "2026"]).all(), actor


# ---- red lines

def test_red_lines_have_at_least_15_sourced_events_since_2022():
    assert len(RED_LINES) >= 15
    for row in RED_LINES.itertuples():
        assert row.sources[0].startswith(("https://", "http://")), row.event_id


def test_red_lines_cover_the_steps_both_articles_speak_of():
    assert {"weapons_supply", "weapons_use", "troops", "alliance"} <= set(RED_LINES.category)
    assert RED_LINES.warning_date.str[:4].astype(int).ge(2022).sum() >= 15


def test_state_media_is_never_the_only_source_for_a_response():
    for row in RED_LINES.itertuples():
        kinds = row.source_kinds
        if row.response_category not in ("none_found", "rhetorical"):
            assert any(k != "state_media" for k in kinds), row.event_id


# ---- sources: graded, dated, the best a stored copy supports

def test_every_external_row_has_a_graded_source():
    external = STANCES[~STANCES.from_article]
    assert external.source_grade.isin(cb.SOURCE_GRADES.codes).all()
    assert STANCES.loc[STANCES.from_article, "source_grade"].isna().all()
    for row in RED_LINES.itertuples():
        assert len(row.source_grades) == len(row.sources), row.event_id


def test_no_source_graded_other_goes_unexplained():
    for row in STANCES.itertuples():
        if row.source_grade == "other":
            assert cb.OTHER_GRADE_MARK in row.note, row.stance_id
    for row in RED_LINES.itertuples():
        if "other" in row.source_grades:
            assert cb.OTHER_GRADE_MARK in row.note, row.event_id


def test_no_aggregator_or_tabloid_is_cited_without_a_grade_of_other():
    """The aggregators, tabloids, forums and reposting sites the review found are gone, or graded other with a note."""
    weak = ["spamchronicles", "radaronline", "manchester-forum", "worldwebnewspapers", "newstodaynet", "newser.com"]
    pairs = [(u, g) for r in STANCES.itertuples() if r.source_url for u, g in [(r.source_url, r.source_grade)]]
    pairs += [(u, g) for r in RED_LINES.itertuples()
              for u, g in zip(r.sources, r.source_grades)]
    for url, grade in pairs:
        if any(w in url for w in weak):
            assert grade == "other", url


def test_one_address_has_one_page_date():
    dates: dict[str, set[str]] = {}
    for row in STANCES.itertuples():
        if row.source_url:
            dates.setdefault(row.source_url, set()).add(row.source_date)
    for row in RED_LINES.itertuples():
        for url, page_date in zip(row.sources, row.source_dates or ("",) * len(row.sources)):
            dates.setdefault(url, set()).add(page_date)
    assert not {u: d for u, d in dates.items() if len(d - {""}) > 1}


def test_runner_up_is_recorded_where_the_tie_rule_recoded_a_row():
    """The rows the old 'less supportive' rule decided now name their runner-up, and say why in the note."""
    rows = STANCES.set_index("stance_id")
    for stance_id in ["s011", "s019", "s024", "s028", "s030", "s036"]:  # (s037 was settled by a resolution)
        row = rows.loc[stance_id]
        assert row.stance_runner_up and row.stance_runner_up != row.stance, stance_id
        assert "tie rule" in row.note, stance_id
    old_rule = rows.note.str.contains(r"\(less supportive|coded the less supportive|less supportive\)", regex=True)
    assert not old_rule.any(), f"notes still applying the old rule: {list(rows.index[old_rule])}"


@pytest.mark.parametrize("stance_id, stance, own_troops", [("s036", "pushing", "no"), ("s031", "willing", "conditional")])
def test_corrected_codes(stance_id, stance, own_troops):
    row = STANCES.set_index("stance_id").loc[stance_id]
    assert (row.stance, row.own_troops) == (stance, own_troops)


def test_himars_is_merged_into_the_longer_range_missiles_row():
    rows = RED_LINES.set_index("event_id")
    assert "rl04" not in rows.index and not rows.step.str.contains("HIMARS").any()
    atacms = rows.loc["rl06"]
    assert (atacms.warning_date, atacms.step_status, atacms.response_category) == ("2022-06-05", "taken", "rhetorical")
    assert "rl04" in atacms.note and "Zakharova" in atacms.note
    assert "26 Feb" in rows.loc["rl02"].step_description

