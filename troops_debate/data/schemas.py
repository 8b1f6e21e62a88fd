"""Every data file's declaration: its columns (type, constraints, meaning), key, references and rules.

This is the one place a column is described: validation, the typed tables, data/README.md and
data/datapackage.json all come from here.
"""
from __future__ import annotations

from . import codebooks as cb
from .rules import (as_many_as, date_not_after, differs_from, explained_if_other, holder_follows_office,
                    labels_in_note_agree, not_both, own_troops_follow_the_words, page_not_before_statement, requires_if, same_length_lists,
                    starts_with)
from .schema import Column as C
from .schema import ForeignKey, Schema

ID = r"[a-z0-9]+(-[a-z0-9]+)*"
ACTOR_CODE = r"[A-Z]{2}|NATO|EU"
YES_NO = ("yes", "no")
ACTOR_TYPES = ("state", "institution")
DAY = r"\d{4}-\d{2}-\d{2}"


def _basis(field: str) -> C:
    return C(f"{field}_basis", "enum", f"How the {field} is known (basis codebook).", codebook=cb.BASES)


ARTICLES = Schema("articles.csv", "One row per article: outlet, title, author, date window, address, and for each "
                  "the basis on which it is known (stated in the text, inferred, found elsewhere, not stated).", (
    C("article_id", description="Short id; the text is data/articles/<article_id>.txt.", pattern=ID),
    C("outlet", description="Publisher."),
    C("section", description="Section or blog as the capture shows it.", required=False),
    C("title", description="Title, if known.", required=False), _basis("title"),
    C("subtitle", description="Subtitle, if the capture has one.", required=False),
    C("author", description="Author, if known.", required=False), _basis("author"),
    C("date_earliest", "date", "Earliest possible publication date.", pattern=DAY),
    C("date_latest", "date", "Latest possible publication date.", pattern=DAY),
    _basis("date"),
    C("date_note", description="The reasoning and evidence for the date window and any other metadata caveat."),
    C("url", "url", "Address of the article, if confirmed.", required=False), _basis("url"),
    C("metadata_sources", "urls", "Addresses ('|'-separated) where metadata was found elsewhere.", required=False),
    C("seed_file", description="The raw capture in data/raw/ (kept byte for byte) from which the clean text was "
      "made.", pattern=r"[0-9a-z_]+\.txt"),
    C("word_count", "int", "Words in the clean text (checked against the text)."),
    C("position", "enum", "The article's side: for or against sending European troops.",
      codebook=cb.ARTICLE_POSITIONS),
    C("summary", description="The book's summary of the article's argument, in its own words and attributed to "
      "the article, for the opening page (a quotation in it must be verbatim in the article).", max_len=500),
    C("licence_note", description="Terms under which the text is quoted."),
), key="article_id", row_checks=(
    *(requires_if(f, lambda r, f=f: r[f + "_basis"] != "not_stated", f"{f}_basis is not 'not_stated'")
      for f in ("title", "author", "url")),
    date_not_after("date_earliest", "date_latest", unless="date_note"),
    requires_if("metadata_sources", lambda r: "external" in (r["title_basis"], r["author_basis"], r["date_basis"],
                                                                r["url_basis"]), "a field's basis is 'external'"),
))

ACTORS = Schema("actors.csv", "The states and institutions that the data codes, with their codes.", (
    C("actor_code", description="ISO 3166-1 alpha-2 code, or NATO / EU.", pattern=ACTOR_CODE),
    C("actor", description="Name in English."),
    C("actor_type", "enum", "state or institution.", allowed=ACTOR_TYPES),
    C("nato_member", "enum", "Member of NATO in 2026.", allowed=YES_NO),
    C("eu_member", "enum", "Member of the EU in 2026.", allowed=YES_NO),
), key="actor_code")

ENTITIES = Schema("entities.csv", "Who an article can name, and the words that name them: the aliases the mention "
                  "counts look for (whole words, case-sensitive; adjectives count).", (
    C("entity", description="The entity as the book names it."),
    C("kind", "enum", "country, region, institution, leader or media.",
      allowed=("country", "region", "institution", "leader", "media")),
    C("aliases", "texts", "The words that name it in a text, '|'-separated (a longer alias wins over a shorter "
      "one it contains)."),
), key="entity")

TEASERS = Schema("teasers.csv", "Teasers for other articles that a capture also holds; not part of any article.", (
    C("teaser_id", description="Id; the text is data/articles/<teaser_id>.txt.", pattern=ID),
    C("parent_article_id", description="The article whose capture holds the teaser.", pattern=ID),
    C("seed_file", description="The raw capture in data/raw/.", pattern=r"[0-9a-z_]+\.txt"),
    C("outlet", description="Publisher."), C("section", description="Section label.", required=False),
    C("title", description="The teaser's headline."),
    C("event_date", "date", "Date of the event it reports.", precision="event_date_precision"),
    C("event_date_precision", "enum", "day, month or year.", allowed=cb.PRECISIONS),
    C("date_basis", description="How the date is known."),
    C("note", description="What the teaser is, and that it is not the article."),
), key="teaser_id", foreign_keys=(ForeignKey("parent_article_id", "articles.csv", "article_id"),))

ARGUMENTS = Schema("arguments.csv", "The argument structure of each article: one row per claim, in the book's own "
                   "words, with a short verbatim quote from the paragraph it comes from.", (
    C("article_id", description="The article.", pattern=ID),
    C("claim_id", description="Stable id: <article_id>-cNN, in reading order.", pattern=ID + r"-c\d{2}"),
    C("paragraph", "int", "Paragraph number (1-based) in the clean text."),
    C("kind", "enum", "Claim kind (codebook).", codebook=cb.CLAIM_KINDS),
    C("theme", "enum", "Shared theme (codebook).", codebook=cb.THEMES),
    C("claim", description="The claim in the book's own words, attributed to the article.", max_len=400),
    C("quote", description="Short verbatim quote from that paragraph (checked).", max_len=300),
    C("attributed_to", description="Whom the article credits for a fact (empty: the author's own voice).",
      required=False),
), key="claim_id", row_checks=(starts_with("claim_id", "article_id"),),
    foreign_keys=(ForeignKey("article_id", "articles.csv", "article_id"),))

TEASER_POSITIONS = Schema("teaser_positions.csv", "Member states' positions on the EU 'reparations loan' (December "
                          "2025) as the teaser in the rs2024 capture reports them: a different question from troops.", (
    C("teaser_id", description="The teaser.", pattern=ID),
    C("actor", description="Member state or institution (actors.csv)."),
    C("actor_code", description="Its code.", pattern=ACTOR_CODE),
    C("position", "enum", "Position on the loan proposal (codebook).", codebook=cb.LOAN_POSITIONS),
    C("quote", description="Verbatim words of the teaser (checked).", max_len=300),
    C("note", description="Caveats.", required=False),
), key="actor", foreign_keys=(ForeignKey("teaser_id", "teasers.csv", "teaser_id"),
                              ForeignKey("actor_code", "actors.csv", "actor_code")))

STANCES = Schema("stances.csv", "One row per actor per dated statement on a European force in Ukraine, coded by "
                 "the stance codebook, with a verbatim quote and its source (an article or an outside outlet).", (
    C("stance_id", description="Stable id sNNN.", pattern=r"s\d{3}"),
    C("actor", description="State or institution (as in actors.csv)."),
    C("actor_code", description="Its code (actors.csv).", pattern=ACTOR_CODE),
    C("actor_type", "enum", "state or institution.", allowed=ACTOR_TYPES),
    C("date", "date", "Date of the statement: YYYY-MM-DD, YYYY-MM or YYYY; for a row from an article, the article's "
      "date window YYYY-MM-DD/YYYY-MM-DD.", precision="date_precision"),
    C("date_precision", "enum", "day, month, year or window.", allowed=cb.PRECISIONS),
    C("holder", "enum", "Who holds the stance (codebook).", codebook=cb.HOLDERS),
    C("speaker", description="Person and office."),
    C("question", "enum", "The question the statement answers (codebook).", codebook=cb.QUESTIONS),
    C("stance", "enum", "Stance label (codebook).", codebook=cb.STANCES),
    C("stance_runner_up", "enum", "The other label, when two fit (codebook; must differ from stance; see the tie "
      "rule).", required=False, codebook=cb.STANCES),
    C("own_troops", "enum", "Whether the actor's own troops would take part (codebook).", codebook=cb.OWN_TROOPS),
    C("quote", description="The speaker's words as the cited page prints them, in that page's language, verbatim "
      "(checked against the article, or against the page's stored excerpt in excerpts.csv).", required=False,
      max_len=300),
    C("quote_language", "enum", "The language the speaker used (codebook). A quote in another language is a "
      "translation.", required=False, codebook=cb.LANGUAGES),
    C("translated_by", description="Whose translation the English the book shows is: the quote's, when the page "
      "prints the words in English but the speaker used another language (the page's outlet, or whom it "
      "credits); or the `translation`'s. Empty when the speaker's own English is quoted.", required=False),
    C("translation", description="An English rendering of a quote that is not in English (whose: translated_by; "
      "'the book' for the book's own).", required=False, max_len=300),
    C("original_quote", description="The speaker's own words, when the quote is a translation and they stand in a "
      "stored page (checked against its excerpt).", required=False, max_len=300),
    C("original_source_url", "url", "The page holding the original words.", required=False),
    C("article_id", description="Set when the row is taken from one of the articles.", required=False,
      pattern=ID),
    C("source_url", "url", "Outside source address (http/https), for rows not from an article.", required=False),
    C("source_outlet", description="The outside source's outlet.", required=False),
    C("source_kind", "enum", "Kind of source (codebook).", codebook=cb.SOURCE_KINDS),
    C("source_grade", "enum", "Grade of the outside source (codebook): official, wire_or_major or other (other only "
      "with a note saying why); empty for a row from an article.", required=False, codebook=cb.SOURCE_GRADES),
    C("source_date", "date", "The page's own publication date (YYYY-MM-DD, YYYY-MM or YYYY), not the statement's; "
      "empty when the stored copy does not show it (cited as n.d.).", required=False),
    C("checked", "enum", "Whether the source was reached and supports the row (codebook).", codebook=cb.CHECKED),
    C("note", description="Caveats: basis of the date, why a label was chosen, translations.", required=False),
), key="stance_id", row_checks=(
    differs_from("stance_runner_up", "stance"),
    holder_follows_office,
    labels_in_note_agree,
    own_troops_follow_the_words,
    requires_if("source_grade", lambda r: bool(r["source_url"]), "the row has a source_url"),
    lambda r: [(c, f"expected no {c} for a row taken from an article (the article is its source)")
               for c in ("source_grade", "source_date") if r["article_id"] and r[c]],
    explained_if_other("source_grade"),
    page_not_before_statement,
    not_both("article_id", "source_url"),
    requires_if("source_url", lambda r: not r["article_id"], "the row has no article_id"),
    requires_if("source_outlet", lambda r: bool(r["source_url"]), "the row has a source_url"),
    requires_if("quote", lambda r: bool(r["article_id"]), "the row comes from an article"),
    requires_if("quote_language", lambda r: bool(r["quote"]), "the row has a quote"),
    requires_if("original_source_url", lambda r: bool(r["original_quote"]), "the row has an original_quote"),
    requires_if("original_quote", lambda r: bool(r["original_source_url"]), "the row has an original_source_url"),
    lambda r: [("source_kind", "expected 'article' for a row taken from an article")]
    if r["article_id"] and r["source_kind"] != "article" else [],
    lambda r: [("source_kind", "'article' is only for rows with an article_id")]
    if not r["article_id"] and r["source_kind"] == "article" else [],
), foreign_keys=(ForeignKey("actor_code", "actors.csv", "actor_code"),
                 ForeignKey("article_id", "articles.csv", "article_id")))

RED_LINES = Schema("red_lines.csv", "Russia's declared red lines since 2022: the warning, the step, and the response "
                   "observed, coded by the response scale, with source addresses.", (
    C("event_id", description="Stable id rlNN, given in order of the warning and never reused (rl04 was merged into "
      "rl06).", pattern=r"rl\d{2}"),
    C("step", description="The Western or Ukrainian step."),
    C("category", "enum", "Red-line category (codebook).", codebook=cb.RED_LINE_CATEGORIES),
    C("warning_date", "date", "Date of the warning.", precision="warning_date_precision"),
    C("warning_date_precision", "enum", "day, month or year.", allowed=cb.PRECISIONS),
    C("warned_by", description="Who gave the warning (name, office)."),
    C("warning_quote", description="The warning's words as the page in warning_quote_source prints them, verbatim "
      "(checked against its stored excerpt in excerpts.csv).", max_len=300),
    C("warning_quote_source", "url", "The page the quote is taken from: one of the row's sources."),
    C("warning_quote_language", "enum", "The language the speaker used (codebook).", codebook=cb.LANGUAGES),
    C("warning_translated_by", description="Whose translation the quote is, when the speaker used another language "
      "than the page's (the page's outlet, or whom it credits).", required=False),
    C("warning_original_quote", description="The speaker's own words, where a stored page holds them (checked).",
      required=False, max_len=300),
    C("warning_original_source_url", "url", "The page holding the original words.", required=False),
    C("step_status", "enum", "Taken, partly taken or not taken (codebook).", codebook=cb.STEP_STATUSES),
    C("step_date", "date", "Date the step was taken.", required=False, precision="step_date_precision"),
    C("step_date_precision", "enum", "day, month or year.", required=False, allowed=cb.PRECISIONS),
    C("step_description", description="What was done, or why not."),
    C("response", description="The observed Russian response, in the book's words."),
    C("response_category", "enum", "Response on the ordered scale (codebook).", codebook=cb.RESPONSES),
    C("response_date", "date", "Date of the response, if one.", required=False),
    C("sources", "urls", "Source addresses, '|'-separated."),
    C("source_outlets", "texts", "Their outlets, same order."),
    C("source_kinds", "list", "Their kinds (codebook), same order.", codebook=cb.SOURCE_KINDS),
    C("source_grades", "list", "Their grades (codebook), same order; 'other' only with a note saying why.",
      codebook=cb.SOURCE_GRADES),
    C("source_dates", "dates", "The pages' own publication dates, '|'-separated in the same order; an empty entry is "
      "an unknown date (cited as n.d.).", required=False),
    C("checked", "enum", "Checking status (codebook).", codebook=cb.CHECKED),
    C("order_note", description="Why the warning came after the step, where it did.", required=False),
    C("note", description="Caveats.", required=False),
), key="event_id", row_checks=(
    requires_if("step_date", lambda r: r["step_status"] != "not_taken", "the step was taken"),
    requires_if("step_date_precision", lambda r: bool(r["step_date"]), "there is a step_date"),
    lambda r: [("step_date", "expected no step_date for a step that was not taken")]
    if r["step_status"] == "not_taken" and r["step_date"] else [],
    same_length_lists("sources", "source_outlets", "source_kinds", "source_grades"),
    as_many_as("source_dates", of="sources"),
    explained_if_other("source_grades"),
    date_not_after("warning_date", "step_date", unless="order_note"),
    lambda r: [("warning_quote_source", "expected one of the row's sources")]
    if r["warning_quote_source"] and r["warning_quote_source"] not in r["sources"].split("|") else [],
    requires_if("warning_original_source_url", lambda r: bool(r["warning_original_quote"]),
                "the row has a warning_original_quote"),
))

EXCERPTS = Schema("excerpts.csv", "The sentence of each cited page that holds a quote, exactly as the stored copy of "
                  "the page shows it, with the page's language: what the verbatim check of a quote from outside the "
                  "articles reads.", (
    C("excerpt_id", description="Stable id xNNN.", pattern=r"x\d{3}"),
    C("url", "url", "The page, as the row that quotes it cites it."),
    C("language", "enum", "The page's language (codebook).", codebook=cb.LANGUAGES),
    C("page_date", "date", "The date the stored copy shows for the page (empty when it shows none); a row citing "
      "the page carries the same date.", required=False),
    C("excerpt", description="The sentence (or two) of the stored copy that holds the quote, verbatim.", max_len=700),
), key="excerpt_id")

OUTLETS = Schema("outlets.csv", "Every outlet the record cites, with its standing: what decides the grade of each "
                 "source from it.", (
    C("outlet", description="The outlet as the record names it (source_outlet, source_outlets)."),
    C("standing", "enum", "Its standing (codebook): official, wire, major, minor, aggregator or reference.",
      codebook=cb.STANDINGS),
    C("note", description="What the outlet is."),
), key="outlet")

SCHEMAS = {s.file: s for s in (ARTICLES, ACTORS, ENTITIES, TEASERS, ARGUMENTS, STANCES, RED_LINES, TEASER_POSITIONS,
                               EXCERPTS, OUTLETS)}
