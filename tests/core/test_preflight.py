"""Preflight: each rule triggered and not triggered."""

from __future__ import annotations

import pytest

from desktop_editor.core.model import Article, Figure
from desktop_editor.core.preflight import (
    Finding,
    PreflightSettings,
    Severity,
    figure_references,
    has_errors,
    preflight,
)

STANDFIRST = "The crossing over the river will open in 2028."


def figure(handle="bridge", **fields) -> Figure:
    values = dict(
        image_sha256=f"sha-{handle}",
        caption="The new bridge as planned.",
        credit="City Council",
        alt="Artist's impression of a cable-stayed bridge",
    )
    values.update(fields)
    return Figure(handle=handle, **values)


def article(**fields) -> Article:
    values = dict(
        headline="Council approves new bridge",
        standfirst=STANDFIRST,
        slug="council-approves-new-bridge",
        body="The council voted on Tuesday.\n\n![](image:bridge)\n",
    )
    values.update(fields)
    return Article(**values)


def run(a=None, figures=None, **kwargs) -> list[Finding]:
    return preflight(a or article(), [figure()] if figures is None else figures, **kwargs)


def matching(findings, words: str) -> list[Finding]:
    return [f for f in findings if words.lower() in f.message.lower()]


def test_clean_article_has_no_findings():
    findings = run()
    assert findings == []
    assert not has_errors(findings)


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("headline", ["", "   \n"])
def test_empty_headline_is_an_error(headline):
    findings = run(article(headline=headline))
    (found,) = matching(findings, "headline is empty")
    assert found.severity is Severity.ERROR
    assert found.field == "headline"
    assert found.location == "Headline"
    assert has_errors(findings)


def test_unknown_handle_is_an_error_with_its_line():
    body = "First line.\n\nSecond paragraph.\n\n![](image:nowhere)\n"
    findings = run(article(body=body))
    (found,) = matching(findings, "nowhere")
    assert found.severity is Severity.ERROR
    assert (found.handle, found.line) == ("nowhere", 5)
    assert "Line 5" in found.location


def test_unknown_lead_image_is_an_error():
    findings = run(article(lead_image="ghost"))
    (found,) = matching(findings, "lead image")
    assert found.severity is Severity.ERROR and found.field == "lead_image"


def test_reference_inside_code_is_not_a_figure():
    body = "```\n![](image:nowhere)\n```\n\nUse `![](image:nowhere)` to place one.\n\n![](image:bridge)"
    assert [r.handle for r in figure_references(body)] == ["bridge"]
    assert run(article(body=body)) == []


def test_missing_alt_text_is_an_error():
    findings = run(figures=[figure(alt="  ")])
    (found,) = matching(findings, "no alt text")
    assert found.severity is Severity.ERROR
    assert (found.handle, found.field, found.line) == ("bridge", "alt", 3)


def test_alt_in_brackets_overrides_missing_alt():
    findings = run(article(body="Text.\n\n![A bridge at dusk](image:bridge)"), [figure(alt="")])
    assert not matching(findings, "alt text")


def test_lead_photo_without_alt_is_an_error():
    a = article(lead_image="bridge", body="Text only.")
    findings = run(a, [figure(alt="")])
    assert matching(findings, "lead photo has no alt text")[0].severity is Severity.ERROR


def test_unreadable_image_is_an_error_when_shown():
    findings = run(unreadable_images={"bridge"})
    (found,) = matching(findings, "cannot be read")
    assert found.severity is Severity.ERROR and found.handle == "bridge"
    assert not matching(run(unreadable_images={"other"}), "cannot be read")


# --- warnings ---------------------------------------------------------------------------


def test_missing_credit_is_an_error_by_default_or_a_warning_by_house_setting():
    findings = run(figures=[figure(credit="")], settings=PreflightSettings(credit_required=False))
    (found,) = matching(findings, "no credit")
    assert found.severity is Severity.WARNING and found.field == "credit"
    assert not has_errors(findings)
    strict = run(figures=[figure(credit="")])  # newsrooms expect a credit: required unless the house says not
    assert matching(strict, "no credit")[0].severity is Severity.ERROR and found.field == "credit"
    assert has_errors(strict)
    assert not matching(run(settings=PreflightSettings(credit_required=True)), "credit")


@pytest.mark.parametrize(
    ("alt", "caption"),
    [("The new bridge as planned.", "The new bridge as planned."),
     ("the new  bridge as planned", "The new bridge as planned.")],
)  # fmt: skip
def test_alt_equal_to_caption_is_a_warning(alt, caption):
    findings = run(figures=[figure(alt=alt, caption=caption)])
    (found,) = matching(findings, "repeats its caption")
    assert found.severity is Severity.WARNING and found.field == "alt"


def test_caption_without_full_stop_is_a_warning():
    findings = run(figures=[figure(caption="The new bridge as planned")])
    (found,) = matching(findings, "full stop")
    assert found.severity is Severity.WARNING and found.field == "caption"
    for ending in ("Is this the bridge?", "Look at it!", "The “new” bridge.”", "It said so (twice)."):
        assert not matching(run(figures=[figure(caption=ending)]), "full stop"), ending


@pytest.mark.parametrize(
    "caption",
    ["The bridge (Picture: City Council).", "The bridge (Photo: Jane Doe)", "The bridge (City Council)."],
)
def test_credit_typed_into_caption_is_a_warning(caption):
    findings = run(figures=[figure(caption=caption)])
    (found,) = matching(findings, "credit typed into it")
    assert found.severity is Severity.WARNING and found.field == "caption"


def test_caption_with_brackets_but_no_credit_is_fine():
    assert run(figures=[figure(caption="The bridge (seen from the north).")]) == []


def test_attached_but_never_placed_is_a_warning():
    findings = run(figures=[figure(), figure("spare", image_sha256="sha-spare")])
    (found,) = matching(findings, "never placed")
    assert found.severity is Severity.WARNING and found.handle == "spare"


def test_lead_image_counts_as_placed():
    a = article(lead_image="spare")
    findings = run(a, [figure(), figure("spare", image_sha256="sha-spare")])
    assert not matching(findings, "never placed")


def test_same_handle_placed_twice_is_a_warning():
    body = "One.\n\n![](image:bridge)\n\nTwo.\n\n![](image:bridge)\n"
    findings = run(article(body=body))
    (found,) = matching(findings, "placed twice")
    assert found.severity is Severity.WARNING and found.line == 7
    assert "line 3" in found.message


def test_same_photo_under_two_handles_is_a_warning():
    body = "![](image:bridge)\n\n![](image:copy)\n"
    same = [figure(), figure("copy", image_sha256="sha-bridge")]
    findings = run(article(body=body), same)
    (found,) = matching(findings, "same picture")
    assert found.handle == "copy" and found.severity is Severity.WARNING
    different = [figure(), figure("copy", image_sha256="sha-other")]
    assert not matching(run(article(body=body), different), "same picture")


def test_lead_image_placed_again_in_body_is_a_warning():
    findings = run(article(lead_image="bridge"))
    assert matching(findings, "placed twice")[0].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("target", "warned"), [(100, False), (91, False), (109, False), (80, True), (120, True)]
)
def test_word_count_more_than_ten_percent_off_target(target, warned):
    # The body has 100 words (the image reference is not counted).
    body = " ".join(["word"] * 100) + ".\n\n![](image:bridge)"
    a = article(body=body, word_target=target)
    found = matching(run(a), "target")
    assert bool(found) is warned
    if warned:
        assert found[0].severity is Severity.WARNING and found[0].field == "word_target"


def test_no_word_target_means_no_word_warning():
    assert not matching(run(article(word_target=None)), "target")


@pytest.mark.parametrize(
    ("instructions", "caption", "expected"),
    [
        ("EMBARGOED until 0001 GMT 12 May", "A bridge.", "embargo"),
        ("Mandatory credit: Getty Images", "A bridge.", "mandatory credit"),
        ("", "Players celebrate. Mandatory Credit: Stephen Dunn/Getty Images.", "mandatory credit"),
        ("Do not crop", "A bridge.", "instructions"),
    ],
)
def test_instructions_from_metadata_are_warnings(instructions, caption, expected):
    findings = run(figures=[figure(instructions=instructions, caption=caption)])
    found = matching(findings, expected)
    assert found and found[0].severity is Severity.WARNING and found[0].handle == "bridge"


def test_standfirst_missing_or_too_long_is_a_warning():
    (missing,) = matching(run(article(standfirst="")), "no standfirst")
    assert missing.severity is Severity.WARNING and missing.field == "standfirst"
    long = " ".join(["word"] * 61)
    (too_long,) = matching(run(article(standfirst=long)), "61 words")
    assert too_long.severity is Severity.WARNING
    assert not matching(run(article(standfirst=" ".join(["word"] * 60))), "standfirst")


def test_slug_taken_is_a_warning():
    (found,) = run(slug_taken=True)
    assert found.severity is Severity.WARNING and found.field == "slug"
    assert "council-approves-new-bridge" in found.message


def test_errors_come_first_and_every_message_is_a_sentence():
    a = article(headline="", standfirst="", body="![](image:ghost)\n\n![](image:bridge)")
    findings = run(a, [figure(credit="", caption="No stop"), figure("spare")], slug_taken=True)
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)
    for found in findings:
        assert found.message[0].isupper() and found.message.rstrip("”").endswith("."), found
        assert found.location


def test_location_strings():
    assert Finding(Severity.ERROR, "x.", handle="a", line=3).location == "Line 3, photo “a”"
    assert Finding(Severity.ERROR, "x.", field="credit", handle="a").location == "photo “a”, credit"
    assert Finding(Severity.ERROR, "x.", field="standfirst").location == "Standfirst"
    assert Finding(Severity.ERROR, "x.").location == "Article"


def test_what_ingest_noticed_about_a_shown_photo_is_a_warning():
    findings = run(photo_warnings={"bridge": ["is an animation of 5 frames: only the first frame is used"]})
    assert [(f.severity, f.message, f.handle) for f in findings] == [
        (
            Severity.WARNING,
            "The photo “bridge” is an animation of 5 frames: only the first frame is used.",
            "bridge",
        )
    ]
    assert not has_errors(findings)


def test_an_animated_gif_attached_and_placed_is_flagged_by_the_check(store, tmp_path):
    import io

    from PIL import Image

    from desktop_editor.workflows import attach_files, preflight_article

    frames = [Image.new("RGB", (40, 30), (50 * i, 90, 160)) for i in range(3)]
    path = tmp_path / "loop.gif"
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100)
    path.write_bytes(out.getvalue())
    created = store.create_article(article(body="Text.\n\n![](image:loop)\n"))
    added, refused = attach_files(store, created.id, [path], given={"credit": "Desk", "alt": "A loop"})
    assert refused == [] and [f.handle for f in added] == ["loop"]
    messages = [f.message for f in preflight_article(store, store.get_article(created.id))]
    assert "The photo “loop” is an animation of 3 frames: only the first frame is used." in messages


@pytest.mark.parametrize(
    "body, line",
    [
        ("\tThe council voted on Tuesday.\n\n![](image:bridge)\n", 1),  # a stray Tab on the lede
        ("The council voted.\n\n    Councillors said the bridge was overdue.\n\n![](image:bridge)\n", 3),
    ],
)
def test_a_paragraph_indented_into_code_is_a_warning_with_its_line(body, line):
    findings = matching(run(article(body=body)), "published as code")
    assert [(f.severity, f.line) for f in findings] == [(Severity.WARNING, line)]


@pytest.mark.parametrize(
    "body",
    [
        "- First point\n\n    more about the first point\n\n![](image:bridge)\n",  # a list item's paragraph
        "The council voted\n    on Tuesday.\n\n![](image:bridge)\n",  # a paragraph's own next line
        "Fenced:\n\n```\n    indented inside a fence\n```\n\n![](image:bridge)\n",
    ],
)
def test_indents_that_are_not_code_blocks_are_not_flagged(body):
    assert matching(run(article(body=body)), "published as code") == []


def test_a_photo_that_cannot_stand_as_a_figure_is_reported_with_its_line():
    body = "The council voted.\n\n# Plans ![](image:bridge)\n"
    found = matching(run(article(body=body)), "inside")
    assert [(f.severity, f.line, f.handle) for f in found] == [(Severity.ERROR, 3, "bridge")]
    relaxed = matching(run(article(body=body), settings=PreflightSettings(credit_required=False)), "inside")
    assert [f.severity for f in relaxed] == [Severity.WARNING]


@pytest.mark.parametrize(
    "body", ["The council voted.\n![](image:bridge)\n", "See ![](image:bridge) here.", "- ![](image:bridge)"]
)
def test_a_photo_placed_against_text_is_a_figure_so_the_check_is_quiet(body):
    assert matching(run(article(body=body)), "inside") == []


@pytest.mark.parametrize(
    "link, address",
    [
        ("[the guidance](www.gov.uk/mod)", "www.gov.uk/mod"),
        ("[the guidance](WWW.gov.uk)", "WWW.gov.uk"),
        ("[the guidance](gov.uk/mod)", "gov.uk/mod"),
        ("[the Navy](royalnavy.mod.uk)", "royalnavy.mod.uk"),
        ("[the Navy]\n\n[the Navy]: forces.net/news", "forces.net/news"),
    ],
)
def test_a_web_address_without_a_scheme_is_a_warning_with_its_line(link, address):
    body = f"The council voted.\n\n![](image:bridge)\n\nRead {link} now.\n"
    (found,) = matching(run(article(body=body)), "https://")
    assert found.severity is Severity.WARNING
    assert found.line == (5 if "]:" not in link else 7)
    assert address in found.message and f"https://{address}" in found.message


@pytest.mark.parametrize("link", ["[the guidance]()", "[the guidance](#)", "[the guidance]( # )"])
def test_an_empty_or_hash_link_is_a_warning_with_its_line(link):
    body = f"The council voted.\n\n![](image:bridge)\n\nRead {link} now.\n"
    (found,) = matching(run(article(body=body)), "no address")
    assert (found.severity, found.line) == (Severity.WARNING, 5)
    assert "the guidance" in found.message


@pytest.mark.parametrize(
    "link",
    [
        "[guidance](https://www.gov.uk/mod)", "[mail](mailto:desk@example.org)", "[notes](#notes)",
        "[page](index.html)", "[page](/news/today)", "[photo](images/a.jpg)", "`[code](www.x.org)`",
        "<https://www.gov.uk>",
    ],
)  # fmt: skip
def test_working_links_are_not_flagged(link):
    body = f"The council voted.\n\n![](image:bridge)\n\nRead {link} now.\n"
    assert matching(run(article(body=body)), "address") == []


def test_an_email_address_linked_without_mailto_is_a_warning():
    body = "The council voted.\n\n![](image:bridge)\n\nWrite to [the desk](desk@example.org).\n"
    (found,) = matching(run(article(body=body)), "mailto:desk@example.org")
    assert found.line == 5


@pytest.mark.parametrize("field", ["headline", "standfirst"])
def test_straight_quotes_left_in_the_headline_or_standfirst_are_a_warning(field):
    (found,) = matching(run(article(**{field: "Mayor's \"no\" to the bridge."})), "straight quotes")
    assert (found.severity, found.field) == (Severity.WARNING, field)
    assert matching(run(article(**{field: "Mayor’s “no” to the bridge."})), "straight quotes") == []
