"""check and export, with the house style from the one settings file (or per call)."""

from __future__ import annotations

import sys
from argparse import Namespace

from desktop_editor.commands.output import print_findings
from desktop_editor.storage.store import Store


def house_style(args: Namespace):
    """The settings file's house style with this call's --credit-format, --require-credit,
    --base-url... over it."""
    from desktop_editor.core import house_style as house

    style = house.load()
    changes = {}
    if getattr(args, "credit_format", None) is not None:
        changes["credit_format"] = house.check_credit_format(args.credit_format, "--credit-format")
    if getattr(args, "require_credit", None) is not None:
        changes["credit_required"] = args.require_credit
    if getattr(args, "base_url", None) is not None:
        changes["base_url"] = house.check_base_url(args.base_url, "--base-url")
    if getattr(args, "publisher", None) is not None:
        changes["publisher"] = args.publisher.strip()
    return style.replace(**changes)


def preflight_settings(style):
    from desktop_editor.core.preflight import PreflightSettings

    return PreflightSettings(credit_required=style.credit_required, credit_format=style.credit_format)


def cmd_check(store: Store, args: Namespace) -> int:
    from desktop_editor.workflows import blocking, preflight_article

    style = house_style(args)
    article = store.find_article(args.article)
    findings = preflight_article(store, article, preflight_settings(style))
    print_findings(findings)
    if not findings:
        print("No problems found.")
    return 1 if blocking(findings, args.strict) else 0


def cmd_export(store: Store, args: Namespace) -> int:
    from desktop_editor.core.export import ExportFormat, ExportSettings
    from desktop_editor.workflows import ExportRefused, publish

    style = house_style(args)
    article = store.find_article(args.article)
    settings = ExportSettings.from_house_style(style)
    try:
        written, findings = publish(
            store, article, args.out, ExportFormat(args.format), settings=settings,
            preflight_settings=preflight_settings(style), strict=args.strict, force=args.force,
        )  # fmt: skip
    except ExportRefused as refusal:
        print_findings(refusal.findings, sys.stderr)
        raise
    print_findings(findings, sys.stderr)  # the warnings, which did not stop it
    print(f"Exported to {written}")
    return 0


HANDLERS = {"check": cmd_check, "export": cmd_export}
