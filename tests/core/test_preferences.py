"""Preferences: declared defaults, and stored values checked when read."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_editor.core import house_style
from desktop_editor.core.preferences import DEFAULTS, EXPORT_FORMATS, Preferences


def test_the_defaults_are_declared_once():
    assert DEFAULTS.credit_required is True  # newsrooms expect every photo credited
    assert DEFAULTS.credit_format == "Picture: {credit}"
    assert DEFAULTS.export_format == "folder"
    assert DEFAULTS.check_spelling is True and DEFAULTS.spelling_languages == ()
    assert DEFAULTS.store_location == ""
    assert Preferences.from_stored({}) == DEFAULTS
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULTS.credit_required = False  # type: ignore[misc]


def test_the_export_formats_are_the_exporters():
    from desktop_editor.core.export import ExportFormat

    assert EXPORT_FORMATS == tuple(format.value for format in ExportFormat)


def test_stored_text_is_read_as_the_fields_type():
    stored = {
        "credit_required": "false", "check_spelling": "true", "font_size": "14", "export_format": "zip",
        "spelling_languages": "en-GB, cy", "credit_format": "Photo: {credit}", "store_location": "/srv/a.sqlite",
    }  # fmt: skip
    chosen = Preferences.from_stored(stored)
    assert chosen == Preferences(
        credit_format="Photo: {credit}", credit_required=False, export_format="zip", check_spelling=True,
        spelling_languages=("en-GB", "cy"), store_location="/srv/a.sqlite", font_size=14,
    )  # fmt: skip
    assert Preferences.from_stored({"spelling_languages": ["de"]}).spelling_languages == ("de",)
    assert chosen.differences() == {name: getattr(chosen, name) for name in stored if name != "check_spelling"} | {
        "font_size": 14
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("credit_required", "maybe"), ("credit_required", 2), ("check_spelling", None),
        ("font_size", "large"), ("font_size", True), ("font_size", 400), ("measure_chars", 3.5),
        ("export_format", "pdf"), ("export_format", 1), ("credit_format", "no placeholder"),
        ("spelling_languages", "english please"), ("spelling_languages", [1, 2]), ("store_location", ["a"]),
        ("unknown_setting", "x"),
    ],
)  # fmt: skip
def test_a_bad_stored_value_is_the_default_and_never_an_error(name, value):
    read = Preferences.from_stored({name: value, "export_format": "single"} if name != "export_format" else {name: value})
    assert getattr(read, name, None) == getattr(DEFAULTS, name, None)
    if name != "export_format":
        assert read.export_format == "single"  # the good values beside it are kept


def test_the_house_style_requires_a_credit_by_default_and_the_window_reads_a_bad_file_field_by_field(tmp_path):
    path = tmp_path / "house-style.toml"
    assert house_style.load(path).credit_required is True
    path.write_text('credit_required = "no"\ncredit_format = "Photo: {credit}"\npublisher = "Gazette"\n')
    with pytest.raises(house_style.HouseStyleError, match="credit_required"):
        house_style.load(path)  # the command line names the mistake
    lenient = house_style.load_lenient(path)
    assert (lenient.credit_required, lenient.credit_format, lenient.publisher) == (True, "Photo: {credit}", "Gazette")
    path.write_text("credit_required = [not toml")
    assert house_style.load_lenient(path) == house_style.DEFAULTS
    path.write_text("credit_required = false\n")
    assert house_style.load_lenient(path).credit_required is False
