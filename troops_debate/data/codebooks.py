"""The written codebooks: every coded label in the data, its definition and its order.

The loaders accept only the labels defined here, and the method chapter renders
these tables, so the codebook a reader sees is the one the data was checked against.
"""
from __future__ import annotations

from .labels import Codebook, Label


# --- Stances on a European force in Ukraine, ordered from most supportive to hostile ---
# Colours: a blue–orange diverging scheme that stays distinct for the common forms of
# colour-blindness; each label also has its own shape, so colour is never the only cue.
STANCES = Codebook((
    Label("pushing", "Pushing",
          "Proposes, leads or actively promotes the deployment, by itself or by others.",
          "France in the December 2024 article: Macron takes a plan for a 40,000-strong force to Warsaw.",
          "#08519c", "diamond"),
    Label("willing", "Willing",
          "Declares itself ready to take part with its own troops, possibly on conditions.",
          "The UK in February 2025: ready to put British troops on the ground if necessary.",
          "#3182bd", "triangle-up"),
    Label("open", "Open",
          "Considers the idea or does not rule it out, without committing.",
          "Ukraine in the December 2024 article: Zelensky says Ukraine \u201cmay consider\u201d it.",
          "#6baed6", "square"),
    Label("cool", "Cool",
          "Publicly lukewarm: no plans to take part or commit, without opposing the idea as such.",
          "Poland in the December 2024 article: \u201ca cool public response\u201d; Tusk is not planning it.",
          "#fdae6b", "circle"),
    Label("distant", "Distant",
          "Distances itself from the idea; calls the debate premature or unwelcome.",
          "Germany in the December 2024 article: Merz \u201chas also distanced himself from the idea\u201d.",
          "#e6550d", "triangle-down"),
    Label("opposed", "Opposed",
          "Rejects the deployment, without treating the force as an adversary.",
          "A government that says no to any such force.",
          "#a63603", "cross"),
    Label("hostile", "Hostile",
          "Rejects the deployment and treats the force as an adversary or a target.",
          "Russia: foreign troops in Ukraine would be \u201clegitimate targets\u201d.",
          "#67000d", "triangle-right"),
    Label("not_stated", "Not stated",
          "Named in the debate, but no position on the troops question is recorded.",
          "NATO in the December 2024 article: its foreign ministers discussed the idea.",
          "#969696", "stroke"),
))

OWN_TROOPS = Codebook((
    Label("yes", "Yes", "The actor says its own troops would take part, with no condition stated."),
    Label("conditional", "Conditional", "Its own troops would take part only on stated conditions (a ceasefire "
          "first, a mandate, a parliament's approval, a US backstop)."),
    Label("no_plan", "No plan at present", "It has no plan, or no intention at present, to send its own troops, "
          "without ruling them out: words of plan, intention or present feeling (\u201cwe are not planning\u201d, "
          "\u201cwe do not plan\u201d, \u201cI cannot imagine it today\u201d).",
          "Poland in the December 2024 article: \u201cAt the moment we\u2019re not planning such activities.\u201d"),
    Label("no", "Rules out", "It rules out sending its own troops to the deployment under discussion: words of "
          "refusal or decision (\u201cwill not\u201d, \u201cthere will not be\u201d, \u201crule out\u201d, "
          "\u201cthe exclusion of\u201d).",
          "Italy on 6 January 2026: \u201cl\u2019esclusione dell\u2019impiego di truppe italiane sul terreno\u201d "
          "(AFP: \u201cthe exclusion of the use of Italian troops on the ground\u201d)."),
    Label("not_stated", "Not stated", "The statement says nothing about its own troops."),
    Label("not_applicable", "Not applicable", "The actor has no troops to send, or the question does not arise "
          "(Russia; Ukraine, the host; an institution)."),
))

HOLDERS = Codebook((
    Label("head_of_state", "Head of state", "A president or monarch speaking for the state (a president-elect "
          "counts as the incoming head of state)."),
    Label("head_of_government", "Head of government", "A prime minister or chancellor in office."),
    Label("government", "Government", "The government as a body, or unnamed officials speaking for it."),
    Label("minister", "Minister", "A minister speaking in office (foreign, defence \u2026)."),
    Label("opposition_leader", "Opposition leader", "The leader of a party not (yet) in government."),
    Label("official", "Official", "A spokesperson or other official who is not a minister."),
    Label("parliament", "Parliament", "A parliament or its resolution."),
    Label("institution", "Institution", "An international institution (NATO, the EU) or its officials."),
))

# The speaker's office decides the holder: the office is what follows the name in `speaker` ("Keir Starmer,
# Prime Minister (remarks …)" -> "Prime Minister"), matched by its first words; unnamed officials ("British
# officials (unnamed)") hold the government's stance.
HOLDER_OFFICES: dict[str, str] = {
    "President-elect": "head_of_state", "President": "head_of_state",
    "Prime Minister": "head_of_government", "Chancellor": "head_of_government",
    "Foreign Minister": "minister", "Defence Minister": "minister", "Minister": "minister",
    "Secretary of Defense": "minister", "Secretary of State": "minister",
    "CDU leader": "opposition_leader",
    "Kremlin spokesman": "official", "Foreign Ministry spokeswoman": "official", "US Special Envoy": "official",
}

QUESTIONS = Codebook((
    Label("before_ceasefire", "Before a ceasefire", "Troops deployed before or without a ceasefire."),
    Label("after_ceasefire", "After a ceasefire", "A force deployed once a ceasefire holds."),
    Label("settlement", "As part of a settlement", "A force written into a peace settlement or agreement."),
    Label("unspecified", "Unspecified", "Neither the statement nor the proposal it answers says when or under "
          "what terms."),
))

SOURCE_KINDS = Codebook((
    Label("article", "One of the articles", "The row is taken from the text of one of the articles (its article_id)."),
    Label("original", "Original outlet", "The outlet that reported or published the statement first-hand."),
    Label("wire", "News agency", "A wire service report."),
    Label("repost", "Repost", "A copy of another outlet's report; the original could not be named or reached."),
    Label("state_media", "State media",
          "State-owned media (e.g. TASS, Anadolu, TRT, Ukrinform), used only for what officials said."),
    Label("reference", "Reference work", "An overview such as an encyclopedia article."),
))

# The grade of a row's source: how close it is to the speaker's own words. Every external row
# carries the best grade that a stored copy supports, in this order.
SOURCE_GRADES = Codebook((
    Label("official", "Official record",
          "The speaker's own record: a government or ministry transcript or official statement."),
    Label("wire_or_major", "Wire or major outlet",
          "A wire agency, or a major outlet reporting the statement first-hand (a wire report carried "
          "verbatim by a newspaper that credits the agency counts as the agency's)."),
    Label("other", "Other",
          "Anything else (a repost, an aggregator, a minor site, a reference work), used only with a note "
          "that says why nothing better was found (write 'Graded other: …' in the note)."),
))

# The standing of an outlet (data/outlets.csv), stated once per outlet; it decides the grade of every source
# from that outlet (GRADE_OF_STANDING), so a small outlet relaying a wire report is graded as what it is.
STANDINGS = Codebook((
    Label("official", "Official record", "The speaker's own record, or a faithful copy of it (a government's "
          "published remarks)."),
    Label("wire", "News agency", "A wire service (AP, Reuters, AFP, dpa, TASS, Interfax, UNN, Ukrinform \u2026)."),
    Label("major", "Major outlet", "A national newspaper or broadcaster, or a large international news site, "
          "including one carrying a credited wire report."),
    Label("minor", "Minor outlet", "A small, regional, local or trade outlet, including one relaying a wire or a "
          "major outlet's report."),
    Label("aggregator", "Aggregator", "A site that reposts or summarises other outlets' reports."),
    Label("reference", "Reference work", "An encyclopedia or similar overview."),
))
GRADE_OF_STANDING = {"official": "official", "wire": "wire_or_major", "major": "wire_or_major", "minor": "other",
                     "aggregator": "other", "reference": "other"}

CHECKED = Codebook((
    Label("yes", "Checked", "A stored copy of the source was found and supports the row."),
    Label("partly", "Partly checked", "Some details of the row were confirmed, others rest on the research notes."),
    Label("lead", "Lead only", "Taken from the research notes; the source was not reached to confirm it."),
))

# The language a speaker used, and the language of a stored page (ISO 639-1). A quote in another language
# than its speaker's is a translation, and the record says whose (stances.csv: translated_by).
LANGUAGES = Codebook(tuple(Label(code, name, f"{name} (ISO 639-1 {code}).") for code, name in (
    ("en", "English"), ("fr", "French"), ("de", "German"), ("it", "Italian"), ("nl", "Dutch"), ("pl", "Polish"),
    ("da", "Danish"), ("sv", "Swedish"), ("no", "Norwegian"), ("fi", "Finnish"), ("et", "Estonian"),
    ("lv", "Latvian"), ("lt", "Lithuanian"), ("tr", "Turkish"), ("uk", "Ukrainian"), ("ru", "Russian"))))
THE_BOOK = "the book"  # translated_by for a translation the book made itself

# --- Claims in the articles ---
CLAIM_KINDS = Codebook((
    Label("thesis", "Thesis", "The article's central contention."),
    Label("argument", "Argument", "A reason the author offers for or against the thesis."),
    Label("evidence", "Evidence", "A fact, figure or report the article cites, with whom it credits."),
    Label("prediction", "Prediction", "What the author says will or would happen."),
    Label("recommendation", "Recommendation", "What the author says should be done."),
    Label("concession", "Concession", "A point granted to the other side, or the other side's view stated."),
    Label("context", "Context", "Background the article sets out without arguing it."),
))

THEMES = Codebook((
    Label("russia_position", "Russia's position",
          "What Moscow will accept and how it reads a Western force."),
    Label("escalation", "Escalation and Russian threats",
          "The risk of escalation, the danger to the troops, and how credible Russian threats are."),
    Label("us_role", "The US role",
          "The United States' role, commitment and backstop."),
    Label("ceasefire_timing", "Timing and the peace process",
          "The peace process, and when a force would deploy relative to a ceasefire or settlement."),
    Label("force_role", "The force's role",
          "What the force would be and do: size, tasks, location."),
    Label("european_will", "European will",
          "European governments' positions and public opinion on sending troops."),
    Label("european_agency", "Europe's agency",
          "Europe's own role, leverage and stake in the settlement."),
    Label("ukraine_interest", "Ukraine's interest",
          "Ukraine's interest and its stated position."),
))

# --- Russia's red lines ---
RED_LINE_CATEGORIES = Codebook((
    Label("weapons_supply", "Weapons supply", "The supply of a category of weapons to Ukraine."),
    Label("weapons_use", "Use inside Russia", "Ukraine's use of Western weapons on Russian territory."),
    Label("troops", "Western troops", "Western forces on Ukrainian soil."),
    Label("alliance", "Alliance membership", "NATO membership or enlargement."),
    Label("other", "Other", "Any other declared red line."),
))

# Ordered from no response to the most direct one. Okabe–Ito colours (colour-blind safe),
# with a distinct shape for each level.
RESPONSES = Codebook((
    Label("none_found", "None found", "No Russian response to the step was found in the sources.",
          "", "#999999", "stroke"),
    Label("rhetorical", "Rhetorical", "Statements only: warnings, condemnation, threats in words.",
          "Peskov on the Abrams tanks: they \u201ctoo will burn\u201d.", "#56B4E9", "circle"),
    Label("military_signalling", "Military signalling",
          "Conventional military moves, exercises or deployments presented as a response.",
          "The re-creation of the Leningrad and Moscow military districts in February 2024, presented as a "
          "reaction to Finland and Sweden joining NATO.", "#009E73", "square"),
    Label("nuclear_signalling", "Nuclear signalling",
          "Nuclear drills, changes to nuclear doctrine, deployments of nuclear weapons, or explicit nuclear "
          "threats tied to the step.",
          "Tactical nuclear drills announced in May 2024, citing Macron's remarks.", "#E69F00", "diamond"),
    Label("strike_on_systems", "Strike on the systems",
          "A claimed or confirmed strike on the delivered systems that the sources present as a response to "
          "the delivery; ordinary battlefield losses do not count.",
          "Russia's claim to have destroyed a Patriot battery in Kyiv in May 2023.", "#D55E00",
          "triangle-up"),
    Label("attack_on_nato", "Attack on a NATO state",
          "A military attack on the territory or forces of a NATO member, presented as a response.",
          "", "#CC79A7", "cross"),
))

STEP_STATUSES = Codebook((
    Label("taken", "Taken", "The step was taken."),
    Label("partly_taken", "Partly taken", "The step was taken in part or with limits."),
    Label("not_taken", "Not taken", "The step has not been taken."),
))

BASES = Codebook((
    Label("text", "Stated in the text", "The captured text states it."),
    Label("inferred", "Inferred", "Inferred from what the text says; the basis is given."),
    Label("external", "Found elsewhere", "Found in a source outside the capture; its address is given."),
    Label("unconfirmed", "Unconfirmed lead",
          "Given by the project's research notes, but not confirmed in a source we could reach."),
    Label("not_stated", "Not stated", "Neither the text nor a source we could reach states it."),
))

ARTICLE_POSITIONS = Codebook((
    Label("against", "Against", "Argues against sending European troops."),
    Label("for", "For", "Argues for sending European troops."),
))

# Positions on the EU "reparations loan" (frozen Russian assets), December 2025: a
# different question, reported by a teaser that the rs2024 capture also holds.
LOAN_POSITIONS = Codebook((
    Label("leading_proponent", "Leading proponent", "Named as the proposal's foremost advocate.",
          "", "#0072B2", "diamond"),
    Label("supporter", "Main supporter", "Named among the proposal's main supporters.", "", "#56B4E9", "circle"),
    Label("opposed", "Opposed", "Named among the members that opposed the proposal.", "", "#D55E00", "cross"),
))

PRECISIONS = ("day", "month", "year", "window")

CODEBOOKS: dict[str, Codebook] = {
    "Stance on a European force (stances.csv: stance)": STANCES,
    "Own troops (stances.csv: own_troops)": OWN_TROOPS,
    "Who holds the stance (stances.csv: holder)": HOLDERS,
    "The question answered (stances.csv: question)": QUESTIONS,
    "Claim kinds (arguments.csv: kind)": CLAIM_KINDS,
    "Themes (arguments.csv: theme)": THEMES,
    "Red-line categories (red_lines.csv: category)": RED_LINE_CATEGORIES,
    "Russian responses (red_lines.csv: response_category)": RESPONSES,
    "Step status (red_lines.csv: step_status)": STEP_STATUSES,
    "Kinds of source (source_kind, source_kinds)": SOURCE_KINDS,
    "Source grades (stances.csv: source_grade; red_lines.csv: source_grades)": SOURCE_GRADES,
    "EU-loan positions in the teaser (teaser_positions.csv: position)": LOAN_POSITIONS,
    "Checking (checked)": CHECKED,
    "Standing of an outlet (outlets.csv: standing)": STANDINGS,
    "Languages (quote_language; excerpts.csv: language)": LANGUAGES,
    "Basis of article metadata (articles.csv: *_basis)": BASES,
}

# The rule for hard cases, stated once; data/README.md and the method chapter print it.
TIE_RULE = ("Code what the statement commits the speaker to (what the speaker says they will or will not "
            "do, propose or accept), not the mood of the report. A statement that promotes a deployment by "
            "others is `pushing`, whatever it says of the speaker's own troops. When two labels fit, choose "
            "the one the statement's operative words commit the speaker to and record the other in "
            "`stance_runner_up`; neither the more nor the less supportive label is preferred by default.")

# The timing question: sharpened after the second coding showed the two coders reading it differently
# (one from the statement's words alone, one from the proposal the statement answered).
QUESTION_RULE = ("Code the timing the statement itself gives. Where it gives none, code the timing of the proposal "
                 "it answers, as its source reports it (for instance, a force to secure a ceasefire discussed at "
                 "the meeting where the statement was made); `unspecified` only when neither says.")

# The own-troops question: sharpened after a reading of the book found "not planning at the moment" coded as
# ruling out (issue 23).
OWN_TROOPS_RULE = ("Code the words about the speaker's own soldiers for the deployment the statement is about. "
                   "`no` (rules out) needs words of refusal or decision; words of plan, intention or present "
                   "feeling are `no_plan`. A refusal limited to a time before the deployment under discussion (no "
                   "troops until a ceasefire, when the force would come after one) does not rule that deployment "
                   "out.")

# Rules that go with a codebook, printed under its table.
CODEBOOK_RULES: dict[str, str] = {
    "Stance on a European force (stances.csv: stance)": TIE_RULE,
    "Own troops (stances.csv: own_troops)": OWN_TROOPS_RULE,
    "The question answered (stances.csv: question)": QUESTION_RULE,
    "Source grades (stances.csv: source_grade; red_lines.csv: source_grades)":
        "For every external row, the best source a stored copy supports, in this order: the speaker's own "
        "record, then a wire agency or a major outlet, then anything else with a note. A row from one of the "
        "articles has no grade (the article is its source).",
}

# Where a grade of `other` is explained: the row's note must say so in these words.
OTHER_GRADE_MARK = "Graded other:"
