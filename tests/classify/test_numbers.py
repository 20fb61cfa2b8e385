"""Numbers compared by value, the span covering the whole number (texts written for these tests)."""

import pytest
from tests.conftest import changes_of

from storydiff.classify.features import numbers
from storydiff.text.tokens import tokenize


@pytest.mark.parametrize(
    "text,value,span_text",
    [
        ("The fund held 2,417,000 shares.", 2417000, "2,417,000"),
        ("The fund held 2.417.000 shares.", 2417000, "2.417.000"),
        ("The fund held 2 417 000 shares.", 2417000, "2 417 000"),
        ("Sales reached 1,000.50 dollars.", 1000.5, "1,000.50"),
        ("They agreed a five-year plan.", 5, "five-year"),
        ("It was a 10-day strike.", 10, "10-day"),
        ("About three hundred people came.", 300, "three hundred"),
        ("The loan was 2.5m euros.", 2.5e6, "2.5m"),
        ("The 22-year-old driver was unhurt.", 22, "22-year-old"),
        ("A woman in her 40s was unhurt.", 40, "40s"),
        ("Each bag holds 200g of rice.", 200, "200g"),
        ("The state counted 4.67 lakh cases.", 467000, "4.67 lakh"),
        ("The striker scored twice before the break.", 2, "twice"),
        ("They backed a twenty-five-year lease.", 25, "twenty-five-year"),
        ("About a dozen boats sank.", 12, "a dozen"),
        ("More than a hundred guests came.", 100, "a hundred"),
        ("The club paid £101million for him.", 101e6, "101million"),
    ],
)
def test_values_and_spans(text, value, span_text):
    facts = numbers(tokenize(text))
    assert len(facts) == 1
    assert float(facts[0].key) == pytest.approx(value)
    s, e = facts[0].span
    assert text[s:e] == span_text


@pytest.mark.parametrize(
    "a,b,a_text,b_text",
    [
        (
            "The county counted 2,417,000 voters.",
            "The county counted 2,471,000 voters.",
            "2,417,000",
            "2,471,000",
        ),
        (
            "The hall seats 800 people, its owners said.",
            "The hall seats 8,000 people, its owners said.",
            "800",
            "8,000",
        ),
        ("Ministers backed a five-year plan.", "Ministers backed a six-year plan.", "five-year", "six-year"),
    ],
)
def test_number_changes_are_whole_numbers(cmp, a, b, a_text, b_text):
    found = changes_of(cmp(a, b), "number")
    assert [(c.a_text, c.b_text, c.severity) for c in found] == [(a_text, b_text, "major")]


def test_same_value_written_two_ways_is_no_number_change(cmp):
    r = cmp("The county counted 2,417,000 voters.", "The county counted 2 417 000 voters.")
    assert changes_of(r, "number") == []


@pytest.mark.parametrize(
    "text,keys",
    [
        ("Winds of 5-10 m/s are expected.", ["5", "10"]),
        ("Winds of 5–10 m/s are expected.", ["5", "10"]),  # an en dash reads as a hyphen
        ("Rates may end in the range of 6.2-7%.", ["6.2", "7"]),
        ("Rates may end in the range of 6.2%-7%.", ["6.2", "7"]),
        ("According to the police, no one was injured.", []),
    ],
)
def test_ranges_read_alike(text, keys):
    assert [f.key for f in numbers(tokenize(text))] == keys


@pytest.mark.parametrize(
    "a,b",
    [
        ("The fire was reported at 14:00 on Monday.", "The fire was reported at 2 pm on Monday."),
        ("He won the title in the 2017-18 season.", "He won the title in the 2017/18 season."),
        ("Wind will blow at 2-7 m/s tonight.", "Wind will blow at 2–7 m/s tonight."),
    ],
)
def test_one_fact_written_two_ways_is_no_change(cmp, a, b):
    assert not [c for c in changes_of(cmp(a, b)) if c.severity == "major"]


@pytest.mark.parametrize("text,keys", [("on July 264.", ["264"]), ("July 26", []), ("in July 2020", [])])
def test_a_figure_beside_a_month_is_a_day_only_when_it_can_be_one(text, keys):
    assert [f.key for f in numbers(tokenize(text, 0))] == keys


@pytest.mark.parametrize(
    "a,b",
    [
        ("Inflation reached 3.6 percent in June.", "Inflation reached about 4 percent in June."),
        ("The landslide buried 28 homes.", "The landslide buried nearly 30 homes."),
    ],
)
def test_a_figure_the_other_version_says_it_approximates_is_a_rounding(cmp, a, b):
    [c] = changes_of(cmp(a, b), "number")
    assert c.severity == "minor" and "rounded" in c.explanation


@pytest.mark.parametrize(
    "a,b",
    [
        ("The landslide buried 28 homes.", "The landslide buried 30 homes."),  # no "about": a new count
        ("The landslide buried 21 homes.", "The landslide buried about 30 homes."),  # 21 is not about 30
    ],
)
def test_an_approximation_must_round_to_the_figure(cmp, a, b):
    [c] = changes_of(cmp(a, b), "number")
    assert c.severity == "major"


def test_compound_ordinals_read_alike(cmp):
    assert changes_of(cmp("It was her twenty-first title.", "It was her 21st title.")) == []
    [c] = changes_of(cmp("It was her twenty-first title.", "It was her 22nd title."), "number")
    assert c.severity == "major"


@pytest.mark.parametrize(
    "a,b,a_text,b_text",
    [
        (
            "The club paid $4.2 million for him.",
            "The club paid £4.2 million for him.",
            "$4.2 million",
            "£4.2 million",
        ),
        ("The fine was 300,000 euros.", "The fine was 300,000 dollars.", "300,000 euros", "300,000 dollars"),
    ],
)
def test_the_same_figure_in_another_currency_is_a_major_change(cmp, a, b, a_text, b_text):
    [c] = changes_of(cmp(a, b))
    assert (c.type, c.severity, c.a_text, c.b_text) == ("number", "major", a_text, b_text)


def test_a_currency_written_another_way_or_left_out_is_no_change(cmp):
    assert changes_of(cmp("The fund raised 2.5 mln dlrs.", "The fund raised $2.5 million.")) == []
    assert changes_of(cmp("The fund raised 2.5 million.", "The fund raised $2.5 million.")) == []


def test_a_score_read_the_other_way_round_is_a_major_change(cmp):
    [c] = changes_of(cmp("The motion carried 52-48.", "The motion carried 48-52."))
    assert (c.type, c.severity, c.a_text, c.b_text) == ("number", "major", "52-48", "48-52")
    assert changes_of(cmp("The motion carried 52-48.", "The motion carried 52–48.")) == []


def test_a_rank_written_with_a_superlative_is_an_ordinal(cmp):
    assert (
        changes_of(
            cmp("The port is the third largest in Europe.", "The port is the third-largest in Europe.")
        )
        == []
    )
    facts = numbers(tokenize("He bought a second-hand van."))
    assert facts == []  # "second-hand" ranks nothing


def test_one_of_is_no_new_figure(cmp):
    r = cmp(
        "One of the guards who found the body spoke to reporters.",
        "A guard who found the body spoke to reporters.",
    )
    assert all(c.severity == "minor" for c in changes_of(r, "number"))
    assert (
        changes_of(
            cmp(
                "The paper survives in four copies, of which one is dated.",
                "The paper survives in four copies, one of which is dated.",
            ),
            "number",
        )
        == []
    )


@pytest.mark.parametrize(
    "a,b",
    [
        ("The fine was USD 300,000.", "The fine was EUR 300,000."),  # ISO codes, reported once
        ("The fee was 5,000 won.", "The fee was 5,000 yen."),  # any currency CLDR names
        ("The fund lost 40 mln stg.", "The fund lost 40 mln dlrs."),  # wire style
    ],
)
def test_currencies_come_from_cldr_and_wire_style(cmp, a, b):
    assert [(c.type, c.severity) for c in changes_of(cmp(a, b))] == [("number", "major")]


def test_a_unit_word_before_a_figure_is_no_currency(cmp):
    assert changes_of(cmp("The motion won 52-48.", "The motion won 52-48 on Monday."), "number") == []


@pytest.mark.parametrize(
    "a,b,severity",
    [
        ("The fair drew thousands of visitors.", "The fair drew hundreds of visitors.", "major"),
        ("Tens of thousands marched.", "Hundreds of thousands marched.", "major"),
        ("The fair drew thousands of visitors.", "The fair drew 300 visitors.", "major"),
        (
            "The fair drew thousands of visitors.",
            "The fair drew 3,000 visitors.",
            "minor",
        ),  # within the order
        ("Dozens of homes were flooded.", "Homes were flooded.", "minor"),  # no figure of record
    ],
)
def test_quantities_named_by_their_order(cmp, a, b, severity):
    [c] = changes_of(cmp(a, b), "number")
    assert c.severity == severity


def test_a_rounding_is_paired_before_reading_order(cmp):
    """A figure dropped before a rounded one: the rounding pairs with its own figure, the other is dropped."""
    result = cmp(
        "Shipping makes up 42 percent of the index, which fell 3.9 percent on Monday.",
        "The index fell 3.86 percent on Monday.",
    )
    found = {(c.a_text, c.b_text, c.severity) for c in changes_of(result) if c.type == "number"}
    assert ("3.9", "3.86", "minor") in found
    assert ("42", "", "major") in found


@pytest.mark.parametrize(
    "a,b",
    [
        ("It is the third-largest bank.", "It is the 3rd largest bank."),
        ("They agreed a five-year plan.", "They agreed a 5 year plan."),
    ],
)
def test_the_word_a_figure_carries_is_read_with_it(cmp, a, b):
    assert changes_of(cmp(a, b)) == []


@pytest.mark.parametrize(
    "a,b,a_text,b_text",
    [
        ("More than 50 people died in the flood.", "50 people died in the flood.", "More than 50", "50"),
        ("Nearly 40 boats sank.", "Over 40 boats sank.", "Nearly 40", "Over 40"),
        (
            "The fund raised at least $3 million.",
            "The fund raised up to $3 million.",
            "at least $3 million",
            "up to $3 million",
        ),
    ],
)
def test_the_same_figure_bounded_otherwise_is_a_major_change(cmp, a, b, a_text, b_text):
    """ "more than 50", "50" and "nearly 50" are three claims about one figure."""
    found = [c for c in changes_of(cmp(a, b)) if c.type == "number"]
    assert [(c.severity, c.a_text, c.b_text) for c in found] == [("major", a_text, b_text)]


@pytest.mark.parametrize(
    "a,b",
    [
        ("About 50 people died in the flood.", "50 people died in the flood."),
        ("More than 50 people died in the flood.", "More than 50 people were killed in the flood."),
        ("Over 50 people died in the flood.", "More than 50 people died in the flood."),
    ],
)
def test_a_figure_bounded_alike_or_only_approximated_keeps_its_claim(cmp, a, b):
    assert not [c for c in changes_of(cmp(a, b)) if c.type == "number" and c.severity == "major"]


@pytest.mark.parametrize(
    "a,b",
    [
        ("Over 50 people died in the flood.", "More than 50 people died in the flood."),
        ("It will stay cool, no more than 19 degrees.", "It will stay cool, no higher than 19 degrees."),
        ("At least 50 people died in the flood.", "No fewer than 50 people died in the flood."),
    ],
)
def test_one_bound_written_two_ways_is_a_minor_restatement_and_no_negation(cmp, a, b):
    found = changes_of(cmp(a, b))
    assert [(c.type, c.severity) for c in found] == [("number", "minor")]
    assert "the same bound written two ways" in found[0].explanation
