"""spin_model: the language table, ill-fitting words, rare synonyms, and NL203's verdict from them.

Every text here was written for these tests."""
from __future__ import annotations

from newslint.families.spin import model as spin_model
from newslint.families.spin.rules import article_score
from newslint.model.document import Document
from newslint.testing import lint_text

CLEAN = (
    "The council said on Monday that it would close two libraries in the north of the city next "
    "year, blaming a fall in the money it gets from the government. Residents said they were angry "
    "about the plan and would hold a meeting at the town hall on Friday evening. The leader of the "
    "council told reporters that no decision had been made about the other branches, but that the "
    "budget was under pressure from rising costs. Opposition members said the cuts would hurt "
    "children and older people most, and called for a vote before the end of the month. A spokesman "
    "for the library service said staff would be offered other jobs where possible. The two "
    "buildings have served the area for more than fifty years, and a local history group has asked "
    "for their collections to be kept together. The final decision is expected in the spring, after "
    "a public consultation that will run for six weeks.\n"
)
# The same story after a first-synonym spinner: chemical symbols for prepositions, odd verbs.
SPUN = (
    "The assembly aforesaid connected Monday that it would adjacent 2 libraries successful the "
    "bluish of the metropolis adjacent twelvemonth, blaming a autumn successful the wealth it gets "
    "from the authorities. Residents aforesaid they were aggravated astir the program and would "
    "clasp a gathering astatine the municipality hallway connected Friday evening. The person of the "
    "assembly told reporters that nary determination had been made astir the different branches, "
    "but that the fund was nether unit from emergence costs. Opposition members aforesaid the cuts "
    "would wounded children and older radical astir, and called for a ballot earlier the extremity "
    "of the period. A spokesman for the room work aforesaid unit would beryllium offered different "
    "jobs wherever imaginable. The 2 buildings person served the country for much than fifty years, "
    "and a section past radical has asked for their collections to beryllium kept unneurotic. The "
    "last determination is expected successful the outpouring, aft a nationalist consultation that "
    "volition tally for six weeks, officials aforesaid connected Tuesday evening.\n"
)


def _misfits(text: str) -> list[spin_model.Misfit]:
    return spin_model.misfits(Document.from_text("a.txt", text))[0]


def test_table_loads_with_sentence_marks_and_neighbours():
    m = spin_model.model()
    known = len(m.known)
    assert known == 65535 and m.known == sorted(m.known) and m.rare == sorted(m.rare)
    assert 0 <= m.word_id("<s>") < known and 0 <= m.word_id("</s>") < known
    rare = m.word_id("twelvemonth")  # a rare synonym: the thesaurus knows it, the model not
    assert rare >= known and m.rare[rare - known] == "twelvemonth"
    assert "year" in {m.known[i] for i in m.neighbours(rare)}  # its neighbours are in the table too
    assert m.word_id("zzqxv") == -1
    near = {m.known[i] for i in m.neighbours(m.word_id("nether"))}
    assert "under" in near and len(near) <= 12


def test_bigram_lookup_prefers_the_usual_pair_and_falls_back_to_backoff():
    m = spin_model.model()
    i = m.word_id
    conference, seen = m.logprob(i("news"), i("conference"))
    convention, _ = m.logprob(i("news"), i("convention"))
    assert seen and conference > convention + 1
    assert m.logprob(i("in"), i("the"))[0] > m.logprob(i("successful"), i("the"))[0] + 1
    # An unseen pair is estimated from the backoff weight and the unigram, never zero.
    value, seen = m.logprob(i("zucchini"), i("parliamentary"))
    assert not seen and -12 < value < -3


def test_spinner_swaps_are_ill_fitting_with_the_original_as_the_better_word():
    found = {(x.word, x.better) for x in _misfits(SPUN)}
    words = {w for w, _ in found}
    assert {"astatine", "aforesaid"} <= words  # rare synonyms: the model does not know them
    assert ("imaginable", "possible") in found  # "wherever possible": seen both sides, far ahead
    # "nether unit": "under" and "down" fit about equally and neither was seen before "unit", so the
    # word is ill-fitting but no original is guessed.
    assert ("nether", "") in found


def test_restored_original_must_fit_both_sides_and_lead_clearly():
    m = spin_model.model()
    i = m.word_id
    assert m.known[spin_model._restore(m, i("wherever"), i("imaginable"), i("</s>"))] == "possible"
    assert spin_model._restore(m, i("was"), i("nether"), i("unit")) == -1


def test_clean_text_has_few_misfits():
    assert len(_misfits(CLEAN)) <= 2


def test_names_numbers_and_capitals_are_not_judged():
    text = "Astatine Ltd said Successful Holdings paid 12 astatine-free dividends.\n"
    assert all(x.word[0].islower() for x in _misfits(text))


def test_article_verdict_flags_spun_copy_and_not_the_original():
    spun = [d for d in lint_text(SPUN, ["NL203"])]
    assert len(spun) == 1 and "ill-fitting words" in spun[0].message and "astatine" in spun[0].message
    assert lint_text(CLEAN, ["NL203"]) == []


def test_short_texts_get_no_verdict():
    assert lint_text(" ".join(SPUN.split()[:55]) + "\n", ["NL203"]) == []


def test_a_text_with_few_judged_words_needs_a_higher_score():
    # Below 150 words the model judged, the bar rises with the square root of 150 / judged: the score
    # is a density over the judged words. A heavily spun 100-word text still passes it; its original
    # does not.
    short = " ".join(SPUN.split()[:100]) + "\n"
    judged = article_score(Document.from_text("a.txt", short), 3.0).parts[2]
    (d,) = lint_text(short, ["NL203"])
    assert judged < 150 and f"threshold {125 * (150 / judged) ** 0.5:.0f}" in d.message
    assert lint_text(" ".join(CLEAN.split()[:100]) + "\n", ["spin"]) == []


def test_ill_fitting_words_of_a_spun_article_are_flagged_with_the_neighbour_as_unsafe_fix():
    found = {SPUN[d.start_offset : d.end_offset]: d for d in lint_text(SPUN, ["spin"]) if d.code == "NL204"}
    assert "imaginable" in found and "clasp" in found
    fix = found["imaginable"].fix
    assert fix is not None and fix.safety.value == "unsafe" and fix.edits[0].replacement == "possible"
    # Where neighbours fit about equally, the word is reported without a guess, and the message
    # says why; so does a weaker misfit (below word-margin), which never gets a guess.
    assert all(d.fix is not None or "clearly the original" in d.message or "no original is guessed" in d.message
               for d in found.values() if "rare synonym" not in d.message)


def test_rare_synonyms_of_a_spun_article_are_flagged_with_the_neighbour_that_fits():
    text = SPUN.replace("officials aforesaid connected Tuesday evening.",
                        "officials aforesaid connected Tuesday, the aforesaid time arsenic past twelvemonth.")
    rare = [d for d in lint_text(text, ["NL204"]) if "rare synonym" in d.message]
    fixes = {(text[d.start_offset : d.end_offset], d.fix.edits[0].replacement if d.fix else None) for d in rare}
    # A neighbour is offered only where the model has seen it beside both words around it and it
    # fits clearly better than the others.
    assert {("aforesaid", "said"), ("aforesaid", "same")} <= fixes
    # "past twelvemonth .": year, week and month all fit; no guess between them.
    assert ("twelvemonth", None) in fixes and ("twelvemonth", "week") not in fixes
    # No neighbour of the chemical element fits "a gathering astatine the": reported, no guess offered.
    assert ("astatine", None) in fixes and ("astatine", "silver") not in fixes
    assert all(d.fix.safety.value == "unsafe" for d in rare if d.fix)


def test_rare_words_in_edited_copy_are_not_reported():
    # A rare or old-fashioned word in an article that does not read as spun is the writer's choice.
    text = CLEAN.replace("next year", "next twelvemonth").replace("angry about", "angry anent")
    assert [d.code for d in lint_text(text, ["spin"])] == []


def test_no_word_finding_outside_a_spun_article():
    # One odd word in otherwise edited copy: the article is not spun, so the word is not reported.
    text = CLEAN.replace("where possible", "wherever imaginable")
    assert [d.code for d in lint_text(text, ["spin"])] == []


def test_the_model_verdict_needs_no_numpy_and_ships_its_licences():
    import subprocess
    import sys

    code = ("import sys; from newslint.testing import lint_text; from tests.test_spin_model import SPUN; "
            "assert any(d.code == 'NL203' for d in lint_text(SPUN, ['spin'])); print('numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # importing numpy alone would cost more than the start-up budget
    licence = (spin_model.data_dir() / "spin-lm-LICENSE.txt").read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in licence and "public domain" in licence


def test_spun_text_breaks_more_word_pairs_than_edited_text():
    clean = spin_model.misfits(Document.from_text("a.txt", CLEAN))
    spun = spin_model.misfits(Document.from_text("a.txt", SPUN))
    assert clean.pairs > 100 and spun.pairs > 100
    assert spun.unseen / spun.pairs > 2 * clean.unseen / clean.pairs


def test_verdict_message_lists_the_evidence():
    (d,) = lint_text(SPUN, ["NL203"])
    assert "never seen by the language model" in d.message and "'aforesaid' (rare synonym)" in d.message


def test_a_hard_wrapped_line_keeps_its_context():
    # Markdown wraps sentences: "the town\nhall" is one phrase; after a full stop or before a
    # capital the newline still ends the context.
    m = spin_model.model()
    wrapped = spin_model._tokens(Document.from_text("a.md", "They met at the town\nhall on Friday.\n"), m).ids
    assert m.word_id("town") in wrapped and wrapped[wrapped.index(m.word_id("town")) + 1] == m.word_id("hall")
    ended = spin_model._tokens(Document.from_text("a.md", "They met in the town\nHall staff said so.\n"), m).ids
    assert ended[ended.index(m.word_id("town")) + 1] == m.word_id("</s>")
    assert not spin_model._wrapped("a list\n\nnext", 6) and spin_model._wrapped("a list\n  next", 6)


def test_a_repeated_topic_word_counts_twice_at_most():
    from newslint.families.spin.rules import article_score

    # The same misfit word six times scores as two occurrences: a writer's topic word, not six swaps.
    once = " ".join(["The council met on Monday and the members agreed to wherever imaginable plans."] * 2)
    many = " ".join(["The council met on Monday and the members agreed to wherever imaginable plans."] * 6)
    one, six = (article_score(Document.from_text("a.txt", t + "\n"), 3.0) for t in (once, many))
    assert sum(x.word == "imaginable" for x in six.misfits) == 6
    assert one.parts[0] == six.parts[0] == 2  # clear misfits counted
    judged = six.parts[2]
    assert judged == 3 * one.parts[2] and six.parts[1] == 3 * one.parts[1]  # the rest scales with the text
    # The score is those two per 1,000 judged words plus 0.15 per deletable word (no phrases here).
    assert abs(six.score - (2 + 0.15 * six.parts[1]) * 1000 / judged) < 1e-9


def test_no_original_is_guessed_from_a_spun_context():
    found = [spin_model.Misfit(0, 5, "a", "x", 5.0), spin_model.Misfit(6, 9, "b", "y", 5.0),
             spin_model.Misfit(20, 24, "c", "z", 5.0)]
    kept = spin_model._trusted_context(found, [3, 4, 9])
    # Tokens 3 and 4 are side by side: each was judged against the other's spun word.
    assert [f.better for f in kept] == ["", "", "z"] and [f.word for f in kept] == ["a", "b", "c"]
